package io.limbic.analytics.kpi;

import java.time.Instant;
import java.util.List;

/**
 * The data a KPI model is fitted on: one row per period (a day or an hour), the observed KPIs {@code y[t][i]}
 * ({@code Double.NaN} where missing) and the controls {@code u[t][j]} the tenant applied in that period (never
 * missing: a control not applied is 0). Row t's controls drive the state of row t + 1 (see {@code StateSpaceModel}).
 *
 * @param periods the start of each row's period, increasing
 * @param kpis the names of y's columns
 * @param controls the names of u's columns (may be empty)
 */
public record KpiPanel(List<Instant> periods, List<String> kpis, List<String> controls, double[][] y, double[][] u) {
  public KpiPanel {
    periods = List.copyOf(periods);
    kpis = List.copyOf(kpis);
    controls = List.copyOf(controls);
    if (y.length != periods.size() || u.length != periods.size()) {
      throw new IllegalArgumentException("y and u need one row per period");
    }
    for (int t = 0; t < y.length; t++) {
      if (y[t].length != kpis.size()) throw new IllegalArgumentException("y row " + t + " needs " + kpis.size() + " values");
      if (u[t].length != controls.size()) {
        throw new IllegalArgumentException("u row " + t + " needs " + controls.size() + " values");
      }
    }
  }

  public int length() {
    return y.length;
  }
}
