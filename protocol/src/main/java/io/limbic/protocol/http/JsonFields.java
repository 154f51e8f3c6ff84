package io.limbic.protocol.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads typed fields from a JSON object with one consistent set of error messages. A field that is absent or
 * {@code null} is "missing"; a field of the wrong JSON type is "invalid".
 *
 * <p>Numbers: Jackson reads {@code 1e400} as an infinite double and a literal beyond 64 bits as a
 * {@code BigInteger}, and its {@code asLong()/asInt()} wrap silently. Every numeric field of the API goes through
 * {@link #finite} or {@link #whole} (or {@link #plainNumber} on the telemetry hot path), which never wrap: a value
 * that is not a JSON number, not finite or outside the range is refused with
 * {@code "<field> must be a (finite|whole) number between <min> and <max>"}. A whole number may be written
 * {@code 1990}, {@code 1990.0} or {@code 1.99e3} (JSON has one number type); {@code 1990.5} is refused.
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

  /** A JSON number that is finite and within {@code [min, max]}. */
  public static Validated<Double> finite(JsonNode node, String field, double min, double max) {
    if (node == null || node.isNull()) return Validated.invalid("missing_field", field + " is required");
    double value = node.isNumber() ? node.doubleValue() : Double.NaN; // a BigInteger beyond double is infinite
    // Written as a negated range so NaN and the infinities fail too.
    if (!(value >= min && value <= max)) {
      return Validated.invalid(
          "invalid_field", field + " must be a finite number between " + plain(min) + " and " + plain(max));
    }
    return Validated.valid(value);
  }

  /** A JSON number with no fractional part within {@code [min, max]}; never wrapped. */
  public static Validated<Long> whole(JsonNode node, String field, long min, long max) {
    if (node == null || node.isNull()) return Validated.invalid("missing_field", field + " is required");
    Validated<Long> refused =
        Validated.invalid("invalid_field", field + " must be a whole number between " + min + " and " + max);
    if (!node.isNumber()) return refused;
    if (node.isIntegralNumber()) {
      if (node.canConvertToLong()) {
        long value = node.longValue();
        return value >= min && value <= max ? Validated.valid(value) : refused;
      }
      return refused; // a BigInteger beyond 64 bits is beyond every range a long can state
    }
    BigDecimal exact = exact(node);
    if (exact == null || exact.stripTrailingZeros().scale() > 0) return refused;
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) return refused;
    return Validated.valid(exact.longValueExact());
  }

  /**
   * An exact decimal within {@code [min, max]} with at most {@code maxDecimals} decimal places: for money, where a
   * double's rounding is not wanted. The bound on decimals matters as much as the range: {@code 1e-999999999} is in
   * range, but adding it to anything builds a number of a billion digits (or throws), on every replay.
   */
  public static Validated<BigDecimal> decimal(
      JsonNode node, String field, BigDecimal min, BigDecimal max, int maxDecimals) {
    if (node == null || node.isNull()) return Validated.invalid("missing_field", field + " is required");
    BigDecimal value = node.isNumber() ? exact(node) : null;
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0
        || value.stripTrailingZeros().scale() > maxDecimals) {
      return Validated.invalid("invalid_field", field + " must be a number between " + min.toPlainString() + " and "
          + max.toPlainString() + " with at most " + maxDecimals + " decimal places");
    }
    return Validated.valid(value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value);
  }

  /**
   * A number as a plain value that keeps its magnitude: a {@code Long} when it is a whole number that fits, else a
   * {@code Double}, which is infinite when the literal exceeds a double. For checks that live outside this layer
   * (telemetry samples), which then need only reject non-finite and out-of-range values.
   */
  public static Number plainNumber(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) return node.longValue();
    return node.doubleValue();
  }

  /** The exact value of a number node, or null for NaN and the infinities. */
  private static BigDecimal exact(JsonNode node) {
    if (node.isIntegralNumber()) return new BigDecimal(node.bigIntegerValue());
    if (node.isBigDecimal()) return node.decimalValue();
    double d = node.doubleValue();
    return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
  }

  private static String plain(double bound) {
    return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
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
