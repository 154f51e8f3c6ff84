package io.limbic.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The percentiles the benchmark tables print: nearest rank, as the sorted list they replaced, to 0.1 %. */
class LatencySummaryTest {

  @Test
  void percentilesAreTheValuesAtTheirRankInMilliseconds() {
    Histogram micros = LatencySummary.micros();
    // 1 ms .. 1,000 ms, recorded from nanoseconds in a shuffled order
    for (int i = 0; i < 1_000; i++) LatencySummary.record(micros, ((i * 7L) % 1_000 + 1) * 1_000_000L);

    LatencySummary s = LatencySummary.of(micros, 3, 2.0);

    assertEquals(1_000, s.ok());
    assertEquals(3, s.errors());
    assertEquals(500, s.perSecond(), 1e-9);
    assertEquals(500, s.p50Ms(), 500 * 0.001);
    assertEquals(990, s.p99Ms(), 990 * 0.001);
  }

  @Test
  void smallLatenciesAreExactToTheMicrosecond() {
    Histogram micros = LatencySummary.micros();
    for (long us : new long[] {1_234, 250, 999, 1_500, 42}) LatencySummary.record(micros, us * 1_000 + 999);

    assertEquals(0.999, LatencySummary.ms(micros, 50), 1e-9);
    assertEquals(1.5, LatencySummary.ms(micros, 99), 1e-9);
  }

  @Test
  void nothingRecordedIsNotANumber() {
    LatencySummary s = LatencySummary.of(LatencySummary.micros(), 0, 1.0);
    assertEquals(Double.NaN, s.p50Ms());
    assertEquals(Double.NaN, s.p99Ms());
  }
}
