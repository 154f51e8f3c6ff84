package io.limbic.projections.escalation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.limbic.projections.agents.notifications.ChannelDelivery;
import io.limbic.protocol.http.NotificationChannelsInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The HTTP side shared by the HTTP providers: requests go through {@link ChannelDelivery}'s breaker and Retry-After
 * hold (one per receiver), carry the notice's idempotency key and the configured timeout, and bodies are written
 * with the wire mapper (amounts as plain decimals).
 */
final class ProviderHttp {
  static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final ChannelDelivery delivery;
  private final boolean allowPrivateHosts;

  ProviderHttp(ChannelDelivery delivery, boolean allowPrivateHosts) {
    this.delivery = delivery;
    this.allowPrivateHosts = allowPrivateHosts;
  }

  HttpRequest.Builder request(String url, EscalationNotice notice) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(delivery.requestTimeout())
        .header(ChannelDelivery.IDEMPOTENCY_KEY, notice.idempotencyKey());
  }

  <T> CompletionStage<HttpResponse<T>> call(
      String receiver, String what, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delivery.exchange(receiver, what, request, handler);
  }

  /**
   * Why a tenant's receiver URL (webhook, Slack) is not called, if it is not: not an absolute http(s) URL, or one
   * naming a local or private address while the node refuses those (the check the notification channels use).
   */
  Optional<String> refusal(String what, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      return Optional.of(what + " URL is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
      return Optional.of(what + " URL must be an absolute http or https URL with a host");
    }
    if (!allowPrivateHosts && NotificationChannelsInput.isInternal(uri.getHost())) {
      return Optional.of(what + " URL names a local or private address; the node does not call those");
    }
    return Optional.empty();
  }

  static byte[] json(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a provider body", e);
    }
  }

  /** A text field of a provider's JSON answer, or null when the answer is not JSON or lacks it. */
  static String field(String body, String... path) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      for (String step : path) {
        if (node == null) return null;
        node = step.matches("\\d+") ? node.get(Integer.parseInt(step)) : node.get(step);
      }
      return node != null && node.isValueNode() ? node.asText() : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
