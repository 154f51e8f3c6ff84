package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.identity.EmailDomain;
import io.limbic.protocol.Ids;
import io.limbic.protocol.session.ClientSignalReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * PostHog events rewritten as Limbic's own ingestion bodies, so they take the same validation, limits and
 * deduplication: {@code $pageview} and {@code $autocapture} clicks with a {@code $session_id} become that session's
 * telemetry ({@link #sample}), {@code $identify} becomes an identify ({@code $set.email} its trait, {@code $anon_distinct_id}
 * its anonymous id, {@code $session_id} its session), {@code $create_alias} an identify linking the alias
 * ({@link #alias}), everything else a product event whose id is the event's
 * {@code uuid} and whose type is the event name in lower case with other characters as {@code _} (so
 * {@code $pageleave} is {@code pageleave}). {@code properties.amount} with {@code properties.currency} become the
 * event's amount. {@code $rageclick} and {@code $dead_click} with a {@code $session_id} are also that session's
 * client-reported signals ({@link PostHogSignals}), judged beside its own detection.
 */
public final class PostHogEvents {
  /** An identify body for {@code POST /v1/identify} and the index of its event in the request. */
  public record Identify(int index, ObjectNode body) {}

  /** Telemetry samples for one session and the indices of their events in the request. */
  public record SessionSamples(String sessionId, ArrayNode samples, List<Integer> indices) {}

  /** Client-reported signals ({@link PostHogSignals}) for one session and the indices of their events. */
  public record SessionReports(String sessionId, List<ClientSignalReport> reports, List<Integer> indices) {}

  /**
   * What the request's events became: product-event items (with their indices), identifies, telemetry and the
   * client-reported signals (whose events are product events too).
   */
  public record Translated(ArrayNode productEvents, List<Integer> productIndices, List<Identify> identifies,
      List<SessionSamples> telemetry, List<SessionReports> reports) {}

  private PostHogEvents() {}

  /** The events of a capture body: {@code {batch: [...]}}, a JSON array, or a single event. */
  public static List<JsonNode> events(JsonNode body) {
    JsonNode list = body.isObject() && body.has("batch") ? body.get("batch") : body;
    List<JsonNode> out = new ArrayList<>();
    if (list.isArray()) list.forEach(out::add);
    else if (list.isObject()) out.add(list);
    return out;
  }

  /** The project key: {@code api_key} or {@code token} of the body, else of the first event that has one. */
  public static Optional<String> projectKey(JsonNode body, List<JsonNode> events) {
    Optional<String> top = keyOf(body);
    if (top.isPresent()) return top;
    for (JsonNode event : events) {
      Optional<String> key = keyOf(event).or(() -> text(event.path("properties"), "token"));
      if (key.isPresent()) return key;
    }
    return Optional.empty();
  }

  private static Optional<String> keyOf(JsonNode node) {
    return text(node, "api_key").or(() -> text(node, "token"));
  }

  public static Translated translate(List<JsonNode> events, Instant now) {
    ArrayNode products = Json.MAPPER.createArrayNode();
    List<Integer> indices = new ArrayList<>();
    List<Identify> identifies = new ArrayList<>();
    Map<String, SessionSamples> telemetry = new LinkedHashMap<>();
    Map<String, SessionReports> reports = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      Optional<ObjectNode> sample = sample(event, now);
      Optional<String> session = text(event.path("properties"), "$session_id");
      Optional<ObjectNode> alias = "$create_alias".equals(event.path("event").asText()) ? alias(event) : Optional.empty();
      if ("$identify".equals(event.path("event").asText())) {
        identifies.add(new Identify(i, identify(event)));
      } else if (alias.isPresent()) {
        identifies.add(new Identify(i, alias.get()));
      } else if (sample.isPresent() && session.isPresent()) {
        SessionSamples samples = telemetry.computeIfAbsent(session.get(),
            id -> new SessionSamples(id, Json.MAPPER.createArrayNode(), new ArrayList<>()));
        samples.samples().add(sample.get());
        samples.indices().add(i);
      } else {
        products.add(productEvent(event, now));
        indices.add(i);
        Optional<ClientSignalReport> report = session.flatMap(s -> PostHogSignals.report(event, now));
        if (report.isPresent()) {
          SessionReports held = reports.computeIfAbsent(session.get(),
              id -> new SessionReports(id, new ArrayList<>(), new ArrayList<>()));
          held.reports().add(report.get());
          held.indices().add(i);
        }
      }
    }
    return new Translated(products, indices, identifies, List.copyOf(telemetry.values()),
        List.copyOf(reports.values()));
  }

  /**
   * The session telemetry sample an event stands for: {@code $pageview} a {@code nav} sample to
   * {@code $current_url}, an {@code $autocapture} click a {@code click} sample on its element chain. PostHog's own
   * summaries ({@code $rageclick}, {@code $dead_click}) are not raw clicks (posthog-js sends the clicks too): the
   * session's detectors find rage in the clicks themselves, and the summaries become client-reported signals.
   * {@code t} is the event's time in epoch milliseconds.
   */
  static Optional<ObjectNode> sample(JsonNode event, Instant now) {
    JsonNode properties = event.path("properties");
    String name = event.path("event").asText("");
    ObjectNode sample = Json.MAPPER.createObjectNode();
    if (name.equals("$pageview")) {
      sample.put("type", "nav");
      text(properties, "$current_url").ifPresent(url -> sample.put("url", clip(url)));
    } else if (name.equals("$autocapture") && "click".equals(properties.path("$event_type").asText())) {
      sample.put("type", "click");
      text(properties, "$elements_chain").ifPresent(chain -> sample.put("target", clip(chain)));
    } else {
      return Optional.empty();
    }
    sample.put("t", time(event, now).toEpochMilli());
    return Optional.of(sample);
  }

  private static Instant time(JsonNode event, Instant now) {
    try {
      return text(event, "timestamp").map(t -> java.time.OffsetDateTime.parse(t).toInstant()).orElse(now);
    } catch (java.time.format.DateTimeParseException e) {
      return now;
    }
  }

  private static String clip(String text) {
    return text.length() > 2048 ? text.substring(0, 2048) : text;
  }

  private static String distinctId(JsonNode event) {
    return text(event, "distinct_id").or(() -> text(event.path("properties"), "distinct_id")).orElse("");
  }

  static ObjectNode identify(JsonNode event) {
    JsonNode properties = event.path("properties");
    String user = distinctId(event);
    ObjectNode body = Json.MAPPER.createObjectNode();
    // Identify needs a session; a server-side SDK has none, so the user's own PostHog session stands in.
    body.put("sessionId", text(properties, "$session_id").orElse("ph-" + user));
    body.put("userId", user);
    text(properties, "$anon_distinct_id").filter(a -> !a.equals(user) && Ids.isValid(a))
        .ifPresent(a -> body.put("anonymousId", a));
    text(properties.path("$set"), "email").filter(EmailDomain::isValidAddress)
        .ifPresent(email -> body.putObject("traits").put("email", email));
    return body;
  }

  /**
   * {@code $create_alias} (posthog-node's {@code alias({distinctId, alias})}): {@code properties.alias} becomes an
   * anonymous id of the user {@code distinct_id}, so what it holds goes to the user. Without a valid alias distinct
   * from the user it stays a product event.
   */
  static Optional<ObjectNode> alias(JsonNode event) {
    String user = distinctId(event);
    Optional<String> alias = text(event.path("properties"), "alias");
    if (user.isEmpty() || alias.isEmpty() || alias.get().equals(user) || !Ids.isValid(alias.get())) {
      return Optional.empty();
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("sessionId", text(event.path("properties"), "$session_id").orElse("ph-" + user));
    body.put("userId", user);
    body.put("anonymousId", alias.get());
    return Optional.of(body);
  }

  static ObjectNode productEvent(JsonNode event, Instant now) {
    JsonNode properties = event.path("properties");
    ObjectNode item = Json.MAPPER.createObjectNode();
    String owner = distinctId(event);
    // posthog-js marks events sent before identify; server SDKs send the user's id.
    boolean anonymous = properties.path("$is_identified").isBoolean() && !properties.path("$is_identified").asBoolean();
    item.put(anonymous ? "anonymousId" : "userId", owner);
    item.put("type", typeOf(event.path("event").asText("")));
    item.put("id", text(event, "uuid").orElseGet(() -> UUID.randomUUID().toString()));
    item.put("at", text(event, "timestamp").or(() -> text(properties, "$time")).orElse(now.toString()));
    JsonNode amount = properties.get("amount");
    Optional<String> currency = text(properties, "currency");
    if (amount != null && amount.isNumber() && currency.isPresent()) {
      item.set("amount", amount);
      item.put("currency", currency.get());
    }
    return item;
  }

  /** {@code $pageview} -> {@code pageview}, {@code Signed Up} -> {@code signed_up}; at most 32 characters. */
  static String typeOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^[^a-z]+", "");
    String collapsed = lower.replaceAll("_+", "_").replaceAll("_$", "");
    return collapsed.length() > 32 ? collapsed.substring(0, 32) : collapsed;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }
}
