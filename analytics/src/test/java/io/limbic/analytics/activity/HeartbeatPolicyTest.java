package io.limbic.analytics.activity;

import static io.limbic.analytics.activity.HeartbeatPolicy.Decision.BECOME_ACTIVE;
import static io.limbic.analytics.activity.HeartbeatPolicy.Decision.COALESCE;
import static io.limbic.analytics.activity.HeartbeatPolicy.Decision.RECORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatPolicyTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private final HeartbeatPolicy policy = new HeartbeatPolicy(Duration.ofMinutes(5), Duration.ofSeconds(60));

  @Test
  void firstHeartbeatEverStartsAnActivePeriod() {
    assertEquals(BECOME_ACTIVE, policy.decide(null, null, T0));
  }

  @Test
  void heartbeatsWithinTheIntervalAreCoalesced() {
    assertEquals(COALESCE, policy.decide(T0.plusSeconds(30), T0, T0.plusSeconds(59)));
  }

  @Test
  void heartbeatExactlyOneIntervalAfterTheLastPersistedOneIsRecorded() {
    assertEquals(RECORD, policy.decide(T0.plusSeconds(30), T0, T0.plusSeconds(60)));
  }

  @Test
  void gapLongerThanIdleGapStartsANewPeriodButExactlyTheGapDoesNot() {
    assertEquals(BECOME_ACTIVE, policy.decide(T0, T0, T0.plus(Duration.ofMinutes(5)).plusMillis(1)));
    assertEquals(RECORD, policy.decide(T0, T0, T0.plus(Duration.ofMinutes(5))));
  }

  @Test
  void lateHeartbeatIsCoalescedNotANewPeriod() {
    assertEquals(COALESCE, policy.decide(T0.plusSeconds(100), T0.plusSeconds(100), T0.plusSeconds(10)));
  }

  @Test
  void zeroIntervalPersistsEveryHeartbeat() {
    HeartbeatPolicy everyOne = new HeartbeatPolicy(Duration.ofMinutes(5), Duration.ZERO);
    assertEquals(RECORD, everyOne.decide(T0, T0, T0));
    assertEquals(RECORD, everyOne.decide(T0, T0, T0.plusMillis(1)));
  }

  @Test
  void activeUntilTheIdleGapHasPassed() {
    assertTrue(policy.isActive(T0, T0.plus(Duration.ofMinutes(5))));
    assertFalse(policy.isActive(T0, T0.plus(Duration.ofMinutes(5)).plusMillis(1)));
    assertFalse(policy.isActive(null, T0));
  }

  @Test
  void rejectsNonsenseDurations() {
    assertThrows(IllegalArgumentException.class, () -> new HeartbeatPolicy(Duration.ZERO, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> new HeartbeatPolicy(Duration.ofMinutes(1), Duration.ofSeconds(-1)));
  }
}
