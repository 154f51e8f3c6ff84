package io.limbic.projections.escalation;

import com.typesafe.config.Config;
import io.limbic.projections.agents.notifications.ChannelSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The node's escalation providers ({@code limbic.escalation.providers}) and how calls to them are guarded
 * ({@code limbic.escalation.delivery}). A provider whose required settings are empty is not configured: channels of
 * its type fail at once, not retryably. The {@code toString} of every part masks its credentials, so a settings
 * object that reaches a log line does not carry them there.
 */
public record EscalationProviders(
    ChannelSettings delivery, boolean allowPrivateHosts, Optional<Webhook> webhook, Optional<Twilio> twilio,
    Optional<WhatsApp> whatsApp, Optional<PagerDuty> pagerDuty, Optional<Smtp> smtp) {
  static final String MASK = "***";

  /** These providers, with webhooks signed by {@code secret} when no signing secret is configured. */
  public EscalationProviders withWebhookSecretIfMissing(String secret) {
    if (webhook.isPresent()) return this;
    return new EscalationProviders(delivery, allowPrivateHosts, Optional.of(new Webhook(secret)), twilio, whatsApp,
        pagerDuty, smtp);
  }

  /** Signs webhook bodies; Slack needs nothing from the node (its URL is its credential). */
  public record Webhook(String signingSecret) {
    @Override
    public String toString() {
      return "Webhook[signingSecret=" + MASK + "]";
    }
  }

  /** A Twilio-compatible Messages API: {@code {baseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json}. */
  public record Twilio(String baseUrl, String accountSid, String authToken, String from) {
    @Override
    public String toString() {
      return "Twilio[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken=" + MASK + ", from=" + from + "]";
    }
  }

  /** A WhatsApp Cloud-API-compatible endpoint: {@code {baseUrl}/{apiVersion}/{phoneNumberId}/messages}. */
  public record WhatsApp(String baseUrl, String apiVersion, String phoneNumberId, String accessToken) {
    @Override
    public String toString() {
      return "WhatsApp[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", phoneNumberId=" + phoneNumberId
          + ", accessToken=" + MASK + "]";
    }
  }

  /** PagerDuty's Events API v2: {@code {baseUrl}/v2/enqueue}; the routing key comes with each channel. */
  public record PagerDuty(String baseUrl, String source) {}

  /** An SMTP server; {@code username} empty means no authentication. */
  public record Smtp(
      String host, int port, String username, String password, String from, boolean startTls, Duration timeout) {
    @Override
    public String toString() {
      return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password=" + MASK + ", from="
          + from + ", startTls=" + startTls + ", timeout=" + timeout + "]";
    }
  }

  /** Reads {@code limbic.escalation} from the node's configuration. */
  public static EscalationProviders from(Config config) {
    Config e = config.getConfig("limbic.escalation");
    Config d = e.getConfig("delivery");
    Config p = e.getConfig("providers");
    ChannelSettings delivery = new ChannelSettings(d.getDuration("request-timeout"), d.getInt("breaker-max-failures"),
        d.getDuration("breaker-reset-timeout"), d.getDuration("max-retry-after-wait"));
    Config w = p.getConfig("webhook");
    Config t = p.getConfig("twilio");
    Config wa = p.getConfig("whatsapp");
    Config pd = p.getConfig("pagerduty");
    Config s = p.getConfig("smtp");
    return new EscalationProviders(delivery, d.getBoolean("allow-private-hosts"),
        filled(w.getString("signing-secret")).map(Webhook::new),
        allFilled(t, "base-url", "account-sid", "auth-token", "from")
            ? Optional.of(new Twilio(trimSlash(t.getString("base-url")), t.getString("account-sid"),
                t.getString("auth-token"), t.getString("from")))
            : Optional.empty(),
        allFilled(wa, "base-url", "api-version", "phone-number-id", "access-token")
            ? Optional.of(new WhatsApp(trimSlash(wa.getString("base-url")), wa.getString("api-version"),
                wa.getString("phone-number-id"), wa.getString("access-token")))
            : Optional.empty(),
        allFilled(pd, "base-url", "source")
            ? Optional.of(new PagerDuty(trimSlash(pd.getString("base-url")), pd.getString("source")))
            : Optional.empty(),
        allFilled(s, "host", "from")
            ? Optional.of(new Smtp(s.getString("host"), s.getInt("port"), s.getString("username"),
                s.getString("password"), s.getString("from"), s.getBoolean("starttls"), s.getDuration("timeout")))
            : Optional.empty());
  }

  private static boolean allFilled(Config c, String... keys) {
    for (String key : keys) if (c.getString(key).isBlank()) return false;
    return true;
  }

  private static Optional<String> filled(String value) {
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
