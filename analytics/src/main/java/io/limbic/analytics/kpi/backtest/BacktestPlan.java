package io.limbic.analytics.kpi.backtest;

/**
 * Where a rolling-origin backtest puts its origins: the first after {@code minHistory} periods, then every
 * {@code step} periods while an actual is left to compare; from each, {@code horizon} periods are forecast (fewer at
 * the end of the data). {@code paths} and {@code seed} go to the forecaster (paths 0 = its exact Gaussian bands,
 * where it has them).
 */
public record BacktestPlan(int minHistory, int step, int horizon, int paths, long seed) {
  public BacktestPlan {
    if (minHistory < 2) throw new IllegalArgumentException("minHistory must be at least 2");
    if (step < 1) throw new IllegalArgumentException("step must be at least 1");
    if (horizon < 1) throw new IllegalArgumentException("horizon must be at least 1");
    if (paths < 0) throw new IllegalArgumentException("paths must not be negative");
  }
}
