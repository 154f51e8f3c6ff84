package io.limbic.cluster.downing;

import com.zaxxer.hikari.HikariDataSource;
import io.limbic.projections.db.ConnectionPools;
import io.limbic.projections.db.DatabaseSettings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.coordination.lease.LeaseSettings;
import org.apache.pekko.coordination.lease.javadsl.Lease;
import org.slf4j.LoggerFactory;

/**
 * The split-brain resolver's lease (README "Downing"), kept in the database every node already shares: a row of
 * {@code cluster_leases} with its owner and expiry. Held while renewed every {@code heartbeat-interval}; another
 * node can take it once {@code heartbeat-timeout} has passed without renewal (a crashed holder). The holder
 * counts itself as holding only until its last renewal's start plus {@code heartbeat-timeout}, by its own clock,
 * never longer than the row says. Configured as {@code limbic.cluster-lease} (cluster.conf).
 */
public final class JdbcLease extends Lease {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(JdbcLease.class);

  private final LeaseSettings settings;
  private final LeaseTable table;
  private final Duration timeout;
  private final Duration interval;
  private final Duration operationTimeout;
  private final ScheduledExecutorService executor;
  private final Runnable onClose;
  // Touched only on the executor's one thread, except checkLease's read of held.
  private volatile Held held;
  private ScheduledFuture<?> renewals;
  private Consumer<Optional<Throwable>> lost = cause -> {};

  /** How Pekko's LeaseProvider creates it: a small pool of its own on {@code limbic.db}, opened on first use. */
  public JdbcLease(LeaseSettings settings, ExtendedActorSystem system) {
    this(settings, new LazyPool(DatabaseSettings.from(system.settings().config())));
    system.registerOnTermination(this::close);
  }

  JdbcLease(LeaseSettings settings, DataSource dataSource) {
    this(settings, dataSource, () -> {});
  }

  private JdbcLease(LeaseSettings settings, DataSource dataSource, Runnable onClose) {
    this.settings = settings;
    this.timeout = settings.timeoutSettings().getHeartbeatTimeout();
    this.interval = settings.timeoutSettings().getHeartbeatInterval();
    this.operationTimeout = settings.timeoutSettings().getOperationTimeout();
    this.table = new LeaseTable(dataSource, operationTimeout);
    this.onClose = dataSource instanceof LazyPool pool ? pool::close : onClose;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "limbic-lease-" + settings.leaseName());
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public LeaseSettings getSettings() {
    return settings;
  }

  @Override
  public CompletionStage<Boolean> acquire() {
    return acquire(cause -> {});
  }

  /**
   * Claims the row on the lease's thread. The answer is due within {@code lease-operation-timeout}; a claim that
   * commits after the caller was told it timed out is released again at once, so a node that was answered "not
   * acquired" never goes on holding (and renewing) the lease in the database.
   */
  @Override
  public CompletionStage<Boolean> acquire(Consumer<Optional<Throwable>> leaseLostCallback) {
    CompletableFuture<Boolean> answer = new CompletableFuture<Boolean>()
        .orTimeout(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
    executor.execute(() -> {
      if (answer.isDone()) return; // timed out while waiting for the thread: nothing claimed
      long start = System.nanoTime();
      try {
        Optional<LeaseRow> claimed = table.claim(settings.leaseName(), settings.ownerName(), timeout);
        if (claimed.isEmpty()) {
          LOG.info("Lease {} is held by another node; {} did not acquire it", settings.leaseName(),
              settings.ownerName());
          answer.complete(false);
          return;
        }
        hold(claimed.get(), start);
        Consumer<Optional<Throwable>> previous = lost;
        lost = leaseLostCallback;
        if (!answer.complete(true)) {
          lost = previous;
          abandon();
          return;
        }
        if (renewals == null) {
          long every = interval.toMillis();
          renewals = executor.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("Lease {} acquired by {}", settings.leaseName(), settings.ownerName());
      } catch (SQLException | RuntimeException e) {
        LOG.warn("Lease {} could not be acquired by {}: {}", settings.leaseName(), settings.ownerName(), e.toString());
        answer.completeExceptionally(
            new IllegalStateException("lease " + settings.leaseName() + " could not be acquired", e));
      }
    });
    return answer;
  }

  /** A claim that committed after its acquire had already timed out: give the row back. */
  private void abandon() {
    LOG.warn("Lease {} was claimed by {} after its acquire timed out; releasing it", settings.leaseName(),
        settings.ownerName());
    stopRenewing();
    try {
      table.release(settings.leaseName(), settings.ownerName());
    } catch (SQLException | RuntimeException e) {
      // Not freed: it expires heartbeat-timeout after the claim, as a crashed holder's would.
      LOG.warn("Lease {} could not be released after a late claim: {}", settings.leaseName(), e.toString());
    }
  }

  @Override
  public CompletionStage<Boolean> release() {
    return CompletableFuture.supplyAsync(() -> {
      stopRenewing();
      try {
        table.release(settings.leaseName(), settings.ownerName());
        LOG.info("Lease {} released by {}", settings.leaseName(), settings.ownerName());
        return true;
      } catch (SQLException e) {
        // Not freed in the database: it expires heartbeat-timeout after the last renewal.
        throw new IllegalStateException("lease " + settings.leaseName() + " could not be released", e);
      }
    }, executor).orTimeout(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean checkLease() {
    Held current = held;
    return current != null && System.nanoTime() - current.deadlineNanos() < 0;
  }

  /** Stops renewing without releasing (the node is going away; the row expires). */
  public void close() {
    executor.shutdownNow();
    onClose.run();
  }

  private void renew() {
    Held current = held;
    if (current == null) return;
    long start = System.nanoTime();
    try {
      Optional<LeaseRow> renewed = table.renew(settings.leaseName(), settings.ownerName(), current.version(), timeout);
      if (renewed.isPresent()) {
        hold(renewed.get(), start);
      } else {
        lose(Optional.empty(), "another node took it");
      }
    } catch (SQLException | RuntimeException e) {
      if (System.nanoTime() - current.deadlineNanos() >= 0) lose(Optional.of(e), e.toString());
      else LOG.warn("Lease {} renewal failed, retrying: {}", settings.leaseName(), e.toString());
    }
  }

  private void hold(LeaseRow row, long startNanos) {
    held = new Held(row.version(), startNanos + timeout.toNanos());
  }

  private void lose(Optional<Throwable> cause, String why) {
    LOG.warn("Lease {} lost by {}: {}", settings.leaseName(), settings.ownerName(), why);
    stopRenewing();
    Consumer<Optional<Throwable>> callback = lost;
    lost = c -> {};
    callback.accept(cause);
  }

  private void stopRenewing() {
    held = null;
    if (renewals != null) renewals.cancel(false);
    renewals = null;
  }

  /** The version this node last wrote, and until when (its own monotonic clock) it counts as holding. */
  private record Held(long version, long deadlineNanos) {}

  /** The lease's own pool, opened at first use (the database may be down when the node starts) and on retry. */
  private static final class LazyPool implements DataSource {
    private final DatabaseSettings database;
    private HikariDataSource pool;

    LazyPool(DatabaseSettings database) {
      this.database = database;
    }

    private synchronized HikariDataSource pool() {
      if (pool == null) pool = ConnectionPools.create(database, "limbic-lease", 2);
      return pool;
    }

    synchronized void close() {
      if (pool != null) pool.close();
    }

    @Override
    public Connection getConnection() throws SQLException {
      return pool().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return pool().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
