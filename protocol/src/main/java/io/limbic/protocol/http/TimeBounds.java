package io.limbic.protocol.http;

import java.time.Duration;
import java.time.Instant;

/**
 * How far from the server's clock a client's timestamp may lie, per kind of field. Every client time is bounded on
 * both sides: a time centuries away is never a fact about a person, and downstream arithmetic (idle schedules, lags,
 * decays) and databases (PostgreSQL's timestamps end at year 294276) are not built for it.
 *
 * @param maxAge how far in the past a time may be, relative to now (null: only the floor applies)
 * @param floor the earliest time accepted whatever now is
 * @param maxAhead how far ahead of the server's clock a time may be (clocks drift)
 */
public record TimeBounds(Duration maxAge, Instant floor, Duration maxAhead) {
  /** Clocks drift; anything later than this ahead of the server's clock is a client bug. */
  public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

  /** The earliest historical time of any kind: product events and interactions before it are import mistakes. */
  public static final Instant HISTORY_FLOOR = Instant.parse("2000-01-01T00:00:00Z");

  /** A heartbeat says a person is here now; a client may hold some back while offline, but not for longer than this. */
  public static final Duration MAX_HEARTBEAT_AGE = Duration.ofHours(24);

  public static final TimeBounds HEARTBEAT = new TimeBounds(MAX_HEARTBEAT_AGE, HISTORY_FLOOR, MAX_CLOCK_AHEAD);

  /** Product events and interactions may be imported from history, back to {@link #HISTORY_FLOOR}. */
  public static final TimeBounds HISTORICAL = new TimeBounds(null, HISTORY_FLOOR, MAX_CLOCK_AHEAD);

  /** The earliest time accepted at {@code now}. */
  public Instant earliest(Instant now) {
    if (maxAge == null) return floor;
    Instant byAge = now.minus(maxAge);
    return byAge.isAfter(floor) ? byAge : floor;
  }

  public Instant latest(Instant now) {
    return now.plus(maxAhead);
  }

  /** {@code at} itself if it lies within the bounds at {@code now}, else why not, naming {@code field}. */
  public Validated<Instant> check(String field, Instant at, Instant now) {
    if (at.isAfter(latest(now))) {
      return Validated.invalid(
          "time_in_future", field + " is more than " + maxAhead.toMinutes() + " minutes ahead of the server's clock");
    }
    if (at.isBefore(earliest(now))) {
      String limit = maxAge != null && now.minus(maxAge).isAfter(floor)
          ? "more than " + maxAge.toHours() + " hours in the past"
          : "before " + floor;
      return Validated.invalid("time_in_past", field + " is " + limit + " (" + at + ")");
    }
    return Validated.valid(at);
  }
}
