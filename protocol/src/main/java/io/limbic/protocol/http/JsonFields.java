package io.limbic.protocol.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.Ids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads typed fields from a JSON object with one consistent set of error messages. A field that is absent or
 * {@code null} is "missing"; a field of the wrong JSON type is "invalid".
 */
public final class JsonFields {
  private JsonFields() {}

  public static Validated<String> requiredId(JsonNode obj, String field) {
    JsonNode node = obj.get(field);
    if (node == null || node.isNull()) return Validated.invalid("missing_field", field + " is required");
    return id(node, field);
  }

  public static Validated<Optional<String>> optionalId(JsonNode obj, String field) {
    JsonNode node = obj.get(field);
    if (node == null || node.isNull()) return Validated.valid(Optional.empty());
    return id(node, field).map(Optional::of);
  }

  /** An optional ISO-8601 instant with offset, defaulting to {@code now}, within {@code bounds} of now. */
  public static Validated<Instant> optionalTime(JsonNode obj, String field, Instant now, TimeBounds bounds) {
    JsonNode node = obj.get(field);
    if (node == null || node.isNull()) return Validated.valid(now);
    return time(node, field, now, bounds);
  }

  /** A required ISO-8601 instant with offset, within {@code bounds} of now. */
  public static Validated<Instant> requiredTime(JsonNode obj, String field, Instant now, TimeBounds bounds) {
    JsonNode node = obj.get(field);
    if (node == null || node.isNull()) return Validated.invalid("missing_field", field + " is required");
    return time(node, field, now, bounds);
  }

  private static Validated<Instant> time(JsonNode node, String field, Instant now, TimeBounds bounds) {
    if (!node.isTextual()) {
      return Validated.invalid("invalid_field", field + " must be an ISO-8601 timestamp string");
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      return Validated.invalid(
          "invalid_field", field + " must be an ISO-8601 timestamp with offset, e.g. 2026-11-21T10:15:30Z");
    }
    return bounds.check(field, at, now);
  }

  private static Validated<String> id(JsonNode node, String field) {
    if (!node.isTextual()) return Validated.invalid("invalid_field", field + " must be a string");
    String value = node.asText();
    if (!Ids.isValid(value)) {
      return Validated.invalid("invalid_id", field + " must be " + Ids.describeRule());
    }
    return Validated.valid(value);
  }
}
