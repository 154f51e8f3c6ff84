package io.limbic.cluster.idle;

import io.limbic.protocol.CborSerializable;
import java.util.Arrays;

/**
 * Millisecond latencies in logarithmic buckets (each about 10 % wider than the one before, up to about 28 hours):
 * small enough to send between nodes and add up for the cluster. Percentiles are the upper edge of their bucket.
 */
public record LagHistogram(long[] counts) implements CborSerializable {
  private static final double GROWTH = 1.1;
  private static final int BUCKETS = 200;

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
