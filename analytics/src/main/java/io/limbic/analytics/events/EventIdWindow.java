package io.limbic.analytics.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The product-event ids one user recorded recently, for idempotency by id over a time window rather than over the
 * last N ids (which enough volume pushes out, so that a retry counts twice).
 *
 * <p>Each id is kept as a 64-bit hash with the time it was recorded: 16 bytes an id whatever the id's length, so a
 * window of 100,000 ids is about 1.6 MB in memory and in a snapshot. The odds that two distinct ids of one window
 * share a hash are about n²/2^65 (2.7e-10 for n = 100,000); such a collision would make the second a duplicate.
 *
 * @param hashes the ids' hashes, ascending (binary search)
 * @param recordedAt for each hash at the same index, when it was recorded (epoch milliseconds)
 */
public record EventIdWindow(long[] hashes, long[] recordedAt) {

  public EventIdWindow {
    if (hashes.length != recordedAt.length) throw new IllegalArgumentException("hashes and times differ in length");
  }

  public static EventIdWindow empty() {
    return new EventIdWindow(new long[0], new long[0]);
  }

  /** The first 8 bytes of the id's SHA-256: stable across JVMs and versions, as a persisted value must be. */
  public static long hash(String eventId) {
    byte[] digest = sha256().digest(eventId.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) h = (h << 8) | (digest[i] & 0xff);
    return h;
  }

  public boolean contains(long hash) {
    return Arrays.binarySearch(hashes, hash) >= 0;
  }

  public int size() {
    return hashes.length;
  }

  /** How many ids were recorded at or after {@code cutoff}: what counts against a per-window cap. */
  public int countSince(long cutoff) {
    int n = 0;
    for (long t : recordedAt) if (t >= cutoff) n++;
    return n;
  }

  /**
   * This window with {@code fresh} added as recorded at {@code at}, and without the ids recorded before
   * {@code forgetBefore}. A hash already present keeps the later of its two times.
   */
  public EventIdWindow record(long[] fresh, long at, long forgetBefore) {
    long[] added = fresh.clone();
    Arrays.sort(added);
    long[] outHashes = new long[hashes.length + added.length];
    long[] outTimes = new long[outHashes.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < hashes.length || j < added.length) {
      if (i < hashes.length && recordedAt[i] < forgetBefore) {
        i++;
        continue;
      }
      long next;
      long time;
      if (j >= added.length || (i < hashes.length && hashes[i] < added[j])) {
        next = hashes[i];
        time = recordedAt[i++];
      } else if (i >= hashes.length || added[j] < hashes[i]) {
        next = added[j++];
        time = at;
      } else {
        next = hashes[i];
        time = Math.max(recordedAt[i++], at);
        j++;
      }
      if (n > 0 && outHashes[n - 1] == next) {
        // Repeated within fresh itself.
        outTimes[n - 1] = Math.max(outTimes[n - 1], time);
        continue;
      }
      outHashes[n] = next;
      outTimes[n++] = time;
    }
    return new EventIdWindow(Arrays.copyOf(outHashes, n), Arrays.copyOf(outTimes, n));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EventIdWindow w
        && Arrays.equals(hashes, w.hashes) && Arrays.equals(recordedAt, w.recordedAt);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hashes) + Arrays.hashCode(recordedAt);
  }

  @Override
  public String toString() {
    return "EventIdWindow[" + hashes.length + " ids]";
  }
}
