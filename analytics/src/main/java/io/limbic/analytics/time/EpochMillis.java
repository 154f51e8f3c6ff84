package io.limbic.analytics.time;

import java.time.Instant;

/**
 * Milliseconds since the epoch of an instant, clamped to the years 1..9999. The API bounds every client time now,
 * but journals written by earlier versions may hold times centuries away, and {@link Instant#toEpochMilli()}
 * throws for those: on replay that would make an entity unrecoverable. Clamped, such a time is simply very old (or
 * very far off), which is what it meant.
 */
public final class EpochMillis {
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private EpochMillis() {}

  public static long of(Instant instant) {
    if (instant.isBefore(EARLIEST)) return EARLIEST.toEpochMilli();
    if (instant.isAfter(LATEST)) return LATEST.toEpochMilli();
    return instant.toEpochMilli();
  }
}
