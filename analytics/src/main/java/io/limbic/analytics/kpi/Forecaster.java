package io.limbic.analytics.kpi;

/**
 * What-if simulation: from a fitted model and the data it was fitted on (filtered to its last period), the KPI
 * paths over {@code inputs.length} future periods under the given inputs ({@code inputs[h][j]}), with bands.
 * Deterministic for a given {@code seed}.
 */
public interface Forecaster {
  Bands simulate(FitResult fit, KpiPanel history, double[][] inputs, int paths, long seed, Progress progress);
}
