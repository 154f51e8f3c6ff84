package io.limbic.analytics.kpi.backtest;

import java.util.List;
import java.util.Map;

/** Every prediction a backtest made (with its actual) and the metrics per KPI over them. */
public record BacktestResult(List<Prediction> predictions, Map<String, ForecastMetrics> metrics, int origins) {
  public BacktestResult {
    predictions = List.copyOf(predictions);
    metrics = Map.copyOf(metrics);
  }
}
