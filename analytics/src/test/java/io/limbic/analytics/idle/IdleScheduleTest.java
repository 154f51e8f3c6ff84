package io.limbic.analytics.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class IdleScheduleTest {
  private static final Instant IDLE = Instant.parse("2026-11-21T10:00:00Z");
  private final IdleSchedule schedule = IdleSchedule.parse("10m,30m,60m");

  @Test
  void parsesUnits() {
    assertEquals(List.of(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(60)), schedule.thresholds());
    assertEquals(
        List.of(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofHours(1)),
        IdleSchedule.parse("500ms, 2s, 1h").thresholds());
    assertThrows(IllegalArgumentException.class, () -> IdleSchedule.parse("10x"));
    assertThrows(IllegalArgumentException.class, () -> IdleSchedule.parse("30m,10m"));
    assertThrows(IllegalArgumentException.class, () -> IdleSchedule.parse("0s"));
  }

  @Test
  void phasesFallDueInOrderAtTheirThresholds() {
    assertEquals(OptionalInt.empty(), schedule.dueNow(IDLE, 0, IDLE.plus(Duration.ofMinutes(10)).minusMillis(1)));
    assertEquals(OptionalInt.of(1), schedule.dueNow(IDLE, 0, IDLE.plus(Duration.ofMinutes(10))));
    // Even long past every threshold, phase 2 waits for phase 1.
    assertEquals(OptionalInt.of(1), schedule.dueNow(IDLE, 0, IDLE.plus(Duration.ofHours(5))));
    assertEquals(OptionalInt.of(2), schedule.dueNow(IDLE, 1, IDLE.plus(Duration.ofMinutes(30))));
    assertEquals(OptionalInt.empty(), schedule.dueNow(IDLE, 3, IDLE.plus(Duration.ofHours(5))));
  }

  @Test
  void nextDueTime() {
    assertEquals(Optional.of(IDLE.plus(Duration.ofMinutes(30))), schedule.nextDueAt(IDLE, 1));
    assertEquals(Optional.empty(), schedule.nextDueAt(IDLE, 3));
    assertEquals("deep", IdleSchedule.name(3));
  }
}
