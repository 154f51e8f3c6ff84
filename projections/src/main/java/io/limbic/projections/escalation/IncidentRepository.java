package io.limbic.projections.escalation;

import java.math.BigDecimal;
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

/** Reads {@code incidents} and {@code incident_timeline}. Blocking: call it on the blocking dispatcher. */
public final class IncidentRepository {
  private static final String COLUMNS =
      "incident_id, user_id, emotion_id, session_id, company, lifetime_value, currency, emotion, confidence, page,"
          + " evidence, source, detected_at, opened_at, status, contacts, contacts_paged, next_deadline_at,"
          + " acknowledged_at, acknowledged_by, ended_at";

  /** One incident as the read model has it; {@code acknowledgedAt} minus {@code openedAt} is how long it took. */
  public record IncidentRow(
      String incidentId, String userId, String emotionId, String sessionId, String company, BigDecimal lifetimeValue,
      String currency, String emotion, double confidence, String page, String evidence, String source,
      Instant detectedAt, Instant openedAt, String status, int contacts, int contactsPaged, Instant nextDeadlineAt,
      Instant acknowledgedAt, String acknowledgedBy, Instant endedAt) {}

  public record TimelineEntry(
      Instant at, String kind, Integer contactIndex, String contact, String channel, String detail) {}

  /** An open incident whose next step is due: its user's entity is to be woken. */
  public record DueIncident(String tenant, String userId, String incidentId, Instant deadline) {}

  private final DataSource dataSource;

  public IncidentRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The tenant's incidents, newest first; of one status when given. */
  public List<IncidentRow> list(String tenant, Optional<String> status, int limit) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM incidents WHERE tenant = ?"
        + (status.isPresent() ? " AND status = ?" : "") + " ORDER BY opened_at DESC, incident_id";
    return read(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setMaxRows(limit);
        s.setString(1, tenant);
        if (status.isPresent()) s.setString(2, status.get());
        List<IncidentRow> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) rows.add(row(rs));
        }
        return rows;
      }
    });
  }

  public Optional<IncidentRow> find(String tenant, String incidentId) throws SQLException {
    return read(c -> {
      try (PreparedStatement s =
          c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE tenant = ? AND incident_id = ?")) {
        s.setString(1, tenant);
        s.setString(2, incidentId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
      }
    });
  }

  public List<TimelineEntry> timeline(String tenant, String incidentId) throws SQLException {
    return read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT event_at, kind, contact_index, contact, channel, detail FROM incident_timeline"
              + " WHERE tenant = ? AND incident_id = ? ORDER BY event_at, sequence_nr, kind DESC")) {
        s.setString(1, tenant);
        s.setString(2, incidentId);
        List<TimelineEntry> entries = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            int index = rs.getInt(3);
            Integer contactIndex = rs.wasNull() ? null : index;
            entries.add(new TimelineEntry(instant(rs, 1), rs.getString(2), contactIndex, rs.getString(4),
                rs.getString(5), rs.getString(6)));
          }
        }
        return entries;
      }
    });
  }

  /** Open incidents whose deadline is at or before {@code now}, the longest overdue first; all tenants. */
  public List<DueIncident> due(Instant now, int limit) throws SQLException {
    return read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT tenant, user_id, incident_id, next_deadline_at FROM incidents"
              + " WHERE status = 'open' AND next_deadline_at <= ? ORDER BY next_deadline_at")) {
        s.setMaxRows(limit);
        s.setObject(1, now.atOffset(ZoneOffset.UTC));
        List<DueIncident> due = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) due.add(new DueIncident(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4)));
        }
        return due;
      }
    });
  }

  private interface Query<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(Query<T> query) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setReadOnly(true);
      try {
        return query.run(c);
      } finally {
        if (!c.getAutoCommit()) c.rollback();
      }
    }
  }

  private static IncidentRow row(ResultSet rs) throws SQLException {
    return new IncidentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getDouble(9), rs.getString(10), rs.getString(11),
        rs.getString(12), instant(rs, 13), instant(rs, 14), rs.getString(15), rs.getInt(16), rs.getInt(17),
        instant(rs, 18), instant(rs, 19), rs.getString(20), instant(rs, 21));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
