package io.limbic.analytics.session.physics;

/**
 * A growable double-ended queue of (time, value) pairs kept in primitive arrays: the sliding window touches it on
 * every sample, and boxing a pair per sample would dominate the cost of the physics.
 */
final class TimedRing {
  private long[] times = new long[64];
  private double[] values = new double[64];
  private int head;
  private int size;

  void addLast(long t, double v) {
    if (size == times.length) grow();
    int i = (head + size) & (times.length - 1);
    times[i] = t;
    values[i] = v;
    size++;
  }

  void removeFirst() {
    head = (head + 1) & (times.length - 1);
    size--;
  }

  void removeLast() {
    size--;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  long firstTime() {
    return times[head];
  }

  double firstValue() {
    return values[head];
  }

  double lastValue() {
    return values[(head + size - 1) & (times.length - 1)];
  }

  private void grow() {
    long[] t = new long[times.length * 2];
    double[] v = new double[values.length * 2];
    for (int k = 0; k < size; k++) {
      int i = (head + k) & (times.length - 1);
      t[k] = times[i];
      v[k] = values[i];
    }
    times = t;
    values = v;
    head = 0;
  }
}
