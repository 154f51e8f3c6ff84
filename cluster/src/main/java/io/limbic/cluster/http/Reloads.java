package io.limbic.cluster.http;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reloading a table held in memory: once now (a failure stops the start), then every interval on the blocking pool. */
final class Reloads {
  private static final Logger log = LoggerFactory.getLogger(Reloads.class);

  interface Reload {
    void run() throws SQLException;
  }

  private Reloads() {}

  static void start(ActorSystem<?> system, Executor blocking, Duration every, String what, Reload reload) {
    try {
      reload.run();
    } catch (SQLException e) {
      throw new IllegalStateException(what + " could not be read", e);
    }
    system.scheduler().scheduleWithFixedDelay(every, every, () ->
        CompletableFuture.runAsync(() -> {
          try {
            reload.run();
          } catch (SQLException | RuntimeException e) {
            log.warn("{} not reloaded, keeping the last ones: {}", what, e.getMessage());
          }
        }, blocking), system.executionContext());
  }
}
