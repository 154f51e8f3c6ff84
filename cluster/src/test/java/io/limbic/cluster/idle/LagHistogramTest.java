package io.limbic.cluster.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LagHistogramTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void lagsBetweenOrdinaryTimesAreExactMilliseconds() {
    assertEquals(1_500, LagHistogram.millisBetween(NOW, NOW.plusMillis(1_500)));
    assertEquals(-1_500, LagHistogram.millisBetween(NOW.plusMillis(1_500), NOW));
    assertEquals(999, LagHistogram.millisBetween(NOW.plusNanos(999_999), NOW.plusMillis(1_000)));
  }

  @Test
  void lagsBetweenAbsurdTimesSaturateInsteadOfOverflowing() {
    Instant ancient = Instant.parse("-300000000-01-01T00:00:00Z");
    assertEquals(Long.MAX_VALUE, LagHistogram.millisBetween(ancient, NOW));
    assertEquals(Long.MIN_VALUE, LagHistogram.millisBetween(NOW, ancient));
    assertEquals(Long.MAX_VALUE, LagHistogram.millisBetween(Instant.MIN, Instant.MAX));
    assertEquals(Long.MIN_VALUE, LagHistogram.millisBetween(Instant.MAX, Instant.MIN));
  }

  @Test
  void anAbsurdLagLandsInTheLastBucketAndAFutureDueTimeInTheFirst() {
    LagHistogram lag = LagHistogram.empty();
    lag.record(Instant.MIN, NOW);
    lag.record(Instant.MAX, NOW);
    assertEquals(2, lag.count());
    assertEquals(1, lag.counts()[0]);
    assertEquals(1, lag.counts()[lag.counts().length - 1]);
  }
}
