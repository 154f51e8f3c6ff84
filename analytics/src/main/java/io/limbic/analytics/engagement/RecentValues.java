package io.limbic.analytics.engagement;

import java.util.Arrays;

/**
 * The latest values of one kind (epoch milliseconds of observations, or gap lengths in milliseconds), oldest first,
 * at most a fixed number of them: what one user's engagement history costs in memory and in a snapshot is bounded.
 */
public record RecentValues(long[] values) {

  public RecentValues {
    values = values == null ? new long[0] : values;
  }

  public static RecentValues empty() {
    return new RecentValues(new long[0]);
  }

  /** These values and {@code value} after them, the oldest dropped when more than {@code cap} would be kept. */
  public RecentValues add(long value, int cap) {
    int keep = Math.min(values.length, cap - 1);
    long[] out = new long[keep + 1];
    System.arraycopy(values, values.length - keep, out, 0, keep);
    out[keep] = value;
    return new RecentValues(out);
  }

  public int size() {
    return values.length;
  }

  /** How many values are at or after {@code from}: observations within a window (later ones count too). */
  public int countSince(long from) {
    int n = 0;
    for (long v : values) if (v >= from) n++;
    return n;
  }

  /** The most recent value added; only when not empty. */
  public long last() {
    return values[values.length - 1];
  }

  /** The median of the values (the mean of the middle two for an even count); only when not empty. */
  public double median() {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (double) sorted[mid]) / 2;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecentValues r && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
