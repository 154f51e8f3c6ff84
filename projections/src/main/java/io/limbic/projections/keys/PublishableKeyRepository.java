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
import javax.sql.DataSource;

/** Publishable keys created through the admin API (table {@code publishable_keys}), digests only. Blocking. */
public final class PublishableKeyRepository {
  public static final int MAX_KEYS_PER_TENANT = 100;

  /** A stored key: its id, tenant, SHA-256 digest (hex) and normalized origins. */
  public record StoredKey(String id, String tenant, String digest, List<String> origins, Instant createdAt) {
    public StoredKey {
      origins = List.copyOf(origins);
    }
  }

  private final DataSource dataSource;

  public PublishableKeyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores the key unless its tenant already has {@link #MAX_KEYS_PER_TENANT}; whether it was stored. */
  public boolean insert(StoredKey key) throws SQLException {
    // The pool does not auto-commit. Two creations at once may both pass the count: the cap is approximate.
    try (Connection c = dataSource.getConnection()) {
      try {
        if (list(c, key.tenant()).size() >= MAX_KEYS_PER_TENANT) {
          c.rollback();
          return false;
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO publishable_keys (key_id, tenant, digest, origins, created_at) VALUES (?, ?, ?, ?, ?)")) {
          ps.setString(1, key.id());
          ps.setString(2, key.tenant());
          ps.setString(3, key.digest());
          ps.setString(4, String.join("|", key.origins()));
          ps.setObject(5, key.createdAt().atOffset(ZoneOffset.UTC));
          ps.executeUpdate();
        }
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Revokes one of the tenant's keys; false if the tenant has no key of that id. */
  public boolean delete(String tenant, String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM publishable_keys WHERE tenant = ? AND key_id = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, id);
      boolean deleted = ps.executeUpdate() > 0;
      c.commit();
      return deleted;
    }
  }

  public List<StoredKey> list(String tenant) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      List<StoredKey> keys = list(c, tenant);
      c.rollback();
      return keys;
    }
  }

  /** Every tenant's keys: what each node holds in memory to authenticate. */
  public List<StoredKey> all() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT key_id, tenant, digest, origins, created_at FROM publishable_keys ORDER BY created_at, key_id")) {
      List<StoredKey> keys = rows(ps);
      c.rollback();
      return keys;
    }
  }

  private static List<StoredKey> list(Connection c, String tenant) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT key_id, tenant, digest, origins, created_at"
        + " FROM publishable_keys WHERE tenant = ? ORDER BY created_at, key_id")) {
      ps.setString(1, tenant);
      return rows(ps);
    }
  }

  private static List<StoredKey> rows(PreparedStatement ps) throws SQLException {
    List<StoredKey> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String origins = rs.getString(4);
        out.add(new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3),
            origins.isEmpty() ? List.of() : Arrays.asList(origins.split("\\|")),
            rs.getObject(5, OffsetDateTime.class).toInstant()));
      }
    }
    return out;
  }
}
