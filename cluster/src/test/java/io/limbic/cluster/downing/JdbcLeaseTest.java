package io.limbic.cluster.downing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.projections.db.ConnectionPools;
import io.limbic.projections.db.DatabaseSettings;
import io.limbic.projections.db.Migrations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.pekko.coordination.lease.LeaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JdbcLease on an in-memory H2 database migrated like a node's: two nodes, one lease row. */
class JdbcLeaseTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private HikariDataSource database;
  private JdbcLease a;
  private JdbcLease b;

  @BeforeEach
  void migrate() {
    String url = "jdbc:h2:mem:lease-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    database = ConnectionPools.create(new DatabaseSettings(url, "sa", "", DatabaseSettings.Dialect.H2), "lease", 4);
    Migrations.migrate(database, DatabaseSettings.Dialect.H2);
    a = new JdbcLease(settings("node-a"), database);
    b = new JdbcLease(settings("node-b"), database);
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    database.close();
  }

  @Test
  void onlyOneOwnerHoldsTheLeaseUntilItIsReleased() throws Exception {
    assertTrue(acquire(a));
    assertTrue(a.checkLease());
    assertFalse(acquire(b), "held by a");
    assertFalse(b.checkLease());
    assertTrue(acquire(a), "a may acquire again what it holds");

    assertTrue(get(a.release()));
    assertFalse(a.checkLease());
    assertTrue(acquire(b), "free after the release");
    assertFalse(acquire(a), "now held by b");
  }

  @Test
  void aHolderThatStopsRenewingLosesTheLeaseAfterTheHeartbeatTimeout() throws Exception {
    assertTrue(acquire(a));
    a.close(); // a crashed holder: no renewal and no release
    assertFalse(acquire(b), "not expired yet");
    Eventually.within(WAIT, () -> assertTrue(acquire(b), "expired"));
  }

  @Test
  void aHolderKeepsTheLeaseWhileItRenewsIt() throws Exception {
    assertTrue(acquire(a));
    long acquired = currentVersion();
    // 15 renewals, 200 ms apart: longer than the 2 s heartbeat-timeout, which only the renewals have kept off.
    Eventually.within(WAIT, () -> assertTrue(currentVersion() >= acquired + 15, "renewed"));
    assertFalse(acquire(b), "still held by a");
    assertTrue(a.checkLease());
  }

  @Test
  void theHolderIsToldWhenAnotherNodeTookTheRow() throws Exception {
    CompletableFuture<Optional<Throwable>> lost = new CompletableFuture<>();
    assertTrue(get(a.acquire(lost::complete)));
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE cluster_leases SET owner = 'node-c', version = version + 1");
      connection.commit();
    }
    assertTrue(lost.get(WAIT.toSeconds(), TimeUnit.SECONDS).isEmpty(), "lost without an error");
    assertFalse(a.checkLease());
  }

  @Test
  void aClaimThatCommitsAfterItsAcquireTimedOutIsReleasedAgain() throws Exception {
    CountDownLatch databaseAnswers = new CountDownLatch(1);
    JdbcLease late = new JdbcLease(settings("node-late", "300ms"), slowUntil(databaseAnswers));
    try {
      ExecutionException timedOut = assertThrows(ExecutionException.class, () -> acquire(late));
      assertInstanceOf(TimeoutException.class, timedOut.getCause());
      databaseAnswers.countDown(); // the claim now goes through, after its caller was told "timed out"

      Eventually.within(WAIT, () -> assertEquals(LeaseRow.FREE, currentOwner(), "late claim released"));
      assertFalse(late.checkLease());
      assertTrue(acquire(b), "free for another node at once, not only after the heartbeat-timeout");
    } finally {
      late.close();
    }
  }

  /** The test database, whose connections are handed out only once {@code open} is counted down. */
  private DataSource slowUntil(CountDownLatch open) {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) open.await();
          try {
            return method.invoke(database, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private String currentOwner() throws Exception {
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT owner FROM cluster_leases")) {
      String owner = rows.next() ? rows.getString(1) : null;
      connection.commit();
      return owner;
    }
  }

  private long currentVersion() throws Exception {
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT version FROM cluster_leases")) {
      rows.next();
      long version = rows.getLong(1);
      connection.commit();
      return version;
    }
  }

  private static boolean acquire(JdbcLease lease) throws Exception {
    return get(lease.acquire());
  }

  private static boolean get(java.util.concurrent.CompletionStage<Boolean> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static LeaseSettings settings(String owner) {
    return settings(owner, "5s");
  }

  private static LeaseSettings settings(String owner, String operationTimeout) {
    return LeaseSettings.apply(ConfigFactory.parseString("""
        lease-class = "io.limbic.cluster.downing.JdbcLease"
        heartbeat-timeout = 2s
        heartbeat-interval = 200ms
        lease-operation-timeout = %s
        """.formatted(operationTimeout)), "limbic-pekko-sbr", owner);
  }
}
