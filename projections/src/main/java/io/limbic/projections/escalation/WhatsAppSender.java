package io.limbic.projections.escalation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.limbic.projections.escalation.ChannelSender.Delivered;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * WhatsApp through a Cloud-API-compatible endpoint: {@code POST {base}/{version}/{phone-number-id}/messages} with a
 * Bearer token and a text message; the answer's {@code messages[0].id} becomes the delivery's reference.
 */
final class WhatsAppSender {
  static final String WHAT = "whatsapp channel";
  /** The Cloud API's limit for a text body. */
  static final int MAX_BODY = 4096;

  record Text(@JsonProperty("preview_url") boolean previewUrl, String body) {}

  record Message(
      @JsonProperty("messaging_product") String messagingProduct,
      @JsonProperty("recipient_type") String recipientType, String to, String type, Text text) {}

  private final ProviderHttp http;
  private final Optional<EscalationProviders.WhatsApp> settings;

  WhatsAppSender(ProviderHttp http, Optional<EscalationProviders.WhatsApp> settings) {
    this.http = http;
    this.settings = settings;
  }

  CompletionStage<Delivered> send(ContactChannel.WhatsApp channel, EscalationNotice n) {
    if (settings.isEmpty()) {
      return CompletableFuture.failedFuture(DeliveryFailures.permanent(WHAT + ": the WhatsApp provider is not "
          + "configured (limbic.escalation.providers.whatsapp: base-url, api-version, phone-number-id, access-token)"));
    }
    if (!PhoneNumbers.isE164(channel.to())) {
      return CompletableFuture.failedFuture(DeliveryFailures.permanent(WHAT + ": to is not an E.164 phone number"));
    }
    EscalationProviders.WhatsApp wa = settings.get();
    String text = EscalationMessage.text(n);
    if (text.length() > MAX_BODY) text = text.substring(0, MAX_BODY - 200) + "...\nAcknowledge: " + n.ackUrl();
    Message message = new Message("whatsapp", "individual", channel.to(), "text", new Text(false, text));
    String url = wa.baseUrl() + "/" + encode(wa.apiVersion()) + "/" + encode(wa.phoneNumberId()) + "/messages";
    HttpRequest request = http.request(url, n)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + wa.accessToken())
        .POST(HttpRequest.BodyPublishers.ofByteArray(ProviderHttp.json(message)))
        .build();
    return http.call("whatsapp", WHAT, request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Delivered(channel.type(), ProviderHttp.field(response.body(), "messages", "0", "id")));
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}
