package io.limbic.projections.forensics;

import io.limbic.analytics.forensics.EmotionReading;
import io.limbic.analytics.forensics.EmotionVolatility.Totals;
import io.limbic.analytics.forensics.FailureLog.DecisionSpan;
import io.limbic.analytics.forensics.FailureLog.FalsePositive;
import io.limbic.analytics.forensics.FailureLog.IncidentSpan;
import io.limbic.analytics.forensics.ProductOutcome;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The reads revenue forensics aggregates, one tenant at a time, each bounded by {@code limit} rows. Blocking: call
 * off-actor. Reads the emotion-forensics and product-outcomes read models and, for the failure log, the
 * interventions' decisions and feedback and the incidents.
 */
public final class ForensicsRepository {
  private static final String READINGS = "SELECT reading_id, session_id, user_id, state, confidence, page, read_at "
      + "FROM emotion_readings WHERE tenant = ? AND read_at >= ? AND read_at < ?";
  private static final String OUTCOMES = "SELECT user_id, event_id, type, amount, currency, recorded_at "
      + "FROM product_outcomes WHERE tenant = ? AND recorded_at >= ? AND recorded_at < ? AND type IN (?, ?) "
      + "ORDER BY recorded_at, user_id, event_id";

  private final DataSource dataSource;

  public ForensicsRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Readings in [from, to), oldest first. */
  public List<EmotionReading> readings(String tenant, Instant from, Instant to, int limit) throws SQLException {
    return readings(READINGS + " ORDER BY read_at, reading_id", tenant, from, to, null, limit);
  }

  /** Readings in [from, to), newest first: what the dashboard's live pages show. */
  public List<EmotionReading> latestReadings(String tenant, Instant from, Instant to, int limit) throws SQLException {
    return readings(READINGS + " ORDER BY read_at DESC, reading_id DESC", tenant, from, to, null, limit);
  }

  /** Rage readings at or above {@code minConfidence} in [from, to), oldest first. */
  public List<EmotionReading> rages(String tenant, Instant from, Instant to, double minConfidence, int limit)
      throws SQLException {
    return readings(READINGS + " AND state = 'rage' AND confidence >= ? ORDER BY read_at, reading_id", tenant, from,
        to, minConfidence, limit);
  }

  /** Product events of the two types recorded in [from, to), oldest first. */
  public List<ProductOutcome> outcomes(String tenant, String type1, String type2, Instant from, Instant to, int limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OUTCOMES)) {
      ps.setMaxRows(limit);
      ps.setString(1, tenant);
      ps.setObject(2, time(from));
      ps.setObject(3, time(to));
      ps.setString(4, type1);
      ps.setString(5, type2);
      List<ProductOutcome> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          BigDecimal amount = rs.getBigDecimal(4);
          out.add(new ProductOutcome(rs.getString(1), rs.getString(2), rs.getString(3),
              amount == null ? 0 : amount.doubleValue(), rs.getString(5), instant(rs, 6)));
        }
      }
      return out;
    }
  }

  /** The day's volatility totals per page (segment {@code all}). */
  public Map<String, Totals> volatility(String tenant, LocalDate day) throws SQLException {
    String sql = "SELECT page, changes, change_weight_milli, session_millis FROM emotion_volatility "
        + "WHERE tenant = ? AND on_day = ? AND segment = 'all' ORDER BY page";
    Map<String, Totals> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setObject(2, day);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), new Totals(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
      }
    }
    return out;
  }

  /** The day's session time per state over every page, in milliseconds. */
  public Map<String, Long> timeByState(String tenant, LocalDate day) throws SQLException {
    String sql = "SELECT state, SUM(session_millis) FROM emotion_time WHERE tenant = ? AND on_day = ? "
        + "GROUP BY state ORDER BY state";
    Map<String, Long> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setObject(2, day);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  /** Feedback flagging a decision as a false positive, given in [from, to). */
  public List<FalsePositive> falsePositives(String tenant, Instant from, Instant to, int limit) throws SQLException {
    String sql = "SELECT f.decision_id, f.user_id, f.given_at, d.emotion, d.confidence, f.note "
        + "FROM intervention_feedback f LEFT JOIN intervention_decisions d "
        + "ON d.tenant = f.tenant AND d.decision_id = f.decision_id "
        + "WHERE f.tenant = ? AND f.false_positive = TRUE AND f.given_at >= ? AND f.given_at < ? "
        + "ORDER BY f.given_at, f.decision_id";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setMaxRows(limit);
      ps.setString(1, tenant);
      ps.setObject(2, time(from));
      ps.setObject(3, time(to));
      List<FalsePositive> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new FalsePositive(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getString(4),
              rs.getDouble(5), rs.getString(6)));
        }
      }
      return out;
    }
  }

  /** The decisions of these users whose episode overlaps [from, to). */
  public List<DecisionSpan> decisions(String tenant, Collection<String> users, Instant from, Instant to)
      throws SQLException {
    String sql = "SELECT decision_id, user_id, holdout, decided_at, window_ends_at FROM intervention_decisions "
        + "WHERE tenant = ? AND user_id = ? AND decided_at < ? AND window_ends_at >= ? ORDER BY decided_at";
    List<DecisionSpan> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (String user : users) {
        ps.setString(1, tenant);
        ps.setString(2, user);
        ps.setObject(3, time(to));
        ps.setObject(4, time(from));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new DecisionSpan(rs.getString(1), rs.getString(2), rs.getBoolean(3), instant(rs, 4),
                instant(rs, 5)));
          }
        }
      }
    }
    return out;
  }

  /** Incidents opened in [from, to), oldest first. */
  public List<IncidentSpan> incidents(String tenant, Instant from, Instant to, int limit) throws SQLException {
    String sql = "SELECT incident_id, user_id, emotion_id, opened_at, acknowledged_at, acknowledged_by, ended_at, "
        + "status FROM incidents WHERE tenant = ? AND opened_at >= ? AND opened_at < ? ORDER BY opened_at, incident_id";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setMaxRows(limit);
      ps.setString(1, tenant);
      ps.setObject(2, time(from));
      ps.setObject(3, time(to));
      List<IncidentSpan> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new IncidentSpan(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
              rs.getString(6), instant(rs, 7), rs.getString(8)));
        }
      }
      return out;
    }
  }

  private List<EmotionReading> readings(String sql, String tenant, Instant from, Instant to, Double minConfidence,
      int limit) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setMaxRows(limit);
      ps.setString(1, tenant);
      ps.setObject(2, time(from));
      ps.setObject(3, time(to));
      if (minConfidence != null) ps.setDouble(4, minConfidence);
      List<EmotionReading> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new EmotionReading(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getDouble(5), rs.getString(6), instant(rs, 7)));
        }
      }
      return out;
    }
  }

  private static OffsetDateTime time(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
