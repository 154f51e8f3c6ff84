package io.limbic.projections.keys;

import io.limbic.projections.db.UniqueViolations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Revoked tokens: per user, the instant before which their user tokens were issued and are refused (table
 * {@code user_token_revocations}); per dashboard session, its {@code jti} (table {@code revoked_dashboard_sessions}).
 * Each row is kept only while a token it refuses could still be unexpired. Blocking.
 */
public final class TokenRevocationRepository {
  /** A user whose tokens issued before {@code notBefore} are refused, until {@code expiresAt}. */
  public record UserRevocation(String tenant, String userId, Instant notBefore, Instant expiresAt) {}

  /** Every revocation in force at one instant. */
  public record Revoked(List<UserRevocation> users, List<String> sessions) {}

  private static final int REPLACE_ATTEMPTS = 2;

  private final DataSource dataSource;

  public TokenRevocationRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Refuses the user's tokens issued before {@code notBefore} (a later revocation moves the instant forward). A
   * concurrent revocation of the same user is no error: the row is replaced once it has committed.
   */
  public void revokeUser(UserRevocation revocation) throws SQLException {
    replacing(c -> {
      try (PreparedStatement delete =
          c.prepareStatement("DELETE FROM user_token_revocations WHERE tenant = ? AND user_id = ?")) {
        delete.setString(1, revocation.tenant());
        delete.setString(2, revocation.userId());
        delete.executeUpdate();
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO user_token_revocations"
          + " (tenant, user_id, not_before, expires_at) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, revocation.tenant());
        insert.setString(2, revocation.userId());
        insert.setObject(3, revocation.notBefore().atOffset(ZoneOffset.UTC));
        insert.setObject(4, revocation.expiresAt().atOffset(ZoneOffset.UTC));
        insert.executeUpdate();
      }
    });
  }

  /** Refuses the dashboard session {@code jti} until {@code expiresAt} (signing out twice, even at once, is fine). */
  public void revokeSession(String jti, Instant expiresAt) throws SQLException {
    replacing(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM revoked_dashboard_sessions WHERE jti = ?")) {
        delete.setString(1, jti);
        delete.executeUpdate();
      }
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO revoked_dashboard_sessions (jti, expires_at) VALUES (?, ?)")) {
        insert.setString(1, jti);
        insert.setObject(2, expiresAt.atOffset(ZoneOffset.UTC));
        insert.executeUpdate();
      }
    });
  }

  /** One delete-then-insert of a revocation. */
  private interface Replacement {
    void run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code replacement} in a transaction. Two at once for the same key both delete nothing and the second
   * insert meets the first's row: it is then run again, and deletes that row. Should even that meet a third, the
   * caller gets the error (and retries) rather than a success that might leave an earlier revocation in force.
   */
  private void replacing(Replacement replacement) throws SQLException {
    UniqueViolations.retrying(REPLACE_ATTEMPTS, () -> {
      try (Connection c = dataSource.getConnection()) {
        try {
          replacement.run(c);
          c.commit();
          return null;
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      }
    });
  }

  /** Deletes the rows that refuse nothing any more (expired at {@code now}); how many. */
  public int deleteExpired(Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        int deleted = 0;
        for (String table : List.of("user_token_revocations", "revoked_dashboard_sessions")) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
            ps.setObject(1, now.atOffset(ZoneOffset.UTC));
            deleted += ps.executeUpdate();
          }
        }
        c.commit();
        return deleted;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The revocations in force at {@code now}: what each node holds in memory. */
  public Revoked inForce(Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      List<UserRevocation> users = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT tenant, user_id, not_before, expires_at"
          + " FROM user_token_revocations WHERE expires_at > ?")) {
        ps.setObject(1, now.atOffset(ZoneOffset.UTC));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            users.add(new UserRevocation(rs.getString(1), rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, OffsetDateTime.class).toInstant()));
          }
        }
      }
      List<String> sessions = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement("SELECT jti FROM revoked_dashboard_sessions WHERE expires_at > ?")) {
        ps.setObject(1, now.atOffset(ZoneOffset.UTC));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) sessions.add(rs.getString(1));
        }
      }
      c.rollback();
      return new Revoked(users, sessions);
    }
  }
}
