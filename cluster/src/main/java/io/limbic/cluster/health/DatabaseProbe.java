package io.limbic.cluster.health;

import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * {@code SELECT 1} on the read models' pool every {@code probe-interval}, on a thread of its own (a probe waiting
 * for a connection never holds up projections or queries). A probe that has not answered within
 * {@code probe-timeout} counts as a failure at every interval it stays unanswered, so a database that hangs rather
 * than refuses is lost too. While the database is lost the probe is the breaker's half-open trial: the first one
 * that gets through closes it.
 */
public final class DatabaseProbe {
  private static final long IDLE = -1;

  private final DataSource pool;
  private final DatabaseHealth health;
  private final Duration timeout;
  private final ExecutorService thread;
  private final AtomicLong startedAt = new AtomicLong(IDLE);

  private DatabaseProbe(DataSource pool, DatabaseHealth health, Duration timeout) {
    this.pool = pool;
    this.health = health;
    this.timeout = timeout;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "limbic-database-probe");
      t.setDaemon(true);
      return t;
    });
  }

  public static void start(ActorSystem<?> system, DataSource pool) {
    Config outage = system.settings().config().getConfig("limbic.db.outage");
    Duration interval = outage.getDuration("probe-interval");
    DatabaseProbe probe = new DatabaseProbe(pool, DatabaseHealth.get(system), outage.getDuration("probe-timeout"));
    Cancellable ticks = system.scheduler().scheduleWithFixedDelay(
        interval, interval, probe::tick, system.executionContext());
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-database-probe", () -> {
      ticks.cancel();
      probe.thread.shutdownNow();
      return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
    });
  }

  private void tick() {
    long started = startedAt.get();
    if (started != IDLE) {
      if (System.nanoTime() - started > timeout.toNanos()) {
        health.failed("probe", new TimeoutException("SELECT 1 unanswered after " + timeout.toMillis() + " ms"));
      }
      return;
    }
    if (!startedAt.compareAndSet(IDLE, System.nanoTime())) return;
    try {
      thread.execute(this::probe);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      startedAt.set(IDLE);
    }
  }

  private void probe() {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
      statement.execute("SELECT 1");
      health.succeeded();
    } catch (Exception e) {
      health.failed("probe", e);
    } finally {
      startedAt.set(IDLE);
    }
  }
}
