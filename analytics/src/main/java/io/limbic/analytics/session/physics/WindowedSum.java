package io.limbic.analytics.session.physics;

/** Sum and count of the values stamped within the last window; O(1) amortised per value. */
final class WindowedSum {
  private final TimedRing ring = new TimedRing();
  private double sum;

  void add(long t, double value) {
    ring.addLast(t, value);
    sum += value;
  }

  /** Drops values stamped at or before {@code cutoff}. */
  void evictThrough(long cutoff) {
    while (!ring.isEmpty() && ring.firstTime() <= cutoff) {
      sum -= ring.firstValue();
      ring.removeFirst();
    }
    // Subtraction leaves rounding residue; an empty window must read exactly zero.
    if (ring.isEmpty()) sum = 0;
  }

  double sum() {
    return Math.max(0, sum);
  }

  int count() {
    return ring.size();
  }

  double mean() {
    return ring.isEmpty() ? 0 : sum() / ring.size();
  }

  /** The oldest value still in the window, or {@code fallback} if empty. */
  double oldest(double fallback) {
    return ring.isEmpty() ? fallback : ring.firstValue();
  }
}
