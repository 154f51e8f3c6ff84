package io.limbic.projections.insights;

import io.limbic.analytics.kpi.backtest.ForecastMetrics;
import java.time.Instant;
import java.util.Map;

/** One stored backtest run: what was tested on which data, and the metrics per KPI. */
public record BacktestRun(String runId, String tenant, String segment, String model, String grain, Instant from,
    Instant to, int minHistory, int step, int horizon, int origins, Instant ranAt, Map<String, ForecastMetrics> metrics) {
  public BacktestRun {
    metrics = Map.copyOf(metrics);
  }
}
