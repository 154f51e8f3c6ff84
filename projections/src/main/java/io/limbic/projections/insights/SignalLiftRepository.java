package io.limbic.projections.insights;

import static io.limbic.projections.insights.Sql.boxed;
import static io.limbic.projections.insights.Sql.instant;
import static io.limbic.projections.insights.Sql.number;
import static io.limbic.projections.insights.Sql.time;

import io.limbic.analytics.kpi.lift.Effect;
import io.limbic.analytics.kpi.lift.LiftComparison;
import io.limbic.analytics.kpi.lift.SignalLift;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The latest learned lift per tenant, segment, KPI, signal and lag (table {@code signal_lifts}). Blocking. */
public final class SignalLiftRepository {
  private final DataSource dataSource;

  public SignalLiftRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores the lifts, keeping each replaced estimate as {@code previous} and the configured value where compared. */
  public void save(String tenant, String runId, Instant at, List<SignalLift> lifts, List<LiftComparison> comparisons)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        for (SignalLift lift : lifts) {
          Double previous = previous(c, tenant, lift);
          LiftComparison comparison = comparisons.stream().filter(x -> x.learned() == lift).findFirst().orElse(null);
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM signal_lifts WHERE tenant = ? AND segment = ? "
              + "AND kpi = ? AND signal = ? AND lag = ?")) {
            key(ps, tenant, lift);
            ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO signal_lifts (tenant, segment, kpi, signal, lag, "
              + "estimate, std_error, lower95, upper95, n, degrees_of_freedom, p_value, model, previous_estimate, "
              + "configured, contradicts, run_id, learned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            key(ps, tenant, lift);
            Effect e = lift.effect();
            ps.setDouble(6, e.estimate());
            ps.setDouble(7, e.standardError());
            ps.setDouble(8, e.lower95());
            ps.setDouble(9, e.upper95());
            ps.setInt(10, e.n());
            ps.setInt(11, e.degreesOfFreedom());
            ps.setDouble(12, e.pValue());
            ps.setString(13, lift.model());
            number(ps, 14, previous);
            number(ps, 15, comparison == null ? null : comparison.configured());
            ps.setBoolean(16, comparison != null && comparison.contradicts());
            ps.setString(17, runId);
            time(ps, 18, at);
            ps.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static Double previous(Connection c, String tenant, SignalLift lift) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT estimate FROM signal_lifts WHERE tenant = ? AND segment = ? "
        + "AND kpi = ? AND signal = ? AND lag = ?")) {
      key(ps, tenant, lift);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getDouble(1) : null;
      }
    }
  }

  private static void key(PreparedStatement ps, String tenant, SignalLift lift) throws SQLException {
    ps.setString(1, tenant);
    ps.setString(2, lift.segment());
    ps.setString(3, lift.kpi());
    ps.setString(4, lift.signal());
    ps.setInt(5, lift.lag());
  }

  /** The segment's lifts, by KPI, signal and lag. */
  public List<StoredLift> lifts(String tenant, String segment) throws SQLException {
    String sql = "SELECT segment, kpi, signal, lag, estimate, std_error, lower95, upper95, n, degrees_of_freedom, "
        + "p_value, model, previous_estimate, configured, contradicts, run_id, learned_at FROM signal_lifts "
        + "WHERE tenant = ? AND segment = ? ORDER BY kpi, signal, lag";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setString(2, segment);
      List<StoredLift> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Effect e = new Effect(rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getInt(9),
              rs.getInt(10), rs.getDouble(11));
          SignalLift lift = new SignalLift(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), e,
              rs.getString(12));
          out.add(new StoredLift(lift, boxed(rs, 13), boxed(rs, 14), rs.getBoolean(15), rs.getString(16),
              instant(rs, 17)));
        }
      }
      c.rollback();
      return out;
    }
  }
}
