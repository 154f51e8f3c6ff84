package io.limbic.projections.agents.notifications;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A receiver's {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
public final class RetryAfter {
  private RetryAfter() {}

  /** The instant before which the receiver asked not to be called again; empty when the header says nothing usable. */
  public static Optional<Instant> until(String header, Instant now) {
    if (header == null || header.isBlank()) return Optional.empty();
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      if (value.length() > 9) return Optional.empty();
      return Optional.of(now.plusSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isBefore(now) ? now : at);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
