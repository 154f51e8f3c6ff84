package io.limbic.projections.insights;

import static io.limbic.projections.insights.Sql.instant;
import static io.limbic.projections.insights.Sql.number;
import static io.limbic.projections.insights.Sql.time;

import io.limbic.analytics.kpi.backtest.CalendarDay;
import io.limbic.analytics.kpi.backtest.ForecastMetrics;
import io.limbic.analytics.kpi.backtest.Prediction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Backtest runs, their metrics and every prediction (tables {@code backtest_runs}, {@code backtest_metrics},
 * {@code kpi_predictions}). Actuals arrive through later runs: {@link #fillActuals} sets the actual of stored
 * predictions whose period has since been observed. Blocking: call off-actor.
 */
public final class BacktestRepository {
  public static final String BACKTEST = "backtest";
  public static final String CALENDAR = "calendar";
  private static final String PREDICTION_COLUMNS =
      "period, kpi, origin, step, predicted, lower95, upper95, reference, actual";

  private final DataSource dataSource;

  public BacktestRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores a run with its metrics, backtest predictions and calendar, replacing rows of the same keys. */
  public void save(BacktestRun run, List<Prediction> predictions, List<CalendarDay> calendar) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        insertRun(c, run);
        for (Prediction p : predictions) {
          upsert(c, run, BACKTEST, p.kpi(), p.origin(), p.period(), p.step(), p.predicted(), p.lower95(), p.upper95(),
              p.reference(), p.actual(), null);
        }
        Map<String, Integer> steps = new LinkedHashMap<>();
        Instant origin = calendar.isEmpty() ? null : calendar.get(0).period();
        for (CalendarDay d : calendar) {
          int step = steps.merge(d.kpi(), 1, Integer::sum);
          upsert(c, run, CALENDAR, d.kpi(), origin, d.period(), step, d.predicted(), d.lower95(), d.upper95(),
              Double.NaN, Double.NaN, d.rush());
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void insertRun(Connection c, BacktestRun run) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO backtest_runs (run_id, tenant, segment, model, grain, "
        + "data_from, data_to, min_history, step, horizon, origins, ran_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, run.runId());
      ps.setString(2, run.tenant());
      ps.setString(3, run.segment());
      ps.setString(4, run.model());
      ps.setString(5, run.grain());
      time(ps, 6, run.from());
      time(ps, 7, run.to());
      ps.setInt(8, run.minHistory());
      ps.setInt(9, run.step());
      ps.setInt(10, run.horizon());
      ps.setInt(11, run.origins());
      time(ps, 12, run.ranAt());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO backtest_metrics (run_id, kpi, n, mape, mape_skipped, "
        + "smape, directional_accuracy, correlation, coverage95, rush_day_recall) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<String, ForecastMetrics> e : run.metrics().entrySet()) {
        ForecastMetrics m = e.getValue();
        ps.setString(1, run.runId());
        ps.setString(2, e.getKey());
        ps.setInt(3, m.n());
        number(ps, 4, m.mape());
        ps.setInt(5, m.mapeSkipped());
        number(ps, 6, m.smape());
        number(ps, 7, m.directionalAccuracy());
        number(ps, 8, m.correlation());
        number(ps, 9, m.coverage95());
        number(ps, 10, m.rushDayRecall());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void upsert(Connection c, BacktestRun run, String kind, String kpi, Instant origin, Instant period,
      int step, double predicted, double lower, double upper, double reference, double actual, Boolean rush)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM kpi_predictions WHERE tenant = ? AND segment = ? "
        + "AND model = ? AND kind = ? AND kpi = ? AND origin = ? AND period = ?")) {
      ps.setString(1, run.tenant());
      ps.setString(2, run.segment());
      ps.setString(3, run.model());
      ps.setString(4, kind);
      ps.setString(5, kpi);
      time(ps, 6, origin);
      time(ps, 7, period);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO kpi_predictions (tenant, segment, model, kind, kpi, "
        + "origin, period, step, predicted, lower95, upper95, reference, actual, rush, run_id) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, run.tenant());
      ps.setString(2, run.segment());
      ps.setString(3, run.model());
      ps.setString(4, kind);
      ps.setString(5, kpi);
      time(ps, 6, origin);
      time(ps, 7, period);
      ps.setInt(8, step);
      ps.setDouble(9, predicted);
      ps.setDouble(10, lower);
      ps.setDouble(11, upper);
      number(ps, 12, reference);
      number(ps, 13, actual);
      if (rush == null) ps.setNull(14, java.sql.Types.BOOLEAN);
      else ps.setBoolean(14, rush);
      ps.setString(15, run.runId());
      ps.executeUpdate();
    }
  }

  /**
   * Sets the actual of every stored prediction (backtest or calendar) of the tenant, segment, model and KPI for the
   * given periods that has none yet. Returns how many rows it filled.
   */
  public int fillActuals(String tenant, String segment, String model, String kpi, Map<Instant, Double> actuals)
      throws SQLException {
    int filled = 0;
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE kpi_predictions "
        + "SET actual = ? WHERE tenant = ? AND segment = ? AND model = ? AND kpi = ? AND period = ? AND actual IS NULL")) {
      for (Map.Entry<Instant, Double> e : actuals.entrySet()) {
        if (e.getValue() == null || e.getValue().isNaN()) continue;
        ps.setDouble(1, e.getValue());
        ps.setString(2, tenant);
        ps.setString(3, segment);
        ps.setString(4, model);
        ps.setString(5, kpi);
        time(ps, 6, e.getKey());
        filled += ps.executeUpdate();
      }
      c.commit();
    }
    return filled;
  }

  /** The latest runs of a segment, newest first, optionally of one model. */
  public List<BacktestRun> runs(String tenant, String segment, String model, int limit) throws SQLException {
    String sql = "SELECT run_id, tenant, segment, model, grain, data_from, data_to, min_history, step, horizon, "
        + "origins, ran_at FROM backtest_runs WHERE tenant = ? AND segment = ?" + (model == null ? "" : " AND model = ?")
        + " ORDER BY ran_at DESC, run_id DESC";
    List<BacktestRun> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setMaxRows(limit);
        ps.setString(1, tenant);
        ps.setString(2, segment);
        if (model != null) ps.setString(3, model);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new BacktestRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), instant(rs, 6), instant(rs, 7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                rs.getInt(11), instant(rs, 12), Map.of()));
          }
        }
      }
      List<BacktestRun> withMetrics = new ArrayList<>();
      for (BacktestRun r : out) withMetrics.add(withMetrics(c, r));
      c.rollback();
      return withMetrics;
    }
  }

  private static BacktestRun withMetrics(Connection c, BacktestRun r) throws SQLException {
    Map<String, ForecastMetrics> metrics = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT kpi, n, mape, mape_skipped, smape, directional_accuracy, "
        + "correlation, coverage95, rush_day_recall FROM backtest_metrics WHERE run_id = ? ORDER BY kpi")) {
      ps.setString(1, r.runId());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          metrics.put(rs.getString(1), new ForecastMetrics(rs.getInt(2), number(rs, 3), rs.getInt(4), number(rs, 5),
              number(rs, 6), number(rs, 7), number(rs, 8), number(rs, 9)));
        }
      }
    }
    return new BacktestRun(r.runId(), r.tenant(), r.segment(), r.model(), r.grain(), r.from(), r.to(), r.minHistory(),
        r.step(), r.horizon(), r.origins(), r.ranAt(), metrics);
  }

  /** Stored predictions of one kind for a KPI with period in [from, to), by period then origin. */
  public List<Prediction> predictions(String tenant, String segment, String model, String kind, String kpi,
      Instant from, Instant to) throws SQLException {
    String sql = "SELECT " + PREDICTION_COLUMNS + " FROM kpi_predictions WHERE tenant = ? AND segment = ? "
        + "AND model = ? AND kind = ? AND kpi = ? AND period >= ? AND period < ? ORDER BY period, origin";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setString(2, segment);
      ps.setString(3, model);
      ps.setString(4, kind);
      ps.setString(5, kpi);
      time(ps, 6, from);
      time(ps, 7, to);
      List<Prediction> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Prediction(instant(rs, 1), rs.getString(2), instant(rs, 3), rs.getInt(4), rs.getDouble(5),
              rs.getDouble(6), rs.getDouble(7), number(rs, 8), number(rs, 9)));
        }
      }
      c.rollback();
      return out;
    }
  }

  /**
   * The predictive calendar of a segment: the calendar rows of its latest run that wrote one, from {@code from} on,
   * for at most {@code days} periods (every KPI of each), by period then KPI.
   */
  public List<CalendarDay> calendar(String tenant, String segment, Instant from, int days) throws SQLException {
    String sql = "SELECT p.period, p.kpi, p.predicted, p.lower95, p.upper95, p.rush FROM kpi_predictions p "
        + "WHERE p.tenant = ? AND p.segment = ? AND p.kind = 'calendar' AND p.period >= ? AND p.run_id = "
        + "(SELECT r.run_id FROM backtest_runs r WHERE r.tenant = ? AND r.segment = ? AND EXISTS (SELECT 1 FROM "
        + "kpi_predictions q WHERE q.run_id = r.run_id AND q.kind = 'calendar') ORDER BY r.ran_at DESC, r.run_id DESC "
        + "LIMIT 1) ORDER BY p.period, p.kpi";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setString(2, segment);
      time(ps, 3, from);
      ps.setString(4, tenant);
      ps.setString(5, segment);
      List<CalendarDay> out = new ArrayList<>();
      Set<Instant> periods = new LinkedHashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant period = instant(rs, 1);
          if (!periods.contains(period) && periods.size() == days) break;
          periods.add(period);
          out.add(new CalendarDay(period, rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
              rs.getBoolean(6)));
        }
      }
      c.rollback();
      return out;
    }
  }
}
