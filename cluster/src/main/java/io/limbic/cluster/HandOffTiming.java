package io.limbic.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how long this node's shard regions took to hand their shards off when it stops, beside the phase's limit:
 * every entity flushes what it holds in memory (a user's heartbeats within the persist interval) before its shard
 * moves, and a phase that times out stops the rest unsaved (README "Database outages and node crashes"). The line
 * is how an operator sizes {@code LIMBIC_SHARD_HANDOFF_TIMEOUT}.
 */
final class HandOffTiming {
  private static final Logger log = LoggerFactory.getLogger(HandOffTiming.class);
  private static final String PHASE = "cluster-sharding-shutdown-region";

  private HandOffTiming() {}

  static void register(CoordinatedShutdown shutdown, Duration limit) {
    AtomicLong began = new AtomicLong();
    shutdown.addTask(CoordinatedShutdown.PhaseBeforeClusterShutdown(), "hand-off-began", () -> {
      began.set(System.nanoTime());
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    shutdown.addTask(CoordinatedShutdown.PhaseClusterLeave(), "hand-off-took", () -> {
      if (began.get() != 0) {
        double seconds = (System.nanoTime() - began.get()) / 1e9;
        if (seconds < limit.toMillis() / 1000.0) {
          log.info("Shards handed off in {} s (limit {} s)", String.format("%.1f", seconds), limit.toSeconds());
        } else {
          log.warn("Shard hand-off took the whole {} s limit: entities still flushing were stopped, raise "
              + "LIMBIC_SHARD_HANDOFF_TIMEOUT", limit.toSeconds());
        }
      }
      return CompletableFuture.completedFuture(Done.getInstance());
    });
  }

  static Duration limit(com.typesafe.config.Config config) {
    return config.getDuration("pekko.coordinated-shutdown.phases." + PHASE + ".timeout");
  }
}
