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
import java.util.Optional;
import javax.sql.DataSource;

/**
 * User-token verification keys registered through the operator's API (table {@code user_token_keys}): public keys
 * as PEM text, each with its tenant, {@code kid}, algorithm and fingerprint. A revoked key keeps its row (with
 * {@code revoked_at}), so the list shows when it stopped and its kid is not reused. Blocking.
 */
public final class UserTokenKeyRepository {
  public static final int MAX_KEYS_PER_TENANT = 20;
  /** The constraint of (tenant, kid), named in V53: only its violation is a kid taken. */
  static final String KID_KEY = "user_token_keys_kid";
  private static final String COLUMNS = "tenant, kid, algorithm, public_key, fingerprint, created_at, revoked_at";

  /** A registered key; {@code revokedAt} empty while it verifies tokens. */
  public record StoredTokenKey(String tenant, String kid, String algorithm, String publicKeyPem, String fingerprint,
      Instant createdAt, Optional<Instant> revokedAt) {}

  /** How a registration ended. */
  public enum Registration { REGISTERED, KID_TAKEN, TOO_MANY }

  private final DataSource dataSource;

  public UserTokenKeyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores the key unless its kid is taken (revoked keys included) or its tenant has the most valid keys. A kid
   * registered by a concurrent request between the check and the insert is taken too; a violation of any other
   * unique key is no kid taken, and is thrown with what it was.
   */
  public Registration insert(StoredTokenKey key) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        Registration refused = find(c, key.tenant(), key.kid()).isPresent() ? Registration.KID_TAKEN
            : countValid(c, key.tenant()) >= MAX_KEYS_PER_TENANT ? Registration.TOO_MANY : null;
        if (refused != null) {
          c.rollback();
          return refused;
        }
        try (PreparedStatement ps =
            c.prepareStatement("INSERT INTO user_token_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, key.tenant());
          ps.setString(2, key.kid());
          ps.setString(3, key.algorithm());
          ps.setString(4, key.publicKeyPem());
          ps.setString(5, key.fingerprint());
          ps.setObject(6, key.createdAt().atOffset(ZoneOffset.UTC));
          ps.setObject(7, key.revokedAt().map(t -> t.atOffset(ZoneOffset.UTC)).orElse(null));
          ps.executeUpdate();
        }
        c.commit();
        return Registration.REGISTERED;
      } catch (SQLException e) {
        c.rollback();
        if (UniqueViolations.of(e, KID_KEY)) return Registration.KID_TAKEN;
        if (UniqueViolations.is(e)) {
          throw new SQLException("user_token_keys refused " + key.tenant() + "/" + key.kid()
              + " on a unique key other than the kid's: " + e.getMessage(), e.getSQLState(), e);
        }
        throw e;
      }
    }
  }

  /** Revokes the tenant's key {@code kid} at {@code now} unless it already was; false if there is no such key. */
  public boolean revoke(String tenant, String kid, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE user_token_keys SET revoked_at = ?"
          + " WHERE tenant = ? AND kid = ? AND revoked_at IS NULL")) {
        ps.setObject(1, now.atOffset(ZoneOffset.UTC));
        ps.setString(2, tenant);
        ps.setString(3, kid);
        ps.executeUpdate();
        boolean exists = find(c, tenant, kid).isPresent();
        c.commit();
        return exists;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The tenant's keys, revoked ones included, oldest first. */
  public List<StoredTokenKey> list(String tenant) throws SQLException {
    return query("SELECT " + COLUMNS + " FROM user_token_keys WHERE tenant = ? ORDER BY created_at, kid", tenant);
  }

  /** Every tenant's keys not revoked: what each node holds in memory to verify tokens. */
  public List<StoredTokenKey> valid() throws SQLException {
    return query("SELECT " + COLUMNS + " FROM user_token_keys WHERE revoked_at IS NULL ORDER BY created_at, kid",
        null);
  }

  private List<StoredTokenKey> query(String sql, String tenant) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (tenant != null) ps.setString(1, tenant);
      List<StoredTokenKey> keys = rows(ps);
      c.rollback();
      return keys;
    }
  }

  private static int countValid(Connection c, String tenant) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM user_token_keys WHERE tenant = ? AND revoked_at IS NULL")) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static Optional<StoredTokenKey> find(Connection c, String tenant, String kid) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM user_token_keys WHERE tenant = ? AND kid = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, kid);
      return rows(ps).stream().findFirst();
    }
  }

  private static List<StoredTokenKey> rows(PreparedStatement ps) throws SQLException {
    List<StoredTokenKey> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        OffsetDateTime revoked = rs.getObject(7, OffsetDateTime.class);
        out.add(new StoredTokenKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
            Optional.ofNullable(revoked).map(OffsetDateTime::toInstant)));
      }
    }
    return out;
  }
}
