package io.limbic.cluster.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.identity.EmailDomain;
import io.limbic.protocol.Ids;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.http.Validated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Segment calls ({@code track}, {@code identify}, {@code alias}, {@code page}, {@code screen}, {@code group})
 * rewritten as Limbic's own ingestion bodies, so they take the same validation, limits and deduplication as
 * {@code /v1/identify} and {@code /v1/events}. {@code track}, {@code page}, {@code screen} and {@code group} become
 * product events whose id is the call's {@code messageId}; {@code identify} and {@code alias} become identifies
 * (an alias links its {@code previousId} to the user as an anonymous id).
 */
public final class SegmentCalls {
  /** Segment's limits: 32 KB per call, 500 KB per batch request. */
  public static final int MAX_CALL_BYTES = 32 * 1024;
  public static final int MAX_BATCH_BYTES = 500 * 1024;
  public static final Set<String> TYPES = Set.of("track", "identify", "alias", "page", "screen", "group");
  static final String SESSION_PREFIX = "seg-";

  /** An identify body for {@code POST /v1/identify} and the index of its call in the request. */
  public record Link(int index, ObjectNode body) {}

  /** What the calls became: product events (with their indices), identifies, and the calls refused here. */
  public record Translated(ArrayNode productEvents, List<Integer> productIndices, List<Link> links,
      List<BatchItemError> refused) {}

  private SegmentCalls() {}

  /**
   * The calls of a request: the {@code batch} array of a {@code /v1/batch} body, or the body itself as one call of
   * {@code pathType}. Invalid when the body is not that shape or a call is over {@link #MAX_CALL_BYTES}: Segment
   * answers 400 then, and nothing of the request is recorded.
   */
  public static Validated<List<JsonNode>> calls(JsonNode body, Optional<String> pathType) {
    if (!body.isObject()) return Validated.invalid("invalid_body", "the body must be a JSON object");
    List<JsonNode> out = new ArrayList<>();
    if (pathType.isEmpty()) {
      JsonNode batch = body.get("batch");
      if (batch == null || !batch.isArray()) {
        return Validated.invalid("invalid_body", "the body must be {\"batch\": [ ... ]}");
      }
      batch.forEach(out::add);
    } else {
      ObjectNode call = ((ObjectNode) body).deepCopy();
      call.put("type", pathType.get());
      out.add(call);
    }
    for (int i = 0; i < out.size(); i++) {
      if (size(out.get(i)) > MAX_CALL_BYTES) {
        return Validated.invalid("call_too_large", (pathType.isEmpty() ? "call " + i + " of the batch" : "the call")
            + " is over " + MAX_CALL_BYTES + " bytes (Segment's limit per call); nothing was recorded");
      }
    }
    return Validated.valid(out);
  }

  /** The call's size as JSON in UTF-8, as the SDKs measure it before sending. */
  static int size(JsonNode call) {
    try {
      return Json.MAPPER.writeValueAsString(call).getBytes(StandardCharsets.UTF_8).length;
    } catch (JsonProcessingException e) {
      return Integer.MAX_VALUE;
    }
  }

  public static Translated translate(List<JsonNode> calls, Instant now) {
    ArrayNode products = Json.MAPPER.createArrayNode();
    List<Integer> indices = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    List<BatchItemError> refused = new ArrayList<>();
    for (int at = 0; at < calls.size(); at++) {
      int i = at;
      JsonNode call = calls.get(i);
      String type = call.isObject() ? call.path("type").asText("") : "";
      switch (type) {
        case "identify" -> identify(call).ifPresentOrElse(body -> links.add(new Link(i, body)),
            () -> refused.add(new BatchItemError(i, "user_required",
                "an identify needs a userId: traits of an anonymous id are not kept")));
        case "alias" -> alias(call).ifPresentOrElse(body -> links.add(new Link(i, body)),
            () -> refused.add(new BatchItemError(i, "invalid_alias",
                "an alias needs a userId and a previousId of " + Ids.describeRule())));
        case "track", "page", "screen", "group" -> {
          products.add(productEvent(call, now));
          indices.add(i);
        }
        default -> refused.add(new BatchItemError(i, "unsupported_type",
            "type must be one of track, identify, alias, page, screen, group"));
      }
    }
    return new Translated(products, indices, links, refused);
  }

  /** An identify: the user, its anonymous id (linked) and {@code traits.email} (the company comes from it). */
  static Optional<ObjectNode> identify(JsonNode call) {
    Optional<String> user = text(call, "userId");
    if (user.isEmpty()) return Optional.empty();
    ObjectNode body = link(user.get());
    text(call, "anonymousId").filter(a -> !a.equals(user.get()) && Ids.isValid(a))
        .ifPresent(a -> body.put("anonymousId", a));
    text(call.path("traits"), "email").or(() -> text(call.path("context").path("traits"), "email"))
        .filter(EmailDomain::isValidAddress)
        .ifPresent(email -> body.putObject("traits").put("email", email));
    return Optional.of(body);
  }

  /** An alias: {@code previousId} becomes an anonymous id of {@code userId}, so what it holds goes to the user. */
  static Optional<ObjectNode> alias(JsonNode call) {
    Optional<String> user = text(call, "userId");
    Optional<String> previous = text(call, "previousId");
    if (user.isEmpty() || previous.isEmpty() || !Ids.isValid(previous.get())) return Optional.empty();
    ObjectNode body = link(user.get());
    if (!previous.get().equals(user.get())) body.put("anonymousId", previous.get());
    return Optional.of(body);
  }

  /**
   * Identify needs a session; a server-side SDK has none, so the user's own Segment session stands in
   * ({@code seg-<userId>}, or {@code seg-} and a digest of the user id when that would be too long).
   */
  private static ObjectNode link(String user) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    String session = SESSION_PREFIX + user;
    body.put("sessionId", Ids.isValid(session) ? session : SESSION_PREFIX + KeyDigests.hexDigest(user).substring(0, 32));
    body.put("userId", user);
    return body;
  }

  /**
   * A product event: owner {@code userId}, else {@code anonymousId}; id the {@code messageId}; time
   * {@code timestamp}, else {@code originalTimestamp}, else now; type the event name ({@link #typeOf}) for a track
   * and the call's type otherwise; {@code properties.revenue} (else {@code total}, else {@code amount}) with
   * {@code properties.currency} its amount.
   */
  static ObjectNode productEvent(JsonNode call, Instant now) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    Optional<String> user = text(call, "userId");
    if (user.isPresent()) item.put("userId", user.get());
    else text(call, "anonymousId").ifPresent(a -> item.put("anonymousId", a));
    String type = call.path("type").asText();
    item.put("type", type.equals("track") ? typeOf(call.path("event").asText("")) : type);
    item.put("id", messageId(call));
    item.put("at", text(call, "timestamp").or(() -> text(call, "originalTimestamp")).orElse(now.toString()));
    JsonNode properties = call.path("properties");
    Optional<JsonNode> amount = number(properties, "revenue").or(() -> number(properties, "total"))
        .or(() -> number(properties, "amount"));
    Optional<String> currency = text(properties, "currency");
    if (amount.isPresent() && currency.isPresent()) {
      item.set("amount", amount.get());
      item.put("currency", currency.get());
    }
    return item;
  }

  /**
   * The event id: the {@code messageId} when it is a valid id (the SDKs' are); another string is replaced by a
   * digest of itself, so its retries still count once; none, a fresh id (then a retry counts again).
   */
  static String messageId(JsonNode call) {
    Optional<String> id = text(call, "messageId");
    if (id.isEmpty()) return "seg-" + UUID.randomUUID();
    if (Ids.isValid(id.get())) return id.get();
    return "seg-" + KeyDigests.hexDigest(id.get()).substring(0, 32);
  }

  /**
   * Segment's e-commerce spec names the events whose amount is revenue: {@code Order Completed} is a
   * {@code purchase}, {@code Order Refunded} a {@code refund}; any other name as PostHog's are
   * ({@link PostHogEvents#typeOf}: {@code Signed Up} -> {@code signed_up}).
   */
  static String typeOf(String event) {
    return switch (event) {
      case "Order Completed" -> "purchase";
      case "Order Refunded" -> "refund";
      default -> PostHogEvents.typeOf(event);
    };
  }

  private static Optional<JsonNode> number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? Optional.of(value) : Optional.empty();
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }
}
