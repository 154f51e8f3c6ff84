package io.limbic.cluster.session;

import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * How long emotion detection takes on this node: from the message whose samples changed a session's emotion reaching
 * the server (stamped at the HTTP or WebSocket entry, before it is read or parsed: {@code Arrival}) to the
 * {@code EmotionDetected} event being persisted; a change found by the session's timer in quiet time counts from
 * that tick, telemetry sent without a stamp (PostHog, Segment) from the session's command handler. Lock-free buckets of 0.1 ms up to 10 s, so sessions
 * on every thread can record without contention; percentiles are read to bucket precision.
 */
public final class DetectionLatency implements Extension {
  private static final int BUCKETS = 100_001; // 0.1 ms each; the last one holds everything slower
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  public static final ExtensionId<DetectionLatency> ID =
      new ExtensionId<>() {
        @Override
        public DetectionLatency createExtension(ActorSystem<?> system) {
          return new DetectionLatency();
        }
      };

  public static DetectionLatency get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  public void record(long nanos) {
    int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, nanos / 100_000));
    counts.incrementAndGet(bucket);
  }

  public Summary summary() {
    long[] snapshot = new long[BUCKETS];
    long total = 0;
    int max = -1;
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      total += snapshot[i];
      if (snapshot[i] > 0) max = i;
    }
    return new Summary(total, percentile(snapshot, total, 0.50), percentile(snapshot, total, 0.99), millis(max));
  }

  private static double percentile(long[] buckets, long total, double p) {
    if (total == 0) return 0;
    long rank = (long) Math.ceil(p * total);
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      seen += buckets[i];
      if (seen >= rank) return millis(i);
    }
    return millis(buckets.length - 1);
  }

  private static double millis(int bucket) {
    return bucket < 0 ? 0 : (bucket + 1) / 10.0; // upper edge of the bucket: never flatters
  }

  /** Detections counted, and their latency percentiles in milliseconds. */
  public record Summary(long count, double p50Ms, double p99Ms, double maxMs) {}
}
