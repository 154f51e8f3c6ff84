package io.limbic.projections.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Positional binding and reading for the plain repositories (jobs, schedules): values bound in order, a missing
 * timestamp typed as one (PostgreSQL refuses an untyped NULL for a timestamp column), instants as UTC timestamps.
 * Connections come from the read-model pool, which does not auto-commit.
 */
public final class Rows {
  private static final Object NO_TIME = new Object();

  private Rows() {}

  /** An instant as the database takes it; null becomes a NULL typed as a timestamp. */
  public static Object utc(Instant t) {
    return t == null ? NO_TIME : t.atOffset(ZoneOffset.UTC);
  }

  public static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] == NO_TIME) s.setNull(i + 1, Types.TIMESTAMP_WITH_TIMEZONE);
      else if (args[i] == null) s.setNull(i + 1, Types.VARCHAR);
      else s.setObject(i + 1, args[i]);
    }
  }

  /** Runs one statement in its own transaction; the rows it changed. */
  public static int update(DataSource dataSource, String sql, Object... args) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      int rows = s.executeUpdate();
      c.commit();
      return rows;
    }
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
