package io.limbic.cluster.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.projections.http.Json;
import io.limbic.protocol.http.Validated;
import java.util.List;
import java.util.Map;

/**
 * A tenant's thresholds as JSON: a {@code PUT} names only what it changes; the rest keeps its default. Unknown
 * fields and out-of-range values are refused.
 */
public final class SignalThresholdsJson {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  // Strict: "3" or 3.5 for a whole number is a client bug, not something to guess about.
  private static final ObjectMapper STRICT =
      Json.MAPPER.copy()
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private SignalThresholdsJson() {}

  /** The complete thresholds after applying {@code changes} to the defaults, or why they cannot be used. */
  public static Validated<Map<String, Object>> overDefaults(JsonNode changes) {
    if (changes == null || !changes.isObject()) {
      return Validated.invalid("invalid_body", "thresholds must be a JSON object");
    }
    ObjectNode merged = Json.MAPPER.valueToTree(SignalThresholds.defaults());
    var names = changes.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!merged.has(name)) return Validated.invalid("unknown_field", "no threshold named " + name);
      merged.set(name, changes.get(name));
    }
    SignalThresholds thresholds;
    try {
      thresholds = STRICT.treeToValue(merged, SignalThresholds.class);
    } catch (JsonProcessingException e) {
      return Validated.invalid("invalid_field", "a threshold has the wrong type: " + e.getOriginalMessage());
    }
    List<String> errors = thresholds.validate();
    if (!errors.isEmpty()) return Validated.invalid("invalid_thresholds", String.join("; ", errors));
    return Validated.valid(Json.MAPPER.convertValue(thresholds, MAP));
  }

  /** Thresholds stored by a tenant, or the defaults when there are none. */
  public static SignalThresholds of(Map<String, Object> stored) {
    if (stored == null || stored.isEmpty()) return SignalThresholds.defaults();
    return Json.MAPPER.convertValue(stored, SignalThresholds.class);
  }
}
