package io.limbic.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What the idle benchmark reads from the node's read models: whether the profile projection has caught up, and
 * when each user's daily matches were generated ({@code daily_matches.generated_at} is the time the entity took the
 * deep phase's result, i.e. when the job finished).
 */
final class IdleBenchmarkDatabase {
  private final String url;
  private final String user;
  private final String password;

  IdleBenchmarkDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  long profiles(String tenant) throws SQLException {
    return count("SELECT COUNT(*) FROM user_profile WHERE tenant = ?", tenant);
  }

  long candidateRows(String tenant) throws SQLException {
    return count("SELECT COUNT(*) FROM candidate_index WHERE tenant = ?", tenant);
  }

  /** Epoch milliseconds at which each user's daily matches were generated, in order. */
  long[] matchesGenerated(String tenant) throws SQLException {
    List<Long> at = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement stmt = c.prepareStatement(
            "SELECT generated_at FROM daily_matches WHERE tenant = ? AND rank = 1 ORDER BY generated_at")) {
      stmt.setString(1, tenant);
      try (ResultSet rs = stmt.executeQuery()) {
        while (rs.next()) at.add(rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli());
      }
    }
    return at.stream().mapToLong(Long::longValue).toArray();
  }

  private long count(String sql, String tenant) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement stmt = c.prepareStatement(sql)) {
      stmt.setString(1, tenant);
      try (ResultSet rs = stmt.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
