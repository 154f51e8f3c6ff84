package io.limbic.projections.escalation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.limbic.projections.escalation.ChannelSender.Delivered;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * PagerDuty Events API v2: {@code POST {base}/v2/enqueue} a trigger event whose {@code dedup_key} is the notice's
 * idempotency key (so a repeat folds into the same alert), severity critical, the facts in {@code custom_details}
 * and the acknowledgement link in {@code links}. PagerDuty answers 202 and echoes the dedup key.
 */
final class PagerDutySender {
  static final String WHAT = "pagerduty channel";
  static final int MAX_SUMMARY = 1024;
  static final int MAX_DEDUP_KEY = 255;

  record Details(
      String incidentId, String contact, String userId, String company, BigDecimal lifetimeValue, String currency,
      String emotion, double confidence, String page, String evidence, String ackUrl) {}

  record Payload(String summary, String source, String severity, @JsonProperty("custom_details") Details details) {}

  record Link(String href, String text) {}

  record Event(
      @JsonProperty("routing_key") String routingKey, @JsonProperty("event_action") String eventAction,
      @JsonProperty("dedup_key") String dedupKey, Payload payload, List<Link> links) {}

  private final ProviderHttp http;
  private final Optional<EscalationProviders.PagerDuty> settings;

  PagerDutySender(ProviderHttp http, Optional<EscalationProviders.PagerDuty> settings) {
    this.http = http;
    this.settings = settings;
  }

  CompletionStage<Delivered> send(ContactChannel.PagerDuty channel, EscalationNotice n) {
    if (settings.isEmpty()) {
      return CompletableFuture.failedFuture(DeliveryFailures.permanent(
          WHAT + ": PagerDuty is not configured (limbic.escalation.providers.pagerduty: base-url, source)"));
    }
    if (channel.routingKey() == null || channel.routingKey().isBlank()) {
      return CompletableFuture.failedFuture(DeliveryFailures.permanent(WHAT + ": the routing key is empty"));
    }
    HttpRequest request = http.request(settings.get().baseUrl() + "/v2/enqueue", n)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(ProviderHttp.json(event(channel, n, settings.get().source()))))
        .build();
    return http.call("pagerduty", WHAT, request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Delivered(channel.type(), ProviderHttp.field(response.body(), "dedup_key")));
  }

  static Event event(ContactChannel.PagerDuty channel, EscalationNotice n, String source) {
    WebhookSender.Body b = WebhookSender.body(n);
    Details details = new Details(b.incidentId(), b.contact(), b.userId(), b.company(), b.lifetimeValue(),
        b.currency(), b.emotion(), b.confidence(), b.page(), b.evidence(), b.ackUrl());
    String summary = EscalationMessage.summary(n);
    if (summary.length() > MAX_SUMMARY) summary = summary.substring(0, MAX_SUMMARY - 3) + "...";
    return new Event(channel.routingKey(), "trigger", dedupKey(n.idempotencyKey()),
        new Payload(summary, source, "critical", details), List.of(new Link(n.ackUrl(), "Acknowledge")));
  }

  /** The idempotency key itself, or its SHA-256 when longer than PagerDuty keeps. */
  static String dedupKey(String key) {
    if (key.length() <= MAX_DEDUP_KEY) return key;
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
