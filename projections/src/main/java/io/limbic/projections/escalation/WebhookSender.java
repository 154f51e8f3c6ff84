package io.limbic.projections.escalation;

import io.limbic.projections.escalation.ChannelSender.Delivered;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A tenant's own receiver: the notice as JSON, signed, with its idempotency key in the header and the body. */
final class WebhookSender {
  static final String WHAT = "webhook channel";

  /** The body a webhook receives; {@code currency} goes with {@code lifetimeValue}. */
  record Body(
      String incidentId, String contact, String ackUrl, String userId, String company, BigDecimal lifetimeValue,
      String currency, String emotion, double confidence, String page, String evidence, String idempotencyKey) {}

  private final ProviderHttp http;
  private final Optional<EscalationProviders.Webhook> settings;

  WebhookSender(ProviderHttp http, Optional<EscalationProviders.Webhook> settings) {
    this.http = http;
    this.settings = settings;
  }

  CompletionStage<Delivered> send(String tenant, ContactChannel.Webhook channel, EscalationNotice n) {
    if (settings.isEmpty()) {
      return CompletableFuture.failedFuture(DeliveryFailures.permanent(
          WHAT + ": no signing secret is configured (limbic.escalation.providers.webhook.signing-secret)"));
    }
    Optional<String> refusal = http.refusal(WHAT, channel.url());
    if (refusal.isPresent()) return CompletableFuture.failedFuture(DeliveryFailures.permanent(refusal.get()));
    byte[] body = ProviderHttp.json(body(n));
    HttpRequest request = http.request(channel.url(), n)
        .header("Content-Type", "application/json")
        .header(WebhookSignature.HEADER, WebhookSignature.of(tenantKey(tenant), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.call("webhook " + tenant + " " + channel.url(), WHAT, request, HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> new Delivered(channel.type(), null));
  }

  static Body body(EscalationNotice n) {
    BigDecimal value = n.lifetimeValue() == null ? null : n.lifetimeValue().setScale(Math.max(0, n.lifetimeValue().scale()));
    return new Body(n.incidentId(), n.contact(), n.ackUrl(), n.userId(), n.company(), value, n.currency(),
        n.emotion(), n.confidence(), n.page(), EscalationMessage.line(n.evidence()), n.idempotencyKey());
  }

  /** Each tenant's receivers verify with their own key (GET /v1/webhooks/signing-keys), never the node secret. */
  private String tenantKey(String tenant) {
    return WebhookSignature.tenantKey(settings.get().signingSecret(), WebhookSignature.ESCALATION, tenant);
  }
}
