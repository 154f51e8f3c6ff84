package io.limbic.projections.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Secret API keys created through the operator's API (table {@code api_keys}), digests only. A key is revoked by
 * giving it a {@code revoked_at}, which may lie in the future (a rotated key's grace period); it is then kept, so the
 * list shows when it stopped. Blocking.
 */
public final class ApiKeyRepository {
  public static final int MAX_KEYS_PER_TENANT = 100;
  private static final String COLUMNS = "key_name, tenant, digest, roles, created_at, expires_at, revoked_at";

  /**
   * A stored key: its name ({@code key-<16 hex>}), tenant, SHA-256 digest (hex), role labels, and when it was
   * created, expires (if ever) and is or was revoked (if ever).
   */
  public record StoredApiKey(String name, String tenant, String digest, List<String> roles, Instant createdAt,
      Optional<Instant> expiresAt, Optional<Instant> revokedAt) {
    public StoredApiKey {
      roles = List.copyOf(roles);
    }

    /** Until when the key authenticates: the earlier of its expiry and its revocation, if any. */
    public Optional<Instant> validUntil() {
      if (expiresAt.isEmpty()) return revokedAt;
      if (revokedAt.isEmpty()) return expiresAt;
      return Optional.of(expiresAt.get().isBefore(revokedAt.get()) ? expiresAt.get() : revokedAt.get());
    }

    public boolean validAt(Instant now) {
      return validUntil().map(now::isBefore).orElse(true);
    }
  }

  /** How a rotation ended. */
  public enum Rotation { ROTATED, NOT_FOUND, ALREADY_REVOKED, TOO_MANY }

  private final DataSource dataSource;

  public ApiKeyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores the key unless its tenant already has {@link #MAX_KEYS_PER_TENANT} valid at {@code now}; whether it was
   * stored.
   */
  public boolean insert(StoredApiKey key, Instant now) throws SQLException {
    // The pool does not auto-commit. Two creations at once may both pass the count: the cap is approximate.
    try (Connection c = dataSource.getConnection()) {
      try {
        if (countValid(c, key.tenant(), now) >= MAX_KEYS_PER_TENANT) {
          c.rollback();
          return false;
        }
        insert(c, key);
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Stores {@code replacement} and revokes the tenant's key {@code name} at {@code revokeAt} (or earlier, if it was
   * already due to be revoked sooner), in one transaction.
   */
  public Rotation rotate(String tenant, String name, StoredApiKey replacement, Instant revokeAt, Instant now)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        Optional<StoredApiKey> old = find(c, tenant, name);
        Rotation refused = old.isEmpty() ? Rotation.NOT_FOUND
            : !old.get().validAt(now) ? Rotation.ALREADY_REVOKED
            : countValid(c, tenant, now) >= MAX_KEYS_PER_TENANT ? Rotation.TOO_MANY : null;
        if (refused != null) {
          c.rollback();
          return refused;
        }
        insert(c, replacement);
        Instant at = old.get().revokedAt().filter(r -> r.isBefore(revokeAt)).orElse(revokeAt);
        setRevokedAt(c, tenant, name, at);
        c.commit();
        return Rotation.ROTATED;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Revokes the tenant's key {@code name} at {@code now} unless it already was (a later scheduled revocation is
   * brought forward); false if the tenant has no key of that name.
   */
  public boolean revoke(String tenant, String name, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        Optional<StoredApiKey> key = find(c, tenant, name);
        if (key.isPresent() && key.get().revokedAt().map(now::isBefore).orElse(true)) {
          setRevokedAt(c, tenant, name, now);
        }
        c.commit();
        return key.isPresent();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  public Optional<StoredApiKey> find(String tenant, String name) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Optional<StoredApiKey> key = find(c, tenant, name);
      c.rollback();
      return key;
    }
  }

  /** The tenant's keys, revoked ones included, oldest first. */
  public List<StoredApiKey> list(String tenant) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT " + COLUMNS + " FROM api_keys WHERE tenant = ? ORDER BY created_at, key_name")) {
      ps.setString(1, tenant);
      List<StoredApiKey> keys = rows(ps);
      c.rollback();
      return keys;
    }
  }

  /** Every tenant's keys still valid at {@code now}: what each node holds in memory to authenticate. */
  public List<StoredApiKey> valid(Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys"
            + " WHERE (revoked_at IS NULL OR revoked_at > ?) AND (expires_at IS NULL OR expires_at > ?)"
            + " ORDER BY created_at, key_name")) {
      ps.setObject(1, now.atOffset(ZoneOffset.UTC));
      ps.setObject(2, now.atOffset(ZoneOffset.UTC));
      List<StoredApiKey> keys = rows(ps);
      c.rollback();
      return keys;
    }
  }

  private static void insert(Connection c, StoredApiKey key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, key.name());
      ps.setString(2, key.tenant());
      ps.setString(3, key.digest());
      ps.setString(4, String.join("+", key.roles()));
      ps.setObject(5, key.createdAt().atOffset(ZoneOffset.UTC));
      ps.setObject(6, key.expiresAt().map(t -> t.atOffset(ZoneOffset.UTC)).orElse(null));
      ps.setObject(7, key.revokedAt().map(t -> t.atOffset(ZoneOffset.UTC)).orElse(null));
      ps.executeUpdate();
    }
  }

  private static void setRevokedAt(Connection c, String tenant, String name, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE api_keys SET revoked_at = ? WHERE tenant = ? AND key_name = ?")) {
      ps.setObject(1, at.atOffset(ZoneOffset.UTC));
      ps.setString(2, tenant);
      ps.setString(3, name);
      ps.executeUpdate();
    }
  }

  private static int countValid(Connection c, String tenant, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM api_keys WHERE tenant = ?"
        + " AND (revoked_at IS NULL OR revoked_at > ?) AND (expires_at IS NULL OR expires_at > ?)")) {
      ps.setString(1, tenant);
      ps.setObject(2, now.atOffset(ZoneOffset.UTC));
      ps.setObject(3, now.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static Optional<StoredApiKey> find(Connection c, String tenant, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE tenant = ? AND key_name = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      return rows(ps).stream().findFirst();
    }
  }

  private static List<StoredApiKey> rows(PreparedStatement ps) throws SQLException {
    List<StoredApiKey> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new StoredApiKey(rs.getString(1), rs.getString(2), rs.getString(3),
            Arrays.asList(rs.getString(4).split("\\+")), instant(rs, 5).orElseThrow(), instant(rs, 6),
            instant(rs, 7)));
      }
    }
    return out;
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
  }
}
