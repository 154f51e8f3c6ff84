package io.limbic.cluster.interventions;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.interventions.InterventionConfig;
import io.limbic.analytics.interventions.InterventionContext;
import io.limbic.analytics.interventions.Variant;
import io.limbic.protocol.intervention.StoredInterventionConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The HTTP body of {@code PUT /v1/interventions/config} to a config and back. Fields left out take the documented
 * defaults; every problem is collected (wrong JSON types here, the rules in {@link InterventionConfig#errors()}),
 * so one 400 names all of them.
 */
public final class InterventionConfigJson {
  private static final Set<String> TOP = Set.of("contexts", "successEvent", "failureEvent", "attributionWindow",
      "holdout", "burnIn", "floor");
  private static final Set<String> CONTEXT = Set.of("id", "emotion", "page", "minConfidence", "minLifetimeValue",
      "variants");
  private static final Set<String> VARIANT = Set.of("id", "channel", "url", "payload", "cost");

  /** The config, or the errors ("field: what is wrong") that make it invalid. */
  public record Parsed(InterventionConfig config, List<String> errors) {}

  /** What GET answers and PUT echoes: the stored config in the body's own shape. */
  public record View(
      List<ContextView> contexts, String successEvent, String failureEvent, String attributionWindow,
      double holdout, int burnIn, double floor) {}

  public record ContextView(
      String id, String emotion, String page, double minConfidence, double minLifetimeValue,
      List<VariantView> variants) {}

  public record VariantView(String id, String channel, String url, JsonNode payload, double cost) {}

  private InterventionConfigJson() {}

  public static Parsed parse(JsonNode json) {
    List<String> errors = new ArrayList<>();
    if (!json.isObject()) return new Parsed(null, List.of("body: a JSON object"));
    unknown(json, TOP, "", errors);
    List<InterventionContext> contexts = new ArrayList<>();
    JsonNode cs = json.get("contexts");
    if (cs == null || !cs.isArray()) {
      errors.add("contexts: an array of contexts, required");
    } else {
      for (int i = 0; i < cs.size(); i++) contexts.add(context(cs.get(i), "contexts[" + i + "]", errors));
    }
    InterventionConfig config = new InterventionConfig(
        contexts,
        text(json, "successEvent", InterventionConfig.DEFAULT_SUCCESS_EVENT, "", errors),
        text(json, "failureEvent", InterventionConfig.DEFAULT_FAILURE_EVENT, "", errors),
        duration(json, errors),
        number(json, "holdout", InterventionConfig.DEFAULT_HOLDOUT, "", errors),
        integer(json, "burnIn", InterventionConfig.DEFAULT_BURN_IN, errors),
        number(json, "floor", InterventionConfig.DEFAULT_FLOOR, "", errors));
    errors.addAll(config.errors());
    return new Parsed(config, errors);
  }

  private static InterventionContext context(JsonNode c, String at, List<String> errors) {
    if (!c.isObject()) {
      errors.add(at + ": an object");
      return new InterventionContext(null, null, null, 0, 0, List.of());
    }
    unknown(c, CONTEXT, at + ".", errors);
    List<Variant> variants = new ArrayList<>();
    JsonNode vs = c.get("variants");
    if (vs != null && !vs.isArray()) errors.add(at + ".variants: an array");
    if (vs != null && vs.isArray()) {
      for (int j = 0; j < vs.size(); j++) variants.add(variant(vs.get(j), at + ".variants[" + j + "]", errors));
    }
    return new InterventionContext(
        text(c, "id", null, at + ".", errors), text(c, "emotion", null, at + ".", errors),
        text(c, "page", null, at + ".", errors),
        number(c, "minConfidence", InterventionContext.DEFAULT_MIN_CONFIDENCE, at + ".", errors),
        number(c, "minLifetimeValue", InterventionContext.DEFAULT_MIN_LIFETIME_VALUE, at + ".", errors), variants);
  }

  private static Variant variant(JsonNode v, String at, List<String> errors) {
    if (!v.isObject()) {
      errors.add(at + ": an object");
      return new Variant(null, null, null, "{}", 0);
    }
    unknown(v, VARIANT, at + ".", errors);
    JsonNode payload = v.get("payload");
    String payloadText = null;
    if (payload != null && !payload.isObject()) errors.add(at + ".payload: a JSON object");
    else if (payload != null) payloadText = payload.toString();
    return new Variant(text(v, "id", null, at + ".", errors), text(v, "channel", null, at + ".", errors),
        text(v, "url", null, at + ".", errors), payloadText, number(v, "cost", 0, at + ".", errors));
  }

  private static void unknown(JsonNode node, Set<String> known, String at, List<String> errors) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) errors.add(at + name + ": unknown field");
    }
  }

  private static String text(JsonNode node, String field, String fallback, String at, List<String> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return fallback;
    if (!v.isTextual()) {
      errors.add(at + field + ": a string");
      return fallback;
    }
    return v.asText();
  }

  private static double number(JsonNode node, String field, double fallback, String at, List<String> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return fallback;
    if (!v.isNumber()) {
      errors.add(at + field + ": a number");
      return fallback;
    }
    return v.doubleValue();
  }

  private static int integer(JsonNode node, String field, int fallback, List<String> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return fallback;
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      errors.add(field + ": an integer");
      return fallback;
    }
    return v.intValue();
  }

  private static Duration duration(JsonNode node, List<String> errors) {
    JsonNode v = node.get("attributionWindow");
    if (v == null || v.isNull()) return InterventionConfig.DEFAULT_ATTRIBUTION_WINDOW;
    try {
      if (v.isTextual()) return Duration.parse(v.asText());
    } catch (DateTimeParseException e) {
      // reported below
    }
    errors.add("attributionWindow: an ISO-8601 duration such as \"PT24H\"");
    return InterventionConfig.DEFAULT_ATTRIBUTION_WINDOW;
  }

  public static StoredInterventionConfig stored(InterventionConfig c) {
    return new StoredInterventionConfig(
        c.contexts().stream().map(x -> new StoredInterventionConfig.Context(x.id(), x.emotion(), x.page(),
            x.minConfidence(), x.minLifetimeValue(), x.variants().stream()
                .map(v -> new StoredInterventionConfig.Variant(v.id(), v.channel(), v.url(), v.payload(), v.cost()))
                .toList())).toList(),
        c.successEvent(), c.failureEvent(), c.attributionWindow(), c.holdout(), c.burnIn(), c.floor());
  }

  public static InterventionConfig config(StoredInterventionConfig s) {
    return new InterventionConfig(
        s.contexts().stream().map(x -> new InterventionContext(x.id(), x.emotion(), x.page(), x.minConfidence(),
            x.minLifetimeValue(), x.variants().stream()
                .map(v -> new Variant(v.id(), v.channel(), v.url(), v.payload(), v.cost())).toList())).toList(),
        s.successEvent(), s.failureEvent(), s.attributionWindow(), s.holdout(), s.burnIn(), s.floor());
  }

  public static View view(StoredInterventionConfig s) {
    return new View(
        s.contexts().stream().map(x -> new ContextView(x.id(), x.emotion(), x.page(), x.minConfidence(),
            x.minLifetimeValue(), x.variants().stream()
                .map(v -> new VariantView(v.id(), v.channel(), v.url(), readTree(v.payload()), v.cost())).toList()))
            .toList(),
        s.successEvent(), s.failureEvent(), s.attributionWindow().toString(), s.holdout(), s.burnIn(), s.floor());
  }

  private static JsonNode readTree(String json) {
    try {
      return io.limbic.cluster.http.Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("a stored payload is not JSON", e);
    }
  }

  public static StoredInterventionConfig empty() {
    return stored(InterventionConfig.empty());
  }
}
