package io.limbic.cluster.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.session.telemetry.SampleValidation;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.http.JsonFields;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.session.Capabilities;
import io.limbic.protocol.session.Sample;
import io.limbic.protocol.session.TelemetryFrame;
import io.limbic.protocol.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A telemetry message, {@code {"userId"?, "capabilities"?, "samples": [...]}}, split into the samples that pass their
 * checks (with their index in the message) and a reason for each that does not. {@code capabilities}, sent with the
 * first message, is an object of booleans, {@code {"mutations": true, "selection": true}}; a field left out is
 * false, any other field or a non-boolean value is refused (the SDK is served by the node, so they never disagree).
 */
public record TelemetryBatch(
    Optional<String> userId, List<Sample> samples, List<Integer> indices, List<BatchItemError> errors,
    Optional<Capabilities> capabilities) {
  public static final String TOO_MANY = "too_many_samples";
  private static final List<String> CAPABILITIES = List.of("mutations", "selection");

  public TelemetryBatch(
      Optional<String> userId, List<Sample> samples, List<Integer> indices, List<BatchItemError> errors) {
    this(userId, samples, indices, errors, Optional.empty());
  }

  static Validated<Optional<Capabilities>> capabilities(JsonNode json) {
    JsonNode node = json.get("capabilities");
    if (node == null || node.isNull()) return Validated.valid(Optional.empty());
    String rule = "capabilities must be an object of booleans: mutations, selection";
    if (!node.isObject()) return Validated.invalid("invalid_capabilities", rule);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!CAPABILITIES.contains(name)) return Validated.invalid("invalid_capabilities", "unknown capability " + name);
      if (!node.get(name).isBoolean()) return Validated.invalid("invalid_capabilities", rule);
    }
    return Validated.valid(Optional.of(new Capabilities(
        node.path("mutations").asBoolean(false), node.path("selection").asBoolean(false))));
  }

  public static Validated<TelemetryBatch> parse(JsonNode json, int maxSamples) {
    if (json == null || !json.isObject()) return Validated.invalid("invalid_body", "telemetry must be a JSON object");
    Validated<Optional<String>> userId = JsonFields.optionalId(json, "userId");
    if (!userId.isValid()) return userId.failure();
    Validated<Optional<Capabilities>> capabilities = capabilities(json);
    if (!capabilities.isValid()) return capabilities.failure();
    JsonNode items = json.get("samples");
    if (items == null || !items.isArray()) {
      return Validated.invalid("invalid_body", "the body must be {\"samples\": [ ... ]}");
    }
    List<Map<String, Object>> fields = new ArrayList<>(Math.min(items.size(), maxSamples + 1));
    for (int i = 0; i < items.size() && i <= maxSamples; i++) {
      fields.add(items.get(i).isObject() ? fields(items.get(i)) : null);
    }
    return checked(userId.get(), capabilities.get(), fields, items.size(), maxSamples);
  }

  /**
   * A message in the SDK's binary framing ({@link TelemetryFrame}): the same limits and per-sample checks as JSON.
   */
  public static Validated<TelemetryBatch> fromFrame(TelemetryFrame frame, int maxSamples) {
    if (frame.userId().isPresent() && !Ids.isValid(frame.userId().get())) {
      return Validated.invalid("invalid_id", "userId must be " + Ids.describeRule());
    }
    return checked(frame.userId(), frame.capabilities(), frame.samples(), frame.declaredSamples(), maxSamples);
  }

  /** {@code fields} holds each sample's fields, or null for an item that is not an object. */
  private static Validated<TelemetryBatch> checked(Optional<String> userId, Optional<Capabilities> capabilities,
      List<Map<String, Object>> fields, int count, int maxSamples) {
    if (count > maxSamples) {
      return Validated.invalid(TOO_MANY, "at most " + maxSamples + " samples per message, got " + count);
    }
    List<Sample> samples = new ArrayList<>(count);
    List<Integer> indices = new ArrayList<>(count);
    List<BatchItemError> errors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (fields.get(i) == null) {
        errors.add(new BatchItemError(i, "invalid_sample", "a sample must be a JSON object"));
        continue;
      }
      SampleValidation.Parsed parsed = SampleValidation.fromFields(fields.get(i));
      if (!parsed.ok()) {
        errors.add(new BatchItemError(i, "invalid_sample", parsed.reason()));
        continue;
      }
      samples.add(SessionMapping.toWire(parsed.sample()));
      indices.add(i);
    }
    return Validated.valid(new TelemetryBatch(userId, samples, indices, errors, capabilities));
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
