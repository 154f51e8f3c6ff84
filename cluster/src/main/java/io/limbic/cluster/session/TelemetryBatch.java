package io.limbic.cluster.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.session.telemetry.SampleValidation;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.http.JsonFields;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.session.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A telemetry message, {@code {"userId"?, "samples": [...]}}, split into the samples that pass their checks (with
 * their index in the message) and a reason for each that does not.
 */
public record TelemetryBatch(
    Optional<String> userId, List<Sample> samples, List<Integer> indices, List<BatchItemError> errors) {
  public static final String TOO_MANY = "too_many_samples";

  public static Validated<TelemetryBatch> parse(JsonNode json, int maxSamples) {
    if (json == null || !json.isObject()) return Validated.invalid("invalid_body", "telemetry must be a JSON object");
    Validated<Optional<String>> userId = JsonFields.optionalId(json, "userId");
    if (!userId.isValid()) return userId.failure();
    JsonNode items = json.get("samples");
    if (items == null || !items.isArray()) {
      return Validated.invalid("invalid_body", "the body must be {\"samples\": [ ... ]}");
    }
    if (items.size() > maxSamples) {
      return Validated.invalid(TOO_MANY, "at most " + maxSamples + " samples per message, got " + items.size());
    }
    List<Sample> samples = new ArrayList<>(items.size());
    List<Integer> indices = new ArrayList<>(items.size());
    List<BatchItemError> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        errors.add(new BatchItemError(i, "invalid_sample", "a sample must be a JSON object"));
        continue;
      }
      SampleValidation.Parsed parsed = SampleValidation.fromFields(fields(item));
      if (!parsed.ok()) {
        errors.add(new BatchItemError(i, "invalid_sample", parsed.reason()));
        continue;
      }
      samples.add(SessionMapping.toWire(parsed.sample()));
      indices.add(i);
    }
    return Validated.valid(new TelemetryBatch(userId.get(), samples, indices, errors));
  }

  /** A sample's fields as plain values; by hand, because a generic conversion per sample is the hot path's cost. */
  private static Map<String, Object> fields(JsonNode item) {
    Map<String, Object> fields = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      Object plain;
      // Never asLong(): it wraps 2^64+1000 to 1000 and 10^999 to 0; this keeps the magnitude for the range checks.
      if (value.isNumber()) plain = JsonFields.plainNumber(value);
      else if (value.isTextual()) plain = value.asText();
      else if (value.isBoolean()) plain = value.asBoolean();
      else if (value.isNull()) plain = null;
      else plain = value; // objects and arrays: not a valid sample field, rejected with a reason downstream
      fields.put(field.getKey(), plain);
    }
    return fields;
  }
}
