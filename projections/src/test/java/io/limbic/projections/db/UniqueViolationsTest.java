package io.limbic.projections.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry after a rival's row, and the inserts that leave out the rows a unique key already holds. */
class UniqueViolationsTest {
  static SQLException violation() {
    return new SQLException("duplicate key value violates unique constraint", UniqueViolations.SQL_STATE);
  }

  @Test
  void aUniqueViolationIsTriedAgainAndTheNextAttemptsAnswerReturned() throws SQLException {
    AtomicInteger calls = new AtomicInteger();
    String answer = UniqueViolations.retrying(3, () -> {
      if (calls.incrementAndGet() == 1) throw violation();
      return "the rival's row";
    });
    assertEquals("the rival's row", answer);
    assertEquals(2, calls.get());
  }

  @Test
  void aViolationInABatchsNextExceptionIsTriedAgainToo() throws SQLException {
    AtomicInteger calls = new AtomicInteger();
    UniqueViolations.retrying(2, () -> {
      if (calls.incrementAndGet() == 1) {
        BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", new int[0]);
        batch.setNextException(violation());
        throw batch;
      }
      return null;
    });
    assertEquals(2, calls.get());
  }

  @Test
  void afterNViolationsTheLastIsThrown() {
    AtomicInteger calls = new AtomicInteger();
    List<SQLException> thrown = new ArrayList<>();
    SQLException e = assertThrows(SQLException.class, () -> UniqueViolations.retrying(3, () -> {
      calls.incrementAndGet();
      SQLException v = violation();
      thrown.add(v);
      throw v;
    }));
    assertEquals(3, calls.get(), "exactly the attempts asked for");
    assertSame(thrown.get(2), e);
  }

  @Test
  void oneAttemptIsNeverRepeated() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(SQLException.class, () -> UniqueViolations.retrying(1, () -> {
      calls.incrementAndGet();
      throw violation();
    }));
    assertEquals(1, calls.get());
  }

  @Test
  void anyOtherSqlErrorIsThrownAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    SQLException timeout = new SQLException("canceling statement due to lock timeout", "55P03");
    SQLException e = assertThrows(SQLException.class, () -> UniqueViolations.retrying(5, () -> {
      calls.incrementAndGet();
      throw timeout;
    }));
    assertSame(timeout, e);
    assertEquals(1, calls.get());
  }

  @Test
  void noAttemptsIsAMistake() {
    assertThrows(IllegalArgumentException.class, () -> UniqueViolations.retrying(0, () -> "x"));
  }

  @Test
  void rowsAlreadyHeldAreLeftOutAndTheOthersGoIn() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE marks (id VARCHAR(16) PRIMARY KEY, note VARCHAR(16))");
        s.execute("INSERT INTO marks VALUES ('b', 'first')");
      }
      c.setAutoCommit(false);
      AtomicInteger batches = new AtomicInteger();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO marks (id, note) VALUES (?, 'ours')")) {
        UniqueViolations.eachUnlessPresent(c, List.of("a", "b", "c"), ids -> {
          batches.incrementAndGet();
          ps.clearBatch();
          for (String id : ids) {
            ps.setString(1, id);
            ps.addBatch();
          }
          ps.executeBatch();
        });
      }
      c.commit();
      assertEquals(4, batches.get(), "all at once, then one by one");
      assertEquals(List.of("a=ours", "b=first", "c=ours"), rows(c));
    }
  }

  @Test
  void anyOtherErrorOfTheInsertIsThrown() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "")) {
      c.setAutoCommit(false);
      SQLException broken = new SQLException("connection reset", "08006");
      SQLException e = assertThrows(SQLException.class,
          () -> UniqueViolations.eachUnlessPresent(c, List.of("a"), ids -> {
            throw broken;
          }));
      assertSame(broken, e);
      assertFalse(UniqueViolations.is(e));
      assertTrue(UniqueViolations.is(violation()));
    }
  }

  @Test
  void theViolatedConstraintIsReadFromEitherDatabasesMessage() {
    SQLException postgres = new SQLException("ERROR: duplicate key value violates unique constraint"
        + " \"user_token_keys_kid\"\n  Detail: Key (tenant, kid)=(acme, k1) already exists.", "23505");
    SQLException h2 = new SQLException("Unique index or primary key violation: \"PUBLIC.USER_TOKEN_KEYS_KID INDEX"
        + " PUBLIC.PRIMARY_KEY_3 ON PUBLIC.USER_TOKEN_KEYS(TENANT, KID) VALUES ( /* key:1 */ 'acme', 'k1')\"", "23505");
    SQLException other = new SQLException("Unique index or primary key violation: \"PUBLIC.USER_TOKEN_KEYS_KID_FP"
        + " INDEX PUBLIC.USER_TOKEN_KEYS_KID_FP_INDEX_3 ON PUBLIC.USER_TOKEN_KEYS(FINGERPRINT)\"", "23505");
    assertTrue(UniqueViolations.of(postgres, "user_token_keys_kid"));
    assertTrue(UniqueViolations.of(h2, "user_token_keys_kid"));
    assertFalse(UniqueViolations.of(other, "user_token_keys_kid"), "a longer name that starts the same");
    assertFalse(UniqueViolations.of(new SQLException("user_token_keys_kid", "40001"), "user_token_keys_kid"),
        "not a unique violation");
    assertTrue(UniqueViolations.of(new SQLException("wrapped", "HY000", h2), "user_token_keys_kid"));
  }

  private static List<String> rows(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, note FROM marks ORDER BY id")) {
      while (rs.next()) out.add(rs.getString(1) + "=" + rs.getString(2));
    }
    return out;
  }
}
