package io.limbic.projections.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.projections.erasure.ErasedSubjects;
import io.limbic.projections.erasure.ErasureHoldings;
import io.limbic.projections.jobs.JobRepository;
import io.limbic.projections.keys.TokenRevocationRepository;
import io.limbic.projections.keys.TokenRevocationRepository.UserRevocation;
import io.limbic.projections.keys.UserTokenKeyRepository;
import io.limbic.projections.keys.UserTokenKeyRepository.Registration;
import io.limbic.projections.keys.UserTokenKeyRepository.StoredTokenKey;
import io.limbic.projections.kpi.SegmentRepository;
import io.limbic.protocol.http.SegmentInput;
import io.limbic.protocol.kpi.SegmentDefinition;
import io.limbic.protocol.kpi.SegmentFilter;
import io.limbic.protocol.kpi.UserTrait;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two requests that insert the same key at once: the rival's row is written but not committed, so our check does
 * not see it and our insert waits on it; once the rival commits, our insert meets its row. A revocation or an
 * erasure marker recorded twice is no error; a token key's kid taken that way is {@code KID_TAKEN} (409), and
 * only its kid's key says so.
 */
class ConcurrentDuplicateInsertsTest {
  static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");

  DataSource dataSource;
  AutoCloseable closing;

  /** H2 as the node runs it, with a lock wait longer than the test needs to see our insert waiting. */
  DataSource open() {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000";
    var pool = ConnectionPools.create(new DatabaseSettings(url, "sa", "", DatabaseSettings.Dialect.H2), "race", 4);
    Migrations.migrate(pool, DatabaseSettings.Dialect.H2);
    closing = pool;
    return pool;
  }

  @BeforeEach
  void start() throws Exception {
    dataSource = open();
  }

  @AfterEach
  void stop() throws Exception {
    if (closing != null) closing.close();
  }

  /** What our side does; it may throw. */
  interface Ours<T> {
    T run() throws Exception;
  }

  /**
   * Writes the rival's row on its own connection, runs {@code ours} on another thread until it waits on that row,
   * then commits the rival and gives what {@code ours} returned.
   */
  <T> T racing(String rivalInsert, List<Object> values, Ours<T> ours) throws Exception {
    try (Connection rival = dataSource.getConnection()) {
      rival.setAutoCommit(false);
      try (PreparedStatement ps = rival.prepareStatement(rivalInsert)) {
        for (int i = 0; i < values.size(); i++) ps.setObject(i + 1, values.get(i));
        ps.executeUpdate();
      }
      CompletableFuture<T> outcome = CompletableFuture.supplyAsync(() -> {
        try {
          return ours.run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      awaitWaitingOnLock(outcome);
      rival.commit();
      try {
        return outcome.get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError("a duplicate from a concurrent request is not an error", e.getCause());
      }
    }
  }

  private void awaitWaitingOnLock(CompletableFuture<?> outcome) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (waitingOnLock() == 0) {
      assertTrue(!outcome.isDone(), "our insert went through without waiting on the rival's row");
      assertTrue(System.nanoTime() < deadline, "our insert never waited on the rival's row");
      Thread.sleep(20);
    }
  }

  /**
   * PostgreSQL names a session waiting on a lock; H2 does not, but once our insert runs (our check is over) the
   * rival's commit makes it meet the rival's row whether it waits yet or not.
   */
  private int waitingOnLock() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
      try (ResultSet rs = s.executeQuery(postgres
          ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
          : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
              + " AND (EXECUTING_STATEMENT LIKE 'INSERT%' OR EXECUTING_STATEMENT LIKE 'DELETE%'"
              + " OR EXECUTING_STATEMENT LIKE 'MERGE%')")) {
        rs.next();
        int waiting = rs.getInt(1);
        c.rollback();
        return waiting;
      }
    }
  }

  long count(String sql, String key) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long n = rs.getLong(1);
        c.rollback();
        return n;
      }
    }
  }

  @Test
  void aKidRegisteredAtTheSameTimeIsTaken() throws Exception {
    var keys = new UserTokenKeyRepository(dataSource);
    StoredTokenKey key = new StoredTokenKey("acme", "k1", "RS256", "-----BEGIN PUBLIC KEY-----", "fp", NOW,
        Optional.empty());
    Registration registration = racing("INSERT INTO user_token_keys (tenant, kid, algorithm, public_key,"
        + " fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        List.of("acme", "k1", "RS256", "rival", "fp-rival", NOW.atOffset(ZoneOffset.UTC)), () -> keys.insert(key));
    assertEquals(Registration.KID_TAKEN, registration);
    assertEquals("rival", keys.list("acme").get(0).publicKeyPem(), "the first registration stays");
  }

  @Test
  void aKeyRefusedByAnotherUniqueKeyIsNoKidTaken() throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE user_token_keys ADD CONSTRAINT user_token_keys_fingerprint UNIQUE (tenant, fingerprint)");
      c.commit();
    }
    var keys = new UserTokenKeyRepository(dataSource);
    keys.insert(new StoredTokenKey("acme", "k1", "RS256", "pem", "fp", NOW, Optional.empty()));
    SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
        () -> keys.insert(new StoredTokenKey("acme", "k2", "RS256", "pem", "fp", NOW, Optional.empty())));
    assertTrue(refused.getMessage().toLowerCase().contains("user_token_keys_fingerprint"), refused.getMessage());
    assertEquals(Registration.KID_TAKEN,
        keys.insert(new StoredTokenKey("acme", "k1", "RS256", "pem", "fp-2", NOW, Optional.empty())));
  }

  @Test
  void aUserRevokedTwiceAtOnceIsRevoked() throws Exception {
    var revocations = new TokenRevocationRepository(dataSource);
    Instant until = NOW.plusSeconds(3600);
    racing("INSERT INTO user_token_revocations (tenant, user_id, not_before, expires_at) VALUES (?, ?, ?, ?)",
        List.of("acme", "u1", NOW.minusSeconds(1).atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC)), () -> {
          revocations.revokeUser(new UserRevocation("acme", "u1", NOW, until));
          return null;
        });
    assertEquals(List.of(new UserRevocation("acme", "u1", NOW, until)), revocations.inForce(NOW).users(),
        "the later request's revocation is in force");
  }

  @Test
  void aDashboardSessionSignedOutTwiceAtOnceIsRevoked() throws Exception {
    var revocations = new TokenRevocationRepository(dataSource);
    Instant until = NOW.plusSeconds(3600);
    racing("INSERT INTO revoked_dashboard_sessions (jti, expires_at) VALUES (?, ?)",
        List.of("jti-1", until.atOffset(ZoneOffset.UTC)), () -> {
          revocations.revokeSession("jti-1", until);
          return null;
        });
    assertEquals(List.of("jti-1"), revocations.inForce(NOW).sessions());
  }

  @Test
  void twoErasuresOfOnePersonAtOnceBothRecordTheirHoldings() throws Exception {
    racing("INSERT INTO erasure_holdings (tenant, user_id, kind, holding_id) VALUES (?, ?, ?, ?)",
        List.of("acme", "u1", ErasureHoldings.HOLDER, "h1"), () -> {
          try (Connection c = dataSource.getConnection()) {
            ErasureHoldings.record(c, "acme", "u1", ErasureHoldings.HOLDER, List.of("h1", "h2"));
            c.commit();
          }
          return null;
        });
    assertEquals(2, count("SELECT COUNT(*) FROM erasure_holdings WHERE user_id = ?", "u1"));
  }

  @Test
  void twoErasuresOfOnePersonAtOnceBothMarkIt() throws Exception {
    Instant first = NOW.minusSeconds(5);
    racing("INSERT INTO erased_subjects (tenant, kind, subject_id, user_id, erased_at) VALUES (?, ?, ?, ?, ?)",
        List.of("acme", ErasedSubjects.USER, "u1", "u1", java.sql.Timestamp.from(first)), () -> {
          try (Connection c = dataSource.getConnection()) {
            ErasedSubjects.mark(c, "acme", "u1", ErasedSubjects.USER, List.of("u1"), NOW);
            ErasedSubjects.mark(c, "acme", "u1", ErasedSubjects.SESSION, List.of("s1"), NOW);
            c.commit();
          }
          return null;
        });
    assertEquals(2, count("SELECT COUNT(*) FROM erased_subjects WHERE user_id = ?", "u1"));
    try (Connection c = dataSource.getConnection()) {
      assertEquals(Optional.of(first), ErasedSubjects.erasedAt(c, "acme", "u1"), "the first instant stays");
      c.rollback();
    }
  }

  @Test
  void aJobQueuedTwiceAtOnceWithOneKeyIsTheFirstJob() throws Exception {
    var jobs = new JobRepository(dataSource);
    Optional<String> id = racing("INSERT INTO jobs (id, tenant, kind, state, progress, request_json, idempotency_key,"
        + " attempts, cancel_requested, created_at) VALUES (?, ?, ?, 'queued', 0, '{}', ?, 0, FALSE, ?)",
        List.of("rival-job", "acme", "count", "period-1", NOW.atOffset(ZoneOffset.UTC)),
        () -> jobs.insert("acme", "count", "{}", "period-1", 10, NOW));
    assertEquals(Optional.of("rival-job"), id);
    assertEquals(1, count("SELECT COUNT(*) FROM jobs WHERE tenant = ?", "acme"));
  }

  @Test
  void aSegmentCreatedTwiceAtOnceIsStoredAsTheLaterPut() throws Exception {
    var segments = new SegmentRepository(dataSource);
    SegmentDefinition ours = new SegmentDefinition(
        new SegmentFilter.OneOf(UserTrait.COMPANY, List.of("Pro")), List.of());
    String rival = SegmentInput.json(new SegmentFilter.OneOf(UserTrait.COMPANY, List.of("Rival"))).toString();
    boolean stored = racing("INSERT INTO segments (tenant, name, filter_json, controls_json, updated_at)"
        + " VALUES (?, ?, ?, ?, ?)", List.of("acme", "pro", rival, "[]",
        NOW.atOffset(ZoneOffset.UTC)), () -> segments.put("acme", "pro", ours, NOW.plusSeconds(1)));
    assertTrue(stored);
    assertEquals(Optional.of(ours), segments.get("acme", "pro"));
  }
}
