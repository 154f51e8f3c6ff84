package io.limbic.analytics.session.physics;

/**
 * Maximum over the last window with a monotonic queue: a value is dropped as soon as a later, larger one arrives,
 * because it can never be the maximum again. O(1) amortised per value.
 */
final class WindowedMax {
  private final TimedRing ring = new TimedRing();

  void add(long t, double value) {
    while (!ring.isEmpty() && ring.lastValue() <= value) ring.removeLast();
    ring.addLast(t, value);
  }

  void evictThrough(long cutoff) {
    while (!ring.isEmpty() && ring.firstTime() <= cutoff) ring.removeFirst();
  }

  double max() {
    return ring.isEmpty() ? 0 : ring.firstValue();
  }
}
