package io.limbic.projections.insights;

import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.projections.kpi.KpiSeriesSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * A KPI source over generated daily series: {@code value.applyAsDouble(name, dayIndex)} for every KPI and control,
 * day 0 at {@link #DAY0}; periods from {@code from} (inclusive) to {@code to} (exclusive), as the real source does.
 */
final class InlineSeries implements KpiSeriesSource {
  static final Instant DAY0 = Instant.parse("2026-01-05T00:00:00Z");
  private final ToDoubleBiFunction<String, Integer> value;

  InlineSeries(ToDoubleBiFunction<String, Integer> value) {
    this.value = value;
  }

  @Override
  public KpiPanel panel(String tenant, String segment, String grain, List<String> kpis, List<String> controls,
      Instant from, Instant to) {
    List<Instant> periods = new ArrayList<>();
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofDays(1))) periods.add(t);
    double[][] y = new double[periods.size()][kpis.size()];
    double[][] u = new double[periods.size()][controls.size()];
    for (int t = 0; t < periods.size(); t++) {
      int day = (int) Duration.between(DAY0, periods.get(t)).toDays();
      for (int i = 0; i < kpis.size(); i++) y[t][i] = value.applyAsDouble(kpis.get(i), day);
      for (int j = 0; j < controls.size(); j++) u[t][j] = value.applyAsDouble(controls.get(j), day);
    }
    return new KpiPanel(periods, kpis, controls, y, u);
  }

}
