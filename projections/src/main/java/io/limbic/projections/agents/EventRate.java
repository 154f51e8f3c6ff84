package io.limbic.projections.agents;

import java.time.Instant;

/**
 * Events counted per second over the last minute (a ring of 60 one-second buckets), and the time of the newest
 * event seen. One projection instance writes it, the progress writer reads it: methods are synchronized.
 */
final class EventRate {
  private static final int SECONDS = 60;
  private final long[] buckets = new long[SECONDS];
  private final long[] bucketSecond = new long[SECONDS];
  private Instant lastEventAt;

  synchronized void record(Instant eventAt, Instant now) {
    long second = now.getEpochSecond();
    int i = (int) Math.floorMod(second, (long) SECONDS);
    if (bucketSecond[i] != second) {
      bucketSecond[i] = second;
      buckets[i] = 0;
    }
    buckets[i]++;
    if (lastEventAt == null || eventAt.isAfter(lastEventAt)) lastEventAt = eventAt;
  }

  synchronized long lastMinute(Instant now) {
    long second = now.getEpochSecond();
    long sum = 0;
    for (int i = 0; i < SECONDS; i++) {
      if (second - bucketSecond[i] < SECONDS) sum += buckets[i];
    }
    return sum;
  }

  synchronized Instant lastEventAt() {
    return lastEventAt;
  }
}
