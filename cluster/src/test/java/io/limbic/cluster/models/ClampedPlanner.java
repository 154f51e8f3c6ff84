package io.limbic.cluster.models;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.PlanConstraints;
import io.limbic.analytics.kpi.Planner;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.Recommendation;
import io.limbic.analytics.kpi.Target;

/**
 * A trivial planner for the API tests: every control at the bound its effect favours (its maximum when B > 0), then
 * pulled towards the minimums until the budget holds. Doing nothing is every control at 0 clamped into its box.
 */
final class ClampedPlanner implements Planner {
  private final GaussianLocalLevelForecaster forecaster = new GaussianLocalLevelForecaster();

  @Override
  public Recommendation recommend(
      FitResult fit, KpiPanel history, Target target, int horizon, PlanConstraints constraints, Progress progress) {
    double[] b = fit.model().B()[0];
    int m = b.length;
    double[] chosen = new double[m];
    double spend = 0;
    double least = 0;
    for (int j = 0; j < m; j++) {
      chosen[j] = b[j] >= 0 ? constraints.max()[j] : constraints.min()[j];
      spend += chosen[j] * horizon;
      least += constraints.min()[j] * horizon;
    }
    if (spend > constraints.budget()) {
      double keep = (constraints.budget() - least) / (spend - least);
      for (int j = 0; j < m; j++) chosen[j] = constraints.min()[j] + keep * (chosen[j] - constraints.min()[j]);
    }
    double[][] plan = new double[horizon][];
    double[][] nothing = new double[horizon][m];
    for (int h = 0; h < horizon; h++) {
      plan[h] = chosen.clone();
      for (int j = 0; j < m; j++) nothing[h][j] = Math.max(constraints.min()[j], Math.min(constraints.max()[j], 0));
    }
    Bands predicted = forecaster.simulate(fit, history, plan, 0, 0, progress);
    Bands baseline = forecaster.simulate(fit, history, nothing, 0, 0, progress);
    return new Recommendation(plan, predicted, baseline, predicted.mean()[horizon - 1][0], "clamped (test)");
  }
}
