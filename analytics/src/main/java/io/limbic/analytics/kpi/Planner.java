package io.limbic.analytics.kpi;

/**
 * Recommends an input plan for the next {@code horizon} periods by model-predictive control on the fitted model's
 * linear form, starting from the state filtered to the end of {@code history}.
 */
public interface Planner {
  Recommendation recommend(
      FitResult fit, KpiPanel history, Target target, int horizon, PlanConstraints constraints, Progress progress);
}
