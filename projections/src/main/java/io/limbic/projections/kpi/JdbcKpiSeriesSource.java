package io.limbic.projections.kpi;

import io.limbic.analytics.forensics.EmotionVolatility;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.protocol.http.SegmentInput;
import io.limbic.protocol.kpi.SegmentDefinition;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * KPI series from the KPI read model: for segment {@code all} straight from {@code kpi_tenant_facts}; for a
 * defined segment summed over {@code kpi_user_facts} of the users whose current traits match its filter (so a
 * segment defined today applies to all history). One query per call. Blocking.
 */
public final class JdbcKpiSeriesSource implements KpiSeriesSource {
  /** A tenant's series over whole periods: {@code periods.get(i)} starts the period of each {@code values[i]}. */
  public record Series(Grain grain, List<Instant> periods, Map<String, double[]> values) {}

  /** The segment is neither {@code all} nor defined by the tenant. */
  public static final class UnknownSegment extends IllegalArgumentException {
    public UnknownSegment(String name) {
      super("segment " + name + " is not defined");
    }
  }

  private final DataSource dataSource;
  private final SegmentRepository segments;

  public JdbcKpiSeriesSource(DataSource dataSource) {
    this.dataSource = dataSource;
    this.segments = new SegmentRepository(dataSource);
  }

  /**
   * {@inheritDoc} {@code grain} is {@code day} or {@code hour}; {@code controls} are {@code interventions.<variant>},
   * {@code events.<type>} or bare product-event types; null takes the segment's declared controls.
   */
  @Override
  public KpiPanel panel(String tenant, String segment, String grain, List<String> kpis, List<String> controls,
      Instant from, Instant to) {
    Grain g = Grain.of(grain).orElseThrow(() -> new IllegalArgumentException("grain: day or hour"));
    try {
      SegmentDefinition definition = definition(tenant, segment).orElse(null);
      // Columns keep the names asked for (a model names its controls as its request did); the read model's own
      // names (events.<type>, interventions.<variant>) are only for the lookup.
      List<String> asked = controls != null ? controls : definition == null ? List.of() : definition.controls();
      List<String> u = asked.stream().map(KpiNames::control).toList();
      // A misspelt name would read as a series of zeros: refuse it instead.
      for (String kpi : kpis) {
        if (!KpiNames.valid(kpi)) {
          throw new IllegalArgumentException("unknown KPI '" + kpi + "'; one of " + String.join(", ", KpiNames.FIXED)
              + ", emotions.<state>, interventions.<variant>, events.<type>");
        }
      }
      for (int j = 0; j < u.size(); j++) {
        if (!KpiNames.valid(u.get(j))) throw new IllegalArgumentException("unknown control '" + asked.get(j) + "'");
      }
      List<String> names = new ArrayList<>(kpis);
      names.addAll(u);
      Series series = series(tenant, segment, g, names, from, to);
      int n = series.periods().size();
      double[][] y = new double[n][kpis.size()];
      double[][] uu = new double[n][u.size()];
      for (int t = 0; t < n; t++) {
        for (int i = 0; i < kpis.size(); i++) y[t][i] = series.values().get(kpis.get(i))[t];
        for (int j = 0; j < u.size(); j++) uu[t][j] = series.values().get(u.get(j))[t];
      }
      return new KpiPanel(series.periods(), kpis, asked, y, uu);
    } catch (SQLException e) {
      throw new IllegalStateException("KPI read model unavailable", e);
    }
  }

  /** The segment's definition; empty for {@code all}; {@link UnknownSegment} for one the tenant has not defined. */
  public Optional<SegmentDefinition> definition(String tenant, String segment) throws SQLException {
    if (SegmentInput.BUILT_IN.equals(segment)) return Optional.empty();
    return Optional.of(segments.get(tenant, segment).orElseThrow(() -> new UnknownSegment(segment)));
  }

  /**
   * The named KPIs ({@link KpiNames#valid}) over the whole periods from {@code from}'s to the one ending at or after
   * {@code to}; with no names, the fixed KPIs and every emotion, intervention and event type the tenant has data
   * for in the range, and the segment's declared controls.
   */
  public Series series(String tenant, String segment, Grain grain, List<String> names, Instant from, Instant to)
      throws SQLException {
    Optional<SegmentDefinition> definition = definition(tenant, segment);
    Instant start = grain.floor(from);
    Instant end = grain.ceil(to);
    long count = (end.getEpochSecond() - start.getEpochSecond()) / grain.length().getSeconds();
    if (count < 1 || count > grain.maxPeriods()) {
      throw new IllegalArgumentException("a " + grain.key() + " series spans 1.." + grain.maxPeriods() + " periods");
    }
    List<Instant> periods = new ArrayList<>();
    for (Instant t = start; t.isBefore(end); t = t.plus(grain.length())) periods.add(t);
    try (Connection c = dataSource.getConnection()) {
      List<String> kpis = names.isEmpty() ? defaults(c, tenant, grain, start, end, definition) : List.copyOf(names);
      Set<String> stored = new LinkedHashSet<>();
      for (String kpi : kpis) {
        if (kpi.equals(KpiNames.EVI)) {
          stored.add(KpiNames.EVI_WEIGHT);
          stored.add(KpiNames.EVI_MILLIS);
        } else {
          stored.add(kpi);
        }
      }
      Map<String, double[]> raw = new LinkedHashMap<>();
      for (String name : stored) raw.put(name, new double[periods.size()]);
      read(c, tenant, definition.map(d -> SegmentSql.of(d.filter())).orElse(null), grain, start, end,
          List.copyOf(stored), raw);
      Map<String, double[]> values = new LinkedHashMap<>();
      for (String kpi : kpis) values.put(kpi, kpi.equals(KpiNames.EVI) ? evi(raw) : raw.get(kpi));
      return new Series(grain, periods, values);
    }
  }

  private static double[] evi(Map<String, double[]> raw) {
    double[] weight = raw.get(KpiNames.EVI_WEIGHT);
    double[] millis = raw.get(KpiNames.EVI_MILLIS);
    double[] out = new double[weight.length];
    for (int t = 0; t < out.length; t++) out[t] = EmotionVolatility.index(weight[t] / 1000.0, millis[t] / 3_600_000.0);
    return out;
  }

  private static void read(Connection c, String tenant, SegmentSql segment, Grain grain, Instant start, Instant end,
      List<String> names, Map<String, double[]> into) throws SQLException {
    String in = String.join(", ", names.stream().map(n -> "?").toList());
    String sql = segment == null
        ? "SELECT t, name, amount FROM kpi_tenant_facts WHERE tenant = ? AND grain = ? AND t >= ? AND t < ? "
            + "AND name IN (" + in + ")"
        : "SELECT f.t, f.name, SUM(f.amount) FROM kpi_user_facts f WHERE f.tenant = ? AND f.grain = ? AND f.t >= ? "
            + "AND f.t < ? AND f.name IN (" + in + ") AND (" + segment.condition() + ") GROUP BY f.t, f.name";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int p = 1;
      ps.setString(p++, tenant);
      ps.setString(p++, grain.code());
      ps.setObject(p++, KpiFactWriter.time(start));
      ps.setObject(p++, KpiFactWriter.time(end));
      for (String name : names) ps.setString(p++, name);
      if (segment != null) {
        for (Object param : segment.params()) {
          if (param instanceof BigDecimal b) ps.setBigDecimal(p++, b);
          else ps.setString(p++, (String) param);
        }
      }
      long period = grain.length().getSeconds();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant t = rs.getObject(1, OffsetDateTime.class).toInstant();
          int i = (int) ((t.getEpochSecond() - start.getEpochSecond()) / period);
          into.get(rs.getString(2))[i] += rs.getBigDecimal(3).doubleValue();
        }
      }
    }
  }

  private static List<String> defaults(Connection c, String tenant, Grain grain, Instant start, Instant end,
      Optional<SegmentDefinition> definition) throws SQLException {
    Set<String> out = new LinkedHashSet<>(KpiNames.FIXED);
    List<String> found = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT name FROM kpi_tenant_facts WHERE tenant = ? "
        + "AND grain = ? AND t >= ? AND t < ?")) {
      ps.setString(1, tenant);
      ps.setString(2, grain.code());
      ps.setObject(3, KpiFactWriter.time(start));
      ps.setObject(4, KpiFactWriter.time(end));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) if (KpiNames.valid(rs.getString(1))) found.add(rs.getString(1));
      }
    }
    definition.ifPresent(d -> d.controls().forEach(type -> found.add(KpiNames.control(type))));
    found.sort(null);
    out.addAll(found);
    return List.copyOf(out);
  }
}
