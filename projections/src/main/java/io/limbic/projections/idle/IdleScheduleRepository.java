package io.limbic.projections.idle;

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

/** What the idle sweeper reads from {@code idle_schedule}. Blocking: call it on the blocking dispatcher. */
public final class IdleScheduleRepository {
  private static final String DUE =
      "SELECT tenant, user_id, idle_since, next_phase, due_at FROM idle_schedule WHERE due_at <= ? "
          + "ORDER BY due_at, tenant, user_id LIMIT ?";
  private static final String DUE_AFTER =
      "SELECT tenant, user_id, idle_since, next_phase, due_at FROM idle_schedule WHERE due_at <= ? "
          + "AND (due_at, tenant, user_id) > (?, ?, ?) ORDER BY due_at, tenant, user_id LIMIT ?";
  /** The due time of a user whose idle period has no phase left. */
  public static final Instant NOTHING_DUE = Instant.parse("9999-01-01T00:00:00Z");

  private static final String COUNT = "SELECT COUNT(*) FROM idle_schedule WHERE due_at < ?";

  private final DataSource dataSource;

  public IdleScheduleRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Rows whose next phase is due at or before {@code now}, the longest overdue first; all tenants. */
  public List<ScheduledPhase> due(Instant now, int limit) throws SQLException {
    return due(now, null, limit);
  }

  /** The next page of due rows after {@code after} (null: from the start), in the same order. */
  public List<ScheduledPhase> due(Instant now, ScheduledPhase after, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try (PreparedStatement stmt = connection.prepareStatement(after == null ? DUE : DUE_AFTER)) {
        int i = 1;
        stmt.setObject(i++, now.atOffset(ZoneOffset.UTC));
        if (after != null) {
          stmt.setObject(i++, after.dueAt().atOffset(ZoneOffset.UTC));
          stmt.setString(i++, after.tenant());
          stmt.setString(i++, after.userId());
        }
        stmt.setInt(i, limit);
        try (ResultSet rs = stmt.executeQuery()) {
          List<ScheduledPhase> due = new ArrayList<>();
          while (rs.next()) {
            due.add(new ScheduledPhase(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getInt(4),
                instant(rs, 5)));
          }
          return due;
        }
      } finally {
        connection.rollback();
      }
    }
  }

  /** Users with a phase still to run. */
  public long count() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try (PreparedStatement stmt = connection.prepareStatement(COUNT)) {
        stmt.setObject(1, NOTHING_DUE.atOffset(java.time.ZoneOffset.UTC));
        try (ResultSet rs = stmt.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      } finally {
        connection.rollback();
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
