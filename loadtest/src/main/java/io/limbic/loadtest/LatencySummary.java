package io.limbic.loadtest;

import org.HdrHistogram.Histogram;

/**
 * Requests answered 2xx, failures, requests per second, and latency percentiles in milliseconds, read from an
 * HdrHistogram of microseconds (three significant digits: a percentile is exact to 0.1 %). A percentile is the
 * recorded value at that rank, as with a sorted list; with nothing recorded it is NaN.
 */
record LatencySummary(long ok, long errors, double perSecond, double p50Ms, double p99Ms) {

  /** An empty, self-resizing histogram for latencies in microseconds; one per recording thread, then merged. */
  static Histogram micros() {
    return new Histogram(3);
  }

  static void record(Histogram micros, long nanos) {
    micros.recordValue(Math.max(0, nanos / 1_000));
  }

  static LatencySummary of(Histogram micros, long errors, double seconds) {
    long ok = micros.getTotalCount();
    return new LatencySummary(ok, errors, ok / seconds, ms(micros, 50), ms(micros, 99));
  }

  static double ms(Histogram micros, double percentile) {
    return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
  }
}
