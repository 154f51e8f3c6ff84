package io.limbic.analytics.session.telemetry;

import java.util.Arrays;

/**
 * The last {@code capacity} samples a {@link ReorderBuffer} accepted, in arrival order, so it can recognise one that
 * arrives again (a client retry, the same batch over HTTP and the WebSocket).
 *
 * <p>Why not a {@code LinkedHashSet}: hashing every field of every sample (a record's generated hashCode) and an entry
 * object per sample were a visible share of the telemetry path's CPU and allocation (loadtest/RESULTS.md, "Telemetry
 * hot path, session 22"). Here the samples sit in a ring and are chained by their time {@code t} alone, a primitive
 * key: a lookup compares whole samples only with those of equal t (a repeat always has the same t), and once the ring
 * is full nothing is allocated per sample. The arrays start small and double up to the capacity, so a short session
 * costs little.
 */
final class RecentSamples {
  private static final int NONE = -1;
  private static final int INITIAL_LENGTH = 16;

  private final int capacity;
  /** Slot i holds a sample; slots fill 0, 1, 2, ... and once all capacity are used the oldest is overwritten. */
  private TelemetrySample[] samples;
  /** {@code times[i] == samples[i].t()}, kept apart so a chain walk compares longs without touching the sample. */
  private long[] times;
  /** The next slot in the same bucket's chain, or NONE. */
  private int[] next;
  /** A bucket's first slot, or NONE; buckets are at least twice the slots, so chains stay short. */
  private int[] heads;
  private int bucketBits;
  private int size;
  /** Once full, the slot that is overwritten next (the oldest sample). */
  private int oldest;

  RecentSamples(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
    this.capacity = capacity;
    int length = Math.min(capacity, INITIAL_LENGTH);
    samples = new TelemetrySample[length];
    times = new long[length];
    next = new int[length];
    rebuildBuckets();
  }

  boolean contains(TelemetrySample sample) {
    long t = sample.t();
    for (int slot = heads[bucket(t)]; slot != NONE; slot = next[slot]) {
      if (times[slot] == t && samples[slot].equals(sample)) return true;
    }
    return false;
  }

  /** Remembers a sample, forgetting the oldest one when all {@code capacity} are in use. */
  void add(TelemetrySample sample) {
    int slot;
    if (size < capacity) {
      if (size == samples.length) grow();
      slot = size++;
    } else {
      slot = oldest;
      unlink(slot);
      oldest = (oldest + 1) % capacity;
    }
    samples[slot] = sample;
    times[slot] = sample.t();
    link(slot);
  }

  int size() {
    return size;
  }

  /** Only before the ring is full, so slots 0..size-1 are still in arrival order and nothing moves. */
  private void grow() {
    int length = Math.min(capacity, samples.length * 2);
    samples = Arrays.copyOf(samples, length);
    times = Arrays.copyOf(times, length);
    next = Arrays.copyOf(next, length);
    rebuildBuckets();
  }

  private void rebuildBuckets() {
    int buckets = Integer.highestOneBit(samples.length * 2 - 1) << 1;
    bucketBits = Integer.numberOfTrailingZeros(buckets);
    heads = new int[buckets];
    Arrays.fill(heads, NONE);
    for (int slot = 0; slot < size; slot++) link(slot);
  }

  private void link(int slot) {
    int bucket = bucket(times[slot]);
    next[slot] = heads[bucket];
    heads[bucket] = slot;
  }

  private void unlink(int slot) {
    int bucket = bucket(times[slot]);
    if (heads[bucket] == slot) {
      heads[bucket] = next[slot];
      return;
    }
    int previous = heads[bucket];
    while (next[previous] != slot) previous = next[previous];
    next[previous] = next[slot];
  }

  /** Fibonacci hashing: consecutive milliseconds spread over the buckets. bucketBits is at least 1. */
  private int bucket(long t) {
    return (int) ((t * 0x9E3779B97F4A7C15L) >>> (64 - bucketBits));
  }
}
