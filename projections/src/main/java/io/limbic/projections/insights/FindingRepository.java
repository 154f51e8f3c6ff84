package io.limbic.projections.insights;

import static io.limbic.projections.insights.Sql.instant;
import static io.limbic.projections.insights.Sql.time;

import io.limbic.analytics.kpi.curiosity.Curiosity;
import io.limbic.analytics.kpi.curiosity.Finding;
import io.limbic.analytics.kpi.lift.Effect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/** Curiosity findings: the latest run's per tenant and segment (table {@code findings}). Blocking. */
public final class FindingRepository {
  private final DataSource dataSource;

  public FindingRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Replaces the findings of the run's segments with the run's. */
  public void replace(String tenant, Collection<String> segments, String runId, Instant at, Curiosity.Report report)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM findings WHERE tenant = ? AND segment = ?")) {
          for (String segment : segments) {
            ps.setString(1, tenant);
            ps.setString(2, segment);
            ps.executeUpdate();
          }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO findings (tenant, segment, template, kpi, subject, "
            + "lag, statement, estimate, std_error, lower95, upper95, n, p_value, q_value, discovery, fdr, run_id, "
            + "found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (Finding f : report.findings()) {
            ps.setString(1, tenant);
            ps.setString(2, f.segment());
            ps.setString(3, f.template());
            ps.setString(4, f.kpi());
            ps.setString(5, f.subject());
            ps.setInt(6, f.lag());
            ps.setString(7, f.statement());
            ps.setDouble(8, f.effect().estimate());
            ps.setDouble(9, f.effect().standardError());
            ps.setDouble(10, f.effect().lower95());
            ps.setDouble(11, f.effect().upper95());
            ps.setInt(12, f.effect().n());
            ps.setDouble(13, f.effect().pValue());
            ps.setDouble(14, f.qValue());
            ps.setBoolean(15, f.discovery());
            ps.setDouble(16, report.fdr());
            ps.setString(17, runId);
            time(ps, 18, at);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The segment's findings with q-value at most {@code maxQ}, smallest q first, at most {@code limit}. */
  public List<StoredFinding> findings(String tenant, String segment, double maxQ, int limit) throws SQLException {
    String sql = "SELECT template, statement, segment, kpi, subject, lag, estimate, std_error, lower95, upper95, n, "
        + "p_value, q_value, discovery, fdr, run_id, found_at FROM findings WHERE tenant = ? AND segment = ? "
        + "AND q_value <= ? ORDER BY q_value, p_value, template, kpi, subject";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setMaxRows(limit);
      ps.setString(1, tenant);
      ps.setString(2, segment);
      ps.setDouble(3, maxQ);
      List<StoredFinding> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // the stored row keeps the interval, not the degrees of freedom behind it
          Effect e = new Effect(rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), rs.getInt(11), 0,
              rs.getDouble(12));
          out.add(new StoredFinding(new Finding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getInt(6), e, rs.getDouble(13), rs.getBoolean(14)), rs.getDouble(15),
              rs.getString(16), instant(rs, 17)));
        }
      }
      c.rollback();
      return out;
    }
  }
}
