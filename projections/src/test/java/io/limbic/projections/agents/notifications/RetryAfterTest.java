package io.limbic.projections.agents.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final Instant now = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void secondsAndHttpDates() {
    assertEquals(Optional.of(now.plusSeconds(120)), RetryAfter.until("120", now));
    assertEquals(Optional.of(Instant.parse("2026-03-01T12:05:00Z")),
        RetryAfter.until("Sun, 01 Mar 2026 12:05:00 GMT", now));
    assertEquals(Optional.of(now), RetryAfter.until("Sun, 01 Mar 2026 11:00:00 GMT", now), "a past date: now");
  }

  @Test
  void nothingUsable() {
    assertTrue(RetryAfter.until(null, now).isEmpty());
    assertTrue(RetryAfter.until("soon", now).isEmpty());
    assertTrue(RetryAfter.until("-5", now).isEmpty());
    assertTrue(RetryAfter.until("99999999999999", now).isEmpty());
  }
}
