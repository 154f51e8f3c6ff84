package io.limbic.projections.activity;

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

/** Queries over {@code user_activity}. Blocking: call it on the blocking dispatcher. */
public final class UserActivityRepository {
  private static final String COUNT =
      "SELECT COUNT(*) FROM user_activity WHERE tenant = ? AND last_active_at >= ?";
  private static final String RECENT =
      "SELECT user_id, active_since, last_active_at, heartbeats FROM user_activity "
          + "WHERE tenant = ? AND last_active_at >= ? ORDER BY last_active_at DESC, user_id LIMIT ?";

  private final DataSource dataSource;

  public UserActivityRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public ActivityReport activeSince(String tenant, Instant since, int limit) throws SQLException {
    OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try {
        return new ActivityReport(count(connection, tenant, from), recent(connection, tenant, from, limit));
      } finally {
        connection.rollback();
      }
    }
  }

  private static long count(Connection connection, String tenant, OffsetDateTime from) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(COUNT)) {
      stmt.setString(1, tenant);
      stmt.setObject(2, from);
      try (ResultSet rs = stmt.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static List<ActiveUser> recent(Connection connection, String tenant, OffsetDateTime from, int limit)
      throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(RECENT)) {
      stmt.setString(1, tenant);
      stmt.setObject(2, from);
      stmt.setInt(3, limit);
      try (ResultSet rs = stmt.executeQuery()) {
        List<ActiveUser> users = new ArrayList<>();
        while (rs.next()) {
          users.add(
              new ActiveUser(
                  rs.getString(1),
                  rs.getObject(2, OffsetDateTime.class).toInstant(),
                  rs.getObject(3, OffsetDateTime.class).toInstant(),
                  rs.getLong(4)));
        }
        return users;
      }
    }
  }
}
