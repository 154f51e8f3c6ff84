package io.limbic.analytics.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WakeBudgetTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static int spend(WakeBudget budget, Instant at) {
    int n = 0;
    while (budget.take(at)) n++;
    return n;
  }

  @Test
  void aBurstIsAllowedThenTheRateHolds() {
    WakeBudget budget = new WakeBudget(10, 20, T0);
    assertEquals(20, spend(budget, T0));
    assertEquals(Duration.ofMillis(100), budget.untilNext(T0));
    assertEquals(5, spend(budget, T0.plusMillis(500)));
    assertEquals(10, spend(budget, T0.plusMillis(1500)));
  }

  @Test
  void anIdleBudgetRefillsOnlyUpToTheBurst() {
    WakeBudget budget = new WakeBudget(100, 5, T0);
    spend(budget, T0);
    assertEquals(5, spend(budget, T0.plusSeconds(3600)));
  }

  @Test
  void aClockThatStepsBackNeitherAddsNorRemoves() {
    WakeBudget budget = new WakeBudget(1, 2, T0);
    assertTrue(budget.take(T0));
    assertTrue(budget.take(T0.minusSeconds(60)));
    assertFalse(budget.take(T0.minusSeconds(30)));
    assertTrue(budget.take(T0.plusSeconds(1)));
  }

  @Test
  void absurdTimesAndSettingsAreSafe() {
    WakeBudget budget = new WakeBudget(1, 1, Instant.MIN);
    assertTrue(budget.take(Instant.MIN));
    assertTrue(budget.take(Instant.MAX));
    assertThrows(IllegalArgumentException.class, () -> new WakeBudget(0, 1, T0));
    assertThrows(IllegalArgumentException.class, () -> new WakeBudget(Double.NaN, 1, T0));
    assertThrows(IllegalArgumentException.class, () -> new WakeBudget(1, 0, T0));
  }
}
