package io.limbic.cluster.idle;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.Arrays;

/**
 * Millisecond latencies in logarithmic buckets (each about 10 % wider than the one before, up to about 28 hours):
 * small enough to send between nodes and add up for the cluster. Percentiles are the upper edge of their bucket.
 */
public record LagHistogram(long[] counts) implements CborSerializable {
  private static final double GROWTH = 1.1;
  private static final int BUCKETS = 200;
  private static final long MAX_SECONDS = Long.MAX_VALUE / 1000 - 1;

  public static LagHistogram empty() {
    return new LagHistogram(new long[BUCKETS]);
  }

  static int bucket(long millis) {
    if (millis <= 1) return 0;
    return (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(millis) / Math.log(GROWTH)));
  }

  static double upperEdge(int bucket) {
    return Math.pow(GROWTH, bucket);
  }

  public void record(long millis) {
    counts[bucket(Math.max(0, millis))]++;
  }

  /** Records the lag from {@code due} to {@code started}, whatever the two are (journals may hold absurd times). */
  public void record(Instant due, Instant started) {
    record(millisBetween(due, started));
  }

  /**
   * Milliseconds from {@code from} to {@code to}, saturating at {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}
   * where {@code Duration.toMillis} would throw: two instants can lie 2e9 years apart, a long holds 3e8 years of ms.
   */
  static long millisBetween(Instant from, Instant to) {
    long seconds = to.getEpochSecond() - from.getEpochSecond(); // at most about 6.3e16: no overflow
    if (seconds > MAX_SECONDS) return Long.MAX_VALUE;
    if (seconds < -MAX_SECONDS) return Long.MIN_VALUE;
    return seconds * 1000 + Math.floorDiv(to.getNano() - from.getNano(), 1_000_000);
  }

  public long count() {
    return Arrays.stream(counts).sum();
  }

  public LagHistogram plus(LagHistogram other) {
    long[] sum = counts.clone();
    for (int i = 0; i < BUCKETS; i++) sum[i] += other.counts[i];
    return new LagHistogram(sum);
  }

  /** The {@code p} quantile in milliseconds; 0 when empty. */
  public double percentile(double p) {
    long total = count();
    if (total == 0) return 0;
    long rank = (long) Math.ceil(p * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) return Math.round(upperEdge(i) * 10) / 10.0;
    }
    return upperEdge(BUCKETS - 1);
  }

  public LagHistogram copy() {
    return new LagHistogram(counts.clone());
  }
}
