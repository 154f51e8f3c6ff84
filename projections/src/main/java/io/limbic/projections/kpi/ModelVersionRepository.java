package io.limbic.projections.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.projections.db.StoredJson;
import io.limbic.projections.db.UniqueViolations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The tables {@code model_versions} and {@code model_version_history}: fitted KPI models per tenant, segment and
 * model type, numbered 1, 2, ... in the order they were stored. Blocking JDBC on the read-model pool (auto-commit
 * off); callers run it on the blocking dispatcher.
 */
public final class ModelVersionRepository {
  /** The most versions one listing returns, newest first. */
  public static final int MAX_LISTED = 200;
  // Two estimates of one model finishing together both read the same highest version; the second insert then hits
  // the primary key and takes the next number.
  private static final int NUMBERING_ATTEMPTS = 5;
  private static final List<String> SUMMARY = List.of("segment", "model_type", "version", "fitted_at", "grain",
      "period_from", "period_to", "periods", "log_likelihood", "aic", "iterations", "converged");
  private static final String SUMMARY_COLUMNS = columns("");

  private final DataSource dataSource;

  public ModelVersionRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores a fit as the next version of its tenant, segment and model type. */
  public ModelVersion save(
      String tenant, String segment, String grain, FitResult fit, KpiPanel history, Instant fittedAt)
      throws SQLException {
    if (history.length() == 0) throw new IllegalArgumentException("a fit needs at least one period");
    String spec = json(fit.spec());
    String stored = json(StoredFit.of(fit));
    String data = json(history);
    return UniqueViolations.retrying(NUMBERING_ATTEMPTS, () -> {
      try (Connection c = dataSource.getConnection()) {
        try {
          int version = nextVersion(c, tenant, segment, fit.spec().type());
          ModelVersion row = summary(segment, grain, fit, history, version, fittedAt);
          insertVersion(c, tenant, row, spec, stored);
          insertHistory(c, tenant, row, data);
          c.commit();
          return row;
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      }
    });
  }

  public Optional<FittedVersion> latest(String tenant, String segment, String type) throws SQLException {
    return fetch(tenant, segment, type, null);
  }

  public Optional<FittedVersion> find(String tenant, String segment, String type, int version) throws SQLException {
    return fetch(tenant, segment, type, version);
  }

  /** The tenant's versions, newest first, at most {@link #MAX_LISTED}; {@code segment} null for every segment. */
  public List<ModelVersion> list(String tenant, String segment, String type) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM model_versions WHERE tenant = ?");
    List<String> params = new ArrayList<>(List.of(tenant));
    if (segment != null) {
      sql.append(" AND segment = ?");
      params.add(segment);
    }
    if (type != null) {
      sql.append(" AND model_type = ?");
      params.add(type);
    }
    sql.append(" ORDER BY fitted_at DESC, segment, model_type, version DESC LIMIT " + MAX_LISTED);
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) ps.setString(i + 1, params.get(i));
      List<ModelVersion> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rows.add(summaryOf(rs));
      } finally {
        c.rollback();
      }
      return rows;
    }
  }

  private Optional<FittedVersion> fetch(String tenant, String segment, String type, Integer version)
      throws SQLException {
    String sql = "SELECT " + columns("v.") + ", v.spec_json, v.fit_json, h.history_json FROM model_versions v"
        + " JOIN model_version_history h ON h.tenant = v.tenant AND h.segment = v.segment"
        + " AND h.model_type = v.model_type AND h.version = v.version"
        + " WHERE v.tenant = ? AND v.segment = ? AND v.model_type = ?"
        + (version == null ? "" : " AND v.version = ?") + " ORDER BY v.version DESC LIMIT 1";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setString(2, segment);
      ps.setString(3, type);
      if (version != null) ps.setInt(4, version);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        ModelVersion row = summaryOf(rs);
        ModelSpec spec = read(rs.getString(13), ModelSpec.class);
        FitResult fit = read(rs.getString(14), StoredFit.class).toFit(spec);
        KpiPanel history = read(rs.getString(15), KpiPanel.class);
        return Optional.of(new FittedVersion(row, fit, history));
      } finally {
        c.rollback();
      }
    }
  }

  private static String columns(String prefix) {
    return String.join(", ", SUMMARY.stream().map(column -> prefix + column).toList());
  }

  private static int nextVersion(Connection c, String tenant, String segment, String type) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT MAX(version) FROM model_versions WHERE tenant = ? AND segment = ? AND model_type = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, segment);
      ps.setString(3, type);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) + 1; // NULL reads as 0
      }
    }
  }

  private static void insertVersion(Connection c, String tenant, ModelVersion row, String spec, String fit)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO model_versions (tenant, " + SUMMARY_COLUMNS + ", spec_json, fit_json)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, tenant);
      ps.setString(2, row.segment());
      ps.setString(3, row.type());
      ps.setInt(4, row.version());
      ps.setObject(5, utc(row.fittedAt()));
      ps.setString(6, row.grain());
      ps.setObject(7, utc(row.from()));
      ps.setObject(8, utc(row.to()));
      ps.setInt(9, row.periods());
      setNullableDouble(ps, 10, row.logLikelihood());
      setNullableDouble(ps, 11, row.aic());
      ps.setInt(12, row.iterations());
      ps.setBoolean(13, row.converged());
      ps.setString(14, spec);
      ps.setString(15, fit);
      ps.executeUpdate();
    }
  }

  private static void insertHistory(Connection c, String tenant, ModelVersion row, String history)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_version_history"
        + " (tenant, segment, model_type, version, history_json) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, tenant);
      ps.setString(2, row.segment());
      ps.setString(3, row.type());
      ps.setInt(4, row.version());
      ps.setString(5, history);
      ps.executeUpdate();
    }
  }

  private static ModelVersion summary(
      String segment, String grain, FitResult fit, KpiPanel history, int version, Instant fittedAt) {
    Instant from = history.periods().get(0);
    Instant to = history.periods().get(history.length() - 1).plus(step(grain));
    return new ModelVersion(segment, fit.spec().type(), version, fittedAt, grain, from, to, history.length(),
        finiteOrNull(fit.quality().logLikelihood()), finiteOrNull(fit.quality().aic()), fit.iterations(),
        fit.converged());
  }

  /** The length of one period of {@code grain} ({@code day} or {@code hour}). */
  public static Duration step(String grain) {
    return switch (grain) {
      case "day" -> Duration.ofDays(1);
      case "hour" -> Duration.ofHours(1);
      default -> throw new IllegalArgumentException("unknown grain " + grain);
    };
  }

  private static ModelVersion summaryOf(ResultSet rs) throws SQLException {
    return new ModelVersion(rs.getString(1), rs.getString(2), rs.getInt(3), instant(rs, 4), rs.getString(5),
        instant(rs, 6), instant(rs, 7), rs.getInt(8), nullableDouble(rs, 9), nullableDouble(rs, 10), rs.getInt(11),
        rs.getBoolean(12));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static void setNullableDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) ps.setNull(index, Types.DOUBLE);
    else ps.setDouble(index, value);
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static String json(Object value) {
    try {
      return StoredJson.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return StoredJson.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
    }
  }
}
