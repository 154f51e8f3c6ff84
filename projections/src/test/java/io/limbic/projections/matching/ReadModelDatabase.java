package io.limbic.projections.matching;

import com.zaxxer.hikari.HikariDataSource;
import io.limbic.projections.db.ConnectionPools;
import io.limbic.projections.db.DatabaseSettings;
import io.limbic.projections.db.Migrations;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.protocol.user.UserEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * A freshly migrated database for one test: in-memory H2, or a new database in an embedded PostgreSQL that the test
 * JVM shares. Runs handlers over events the way the projection does: a group of envelopes per transaction.
 */
public final class ReadModelDatabase implements AutoCloseable {
  private static final AtomicInteger databases = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  public final HikariDataSource dataSource;
  private final DatabaseSettings.Dialect dialect;
  private long sequence;

  private ReadModelDatabase(DatabaseSettings settings) {
    dialect = settings.dialect();
    dataSource = ConnectionPools.create(settings, "test", 4);
    Migrations.migrate(dataSource, settings.dialect());
  }

  public static ReadModelDatabase h2() {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    return new ReadModelDatabase(new DatabaseSettings(url, "sa", "", DatabaseSettings.Dialect.H2));
  }

  public static ReadModelDatabase postgres() throws IOException, SQLException {
    EmbeddedPostgres server = server();
    String name = "readmodel_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String url = server.getJdbcUrl("postgres", name);
    return new ReadModelDatabase(
        new DatabaseSettings(url, "postgres", "postgres", DatabaseSettings.Dialect.POSTGRES));
  }

  private static synchronized EmbeddedPostgres server() throws IOException {
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(ReadModelDatabase::stopServer));
    }
    return postgres;
  }

  private static void stopServer() {
    try {
      postgres.close();
    } catch (IOException ignored) {
      // the JVM is exiting anyway
    }
  }

  /** Each event as a group of its own, one transaction each: what the projection does when events trickle in. */
  public void project(UserEventGroupHandler handler, UserEvent... events) throws Exception {
    for (UserEvent event : events) projectGroup(handler, List.of(event));
  }

  /** All the events as one group, in one transaction: what the projection does under load or catching up. */
  public void projectGroup(UserEventGroupHandler handler, List<UserEvent> events) throws Exception {
    List<EventEnvelope<UserEvent>> envelopes = new ArrayList<>();
    for (UserEvent event : events) envelopes.add(envelope(event));
    PlainJdbcSession session = new PlainJdbcSession(dataSource);
    try {
      handler.process(session, envelopes);
      session.commit();
    } finally {
      session.close();
    }
  }

  public synchronized EventEnvelope<UserEvent> envelope(UserEvent event) {
    sequence++;
    String pid = "User|" + event.tenant() + "/" + event.userId();
    return EventEnvelope.create(Offset.sequence(sequence), pid, sequence, event, 0L);
  }

  /**
   * Whether this thread's transaction is waiting for a row lock: embedded H2 waits in the calling thread (parked,
   * or spinning in a write statement that another session shows executing), a PostgreSQL backend reports it in
   * pg_stat_activity.
   */
  public boolean waitingForLock(Thread thread) throws SQLException {
    if (dialect == DatabaseSettings.Dialect.H2) {
      return thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING
          || count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID() AND ("
              + "EXECUTING_STATEMENT LIKE 'MERGE%' OR EXECUTING_STATEMENT LIKE 'INSERT%'"
              + " OR EXECUTING_STATEMENT LIKE 'UPDATE%')") > 0;
    }
    return count("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
        + "AND wait_event_type = 'Lock'") > 0;
  }

  /** Work on a connection of a transaction the caller commits. */
  @FunctionalInterface
  public interface Work {
    void run(Connection c) throws SQLException;
  }

  /**
   * Two transactions writing the same rows: {@code first} runs and holds its transaction open, {@code second} runs
   * in another thread until it waits for the first's locks, then the first commits and the second must go through
   * and commit (its failure is thrown).
   */
  public void race(Work first, Work second) throws Exception {
    try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      first.run(a);
      CompletableFuture<Void> rival = new CompletableFuture<>();
      Thread other = new Thread(() -> {
        try {
          second.run(b);
          b.commit();
          rival.complete(null);
        } catch (SQLException | RuntimeException e) {
          rival.completeExceptionally(e);
        }
      });
      other.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (other.isAlive() && !waitingForLock(other) && System.nanoTime() < deadline) Thread.onSpinWait();
      if (!waitingForLock(other)) throw new AssertionError("the second transaction does not wait for the first");
      a.commit();
      rival.get(10, TimeUnit.SECONDS);
    }
  }

  /** Every row of a query, each as its column values. */
  public List<List<Object>> rows(String sql, Object... params) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement stmt = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) stmt.setObject(i + 1, params[i]);
      try (ResultSet rs = stmt.executeQuery()) {
        List<List<Object>> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns; i++) row.add(rs.getObject(i));
          rows.add(row);
        }
        return rows;
      } finally {
        c.rollback();
      }
    }
  }

  public long count(String sql, Object... params) throws SQLException {
    return ((Number) rows(sql, params).get(0).get(0)).longValue();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
