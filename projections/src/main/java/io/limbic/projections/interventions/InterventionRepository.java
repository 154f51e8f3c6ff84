package io.limbic.projections.interventions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads of {@code intervention_decisions} (with any feedback), one tenant at a time. Blocking: call off-actor. */
public final class InterventionRepository {
  private static final String SELECT =
      "SELECT d.decision_id, d.user_id, d.session_id, d.context_id, d.variant_id, d.holdout, d.reason, d.emotion, "
          + "d.confidence, d.channel, d.cost, d.lifetime_value, d.decided_at, d.window_ends_at, d.delivered, "
          + "d.delivery_detail, d.delivered_at, d.outcome, d.outcome_at, f.false_positive, f.note "
          + "FROM intervention_decisions d LEFT JOIN intervention_feedback f "
          + "ON f.tenant = d.tenant AND f.decision_id = d.decision_id WHERE d.tenant = ?";

  private final DataSource dataSource;

  public InterventionRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The most recent decisions first, at most {@code limit}. */
  public List<InterventionRecord> recent(String tenant, int limit) throws SQLException {
    return query(SELECT + " ORDER BY d.decided_at DESC, d.decision_id LIMIT " + limit, tenant, null);
  }

  public Optional<InterventionRecord> find(String tenant, String decisionId) throws SQLException {
    return query(SELECT + " AND d.decision_id = ?", tenant, decisionId).stream().findFirst();
  }

  /** Every decision since {@code since}, oldest first, at most {@code limit} (what forensics aggregates). */
  public List<InterventionRecord> since(String tenant, Instant since, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            SELECT + " AND d.decided_at >= ? ORDER BY d.decided_at, d.decision_id LIMIT " + limit)) {
      ps.setString(1, tenant);
      ps.setObject(2, since.atOffset(java.time.ZoneOffset.UTC));
      return read(ps);
    }
  }

  private List<InterventionRecord> query(String sql, String tenant, String decisionId) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      if (decisionId != null) ps.setString(2, decisionId);
      return read(ps);
    }
  }

  private static List<InterventionRecord> read(PreparedStatement ps) throws SQLException {
    List<InterventionRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        boolean fp = rs.getBoolean(20);
        Boolean falsePositive = rs.wasNull() ? null : fp;
        out.add(new InterventionRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getDouble(9), rs.getString(10),
            rs.getDouble(11), rs.getDouble(12), instant(rs, 13), instant(rs, 14), rs.getBoolean(15),
            rs.getString(16), instant(rs, 17), rs.getString(18), instant(rs, 19), falsePositive, rs.getString(21)));
      }
    }
    return out;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
