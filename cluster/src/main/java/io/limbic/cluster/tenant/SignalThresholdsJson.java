package io.limbic.cluster.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.cluster.http.Json;
import io.limbic.protocol.http.JsonFields;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.tenant.StoredSignalThresholds;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A tenant's thresholds as JSON, and the conversion between analytics' {@link SignalThresholds} and the stored
 * {@link StoredSignalThresholds} (protocol/ does not depend on analytics/). A {@code PUT} names only what it
 * changes; the rest keeps its default. Unknown fields, wrong types and out-of-range values are refused.
 */
public final class SignalThresholdsJson {
  /** Each threshold's Java type, from the record itself, so a new threshold needs no second list here. */
  private static final Map<String, Class<?>> TYPES =
      Stream.of(SignalThresholds.class.getRecordComponents())
          .collect(Collectors.toUnmodifiableMap(RecordComponent::getName, RecordComponent::getType));

  private SignalThresholdsJson() {}

  /** The complete thresholds after applying {@code changes} to the defaults, or why they cannot be used. */
  public static Validated<SignalThresholds> overDefaults(JsonNode changes) {
    if (changes == null || !changes.isObject()) {
      return Validated.invalid("invalid_body", "thresholds must be a JSON object");
    }
    ObjectNode merged = Json.MAPPER.valueToTree(SignalThresholds.defaults());
    for (var fields = changes.fields(); fields.hasNext(); ) {
      var field = fields.next();
      Class<?> type = TYPES.get(field.getKey());
      if (type == null) return Validated.invalid("unknown_field", "no threshold named " + field.getKey());
      Validated<JsonNode> checked = checked(field.getKey(), type, field.getValue());
      if (!checked.isValid()) return checked.failure();
      merged.set(field.getKey(), checked.get());
    }
    SignalThresholds thresholds;
    try {
      thresholds = Json.MAPPER.treeToValue(merged, SignalThresholds.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("checked thresholds did not bind", e);
    }
    List<String> errors = thresholds.validate();
    if (!errors.isEmpty()) return Validated.invalid("invalid_thresholds", String.join("; ", errors));
    return Validated.valid(thresholds);
  }

  /** One changed value, checked with the API's shared number rules (never wrapped, never infinite). */
  private static Validated<JsonNode> checked(String name, Class<?> type, JsonNode value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (type == int.class) {
      return JsonFields.whole(value, name, Integer.MIN_VALUE, Integer.MAX_VALUE).map(v -> nodes.numberNode(v.intValue()));
    }
    if (type == long.class) return JsonFields.whole(value, name, Long.MIN_VALUE, Long.MAX_VALUE).map(nodes::numberNode);
    if (type == double.class) {
      return JsonFields.finite(value, name, -Double.MAX_VALUE, Double.MAX_VALUE).map(nodes::numberNode);
    }
    if (value == null || !value.isArray()) return Validated.invalid("invalid_field", name + " must be an array of strings");
    for (JsonNode item : value) {
      if (!item.isTextual()) return Validated.invalid("invalid_field", name + " must be an array of strings");
    }
    return Validated.valid(value);
  }

  public static StoredSignalThresholds stored(SignalThresholds t) {
    return new StoredSignalThresholds(
        t.rageMinClicks(), t.rageMaxGapMs(), t.rageMaxRadiusPx(), t.deadClickWindowMs(), t.errorClickWindowMs(),
        t.thrashMinReversals(), t.thrashWindowMs(), t.thrashMinTravelPx(), t.scrollWindowMs(),
        t.scrollMinReversals(), t.scrollMinDistancePx(), t.scrollBaselineFactor(), t.quickBackWindowMs(),
        t.selectionMinDragPx(), List.copyOf(t.ignoredTargets()), t.ragePrior());
  }

  public static SignalThresholds of(StoredSignalThresholds s) {
    return new SignalThresholds(
        s.rageMinClicks(), s.rageMaxGapMs(), s.rageMaxRadiusPx(), s.deadClickWindowMs(), s.errorClickWindowMs(),
        s.thrashMinReversals(), s.thrashWindowMs(), s.thrashMinTravelPx(), s.scrollWindowMs(),
        s.scrollMinReversals(), s.scrollMinDistancePx(), s.scrollBaselineFactor(), s.quickBackWindowMs(),
        s.selectionMinDragPx(), new HashSet<>(s.ignoredTargets()),
        s.ragePrior() == null ? SignalThresholds.DEFAULT_RAGE_PRIOR : s.ragePrior());
  }

  public static StoredSignalThresholds defaults() {
    return stored(SignalThresholds.defaults());
  }
}
