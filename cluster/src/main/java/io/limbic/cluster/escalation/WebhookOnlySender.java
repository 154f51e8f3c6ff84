package io.limbic.cluster.escalation;

import io.limbic.projections.db.StoredJson;
import io.limbic.projections.escalation.ChannelSender;
import io.limbic.projections.escalation.ContactChannel;
import io.limbic.projections.escalation.EscalationNotice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The interim sender until part D2's {@code ChannelSenders} (every provider, built from node config) is merged:
 * webhooks only, as the JSON, signed {@code X-Limbic-Signature: sha256=<hex>} with the node's escalation
 * secret and carrying {@code Idempotency-Key}. Any other channel fails without retry.
 * TODO(D2): replace by ChannelSenders in LimbicNode's escalation wiring (the only place this is built).
 */
public final class WebhookOnlySender implements ChannelSender {
  private final HttpClient http;
  private final Duration timeout;
  private final byte[] secret;

  public WebhookOnlySender(byte[] secret, Duration timeout) {
    this.secret = secret.clone();
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public CompletionStage<Delivered> send(ContactChannel channel, EscalationNotice notice) {
    if (!(channel instanceof ContactChannel.Webhook webhook)) {
      return CompletableFuture.failedFuture(
          new DeliveryFailed("no sender for " + channel.type() + " channels on this node yet", false));
    }
    byte[] body = body(notice);
    HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url()))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", notice.idempotencyKey())
        .header("X-Limbic-Signature", "sha256=" + HexFormat.of().formatHex(hmac(body)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
      int status = response.statusCode();
      if (status >= 200 && status < 300) return new Delivered("webhook", null);
      boolean retryable = status == 408 || status == 429 || status >= 500;
      throw new DeliveryFailed("webhook answered " + status, retryable);
    });
  }

  static byte[] body(EscalationNotice n) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("incidentId", n.incidentId());
    json.put("contact", n.contact());
    json.put("ackUrl", n.ackUrl());
    json.put("userId", n.userId());
    json.put("company", n.company());
    json.put("lifetimeValue", n.lifetimeValue());
    json.put("currency", n.currency());
    json.put("emotion", n.emotion());
    json.put("confidence", n.confidence());
    json.put("page", n.page());
    json.put("evidence", n.evidence());
    json.put("idempotencyKey", n.idempotencyKey());
    try {
      return StoredJson.MAPPER.writeValueAsBytes(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render the notice", e);
    }
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}
