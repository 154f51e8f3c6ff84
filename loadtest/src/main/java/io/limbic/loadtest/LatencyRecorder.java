package io.limbic.loadtest;

import java.util.Arrays;

/** Latencies of one phase, in microseconds; each worker fills its own, then they are merged. */
final class LatencyRecorder {
  private long[] micros = new long[1 << 16];
  private int count;
  long errors;

  void record(long nanos) {
    if (count == micros.length) micros = Arrays.copyOf(micros, count * 2);
    micros[count++] = nanos / 1_000;
  }

  static Summary summarize(Iterable<LatencyRecorder> recorders, double seconds) {
    int total = 0;
    long errors = 0;
    for (LatencyRecorder r : recorders) {
      total += r.count;
      errors += r.errors;
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencyRecorder r : recorders) {
      System.arraycopy(r.micros, 0, all, at, r.count);
      at += r.count;
    }
    Arrays.sort(all);
    return new Summary(total, errors, total / seconds, percentile(all, 0.50), percentile(all, 0.99));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) return Double.NaN;
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1000.0;
  }

  /** Requests answered 2xx, failures, requests per second, and latency percentiles in milliseconds. */
  record Summary(long ok, long errors, double perSecond, double p50Ms, double p99Ms) {}
}
