package io.limbic.projections.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private final RetrySchedule schedule = new RetrySchedule(5, Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void delaysDoubleFromTheMinimumUpToTheMaximum() {
    assertEquals(Duration.ofMillis(100), schedule.delayAfter(1));
    assertEquals(Duration.ofMillis(200), schedule.delayAfter(2));
    assertEquals(Duration.ofMillis(400), schedule.delayAfter(3));
    assertEquals(Duration.ofMillis(800), schedule.delayAfter(4));
    assertEquals(Duration.ofSeconds(1), schedule.delayAfter(5));
    assertEquals(Duration.ofSeconds(1), schedule.delayAfter(10_000));
  }

  @Test
  void maxAttemptsCountsTheFirstTry() {
    assertTrue(schedule.retriesAfter(4));
    assertFalse(schedule.retriesAfter(5));
    assertFalse(new RetrySchedule(1, Duration.ZERO, Duration.ZERO).retriesAfter(1));
  }

  @Test
  void aLargeMinimumDoesNotOverflow() {
    RetrySchedule long_ = new RetrySchedule(100, Duration.ofDays(1), Duration.ofDays(2));
    assertEquals(Duration.ofDays(2), long_.delayAfter(63));
    assertEquals(Duration.ZERO, new RetrySchedule(3, Duration.ZERO, Duration.ofSeconds(1)).delayAfter(3));
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(0, Duration.ZERO, Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new RetrySchedule(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
