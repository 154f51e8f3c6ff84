package io.limbic.projections.kpi;

import io.limbic.analytics.kpi.KpiPanel;
import java.time.Instant;
import java.util.List;

/**
 * The KPI read model as models see it: a tenant's KPIs and controls for one segment, one row per period of the
 * grain ({@code day} or {@code hour}) from {@code from} (inclusive) to {@code to} (exclusive). KPIs with no data in a
 * period are {@code NaN} for level KPIs and 0 for counts, as each KPI's documentation says; controls are 0 when not
 * applied. Blocking (JDBC): call it on the blocking dispatcher.
 */
public interface KpiSeriesSource {
  KpiPanel panel(String tenant, String segment, String grain, List<String> kpis, List<String> controls,
      Instant from, Instant to);
}
