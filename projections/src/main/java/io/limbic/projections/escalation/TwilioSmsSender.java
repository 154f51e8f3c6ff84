package io.limbic.projections.escalation;

import io.limbic.projections.escalation.ChannelSender.Delivered;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * SMS through a Twilio-compatible Messages API: {@code POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json},
 * form fields To, From and Body, HTTP Basic with AccountSid and AuthToken; Twilio answers 201 with the message's
 * {@code sid}, which becomes the delivery's reference.
 */
final class TwilioSmsSender {
  static final String WHAT = "sms channel (twilio)";

  private final ProviderHttp http;
  private final Optional<EscalationProviders.Twilio> settings;

  TwilioSmsSender(ProviderHttp http, Optional<EscalationProviders.Twilio> settings) {
    this.http = http;
    this.settings = settings;
  }

  CompletionStage<Delivered> send(ContactChannel.Sms channel, EscalationNotice n) {
    if (settings.isEmpty()) {
      return CompletableFuture.failedFuture(DeliveryFailures.permanent(WHAT + ": the SMS provider is not configured "
          + "(limbic.escalation.providers.twilio: base-url, account-sid, auth-token, from)"));
    }
    if (!PhoneNumbers.isE164(channel.to())) {
      return CompletableFuture.failedFuture(DeliveryFailures.permanent(WHAT + ": to is not an E.164 phone number"));
    }
    EscalationProviders.Twilio twilio = settings.get();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", channel.to());
    form.put("From", twilio.from());
    form.put("Body", EscalationMessage.sms(n));
    String url = twilio.baseUrl() + "/2010-04-01/Accounts/" + encode(twilio.accountSid()) + "/Messages.json";
    String basic = Base64.getEncoder().encodeToString(
        (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = http.request(url, n)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
        .build();
    return http.call("twilio", WHAT, request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Delivered(channel.type(), ProviderHttp.field(response.body(), "sid")));
  }

  static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
