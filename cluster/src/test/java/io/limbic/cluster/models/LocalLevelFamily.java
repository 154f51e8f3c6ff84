package io.limbic.cluster.models;

import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;

/**
 * A small real family for the API tests ({@code local_level}): one state, one KPI, B held at {@code fixed.B} (zero
 * by default); the signal-to-noise ratio q = Q / R by a grid search of the concentrated diffuse log-likelihood, R in
 * closed form given q.
 */
final class LocalLevelFamily implements KpiModelFamily {
  static final String TYPE = "local_level";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public FitResult fit(KpiPanel data, ModelSpec spec, Progress progress) {
    if (spec.states() != 1 || spec.kpis().size() != 1) {
      throw new IllegalArgumentException("local_level has one state and one KPI");
    }
    int m = spec.controls().size();
    double[] b = spec.fixed().containsKey("B") ? spec.fixed().get("B")[0] : new double[m];
    double bestLogL = Double.NEGATIVE_INFINITY;
    double bestQ = 0;
    double bestR = 1;
    int steps = 0;
    for (double logQ = -8; logQ <= 4; logQ += 0.05, steps++) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      double q = Math.exp(logQ);
      LocalLevel.Filtered f = LocalLevel.filter(q, 1, b, data);
      if (f.observed() < 1) throw new IllegalArgumentException("local_level needs at least two observed periods");
      double sum = 0;
      double logF = 0;
      for (int t = 0; t < data.length(); t++) {
        if (Double.isNaN(f.innovations()[t])) continue;
        sum += f.innovations()[t] * f.innovations()[t] / f.innovationVariances()[t];
        logF += Math.log(f.innovationVariances()[t]);
      }
      int k = f.observed();
      double r = Math.max(sum / k, 1e-12);
      double logL = -0.5 * k * (Math.log(2 * Math.PI) + 1 + Math.log(r)) - 0.5 * logF;
      if (logL > bestLogL) {
        bestLogL = logL;
        bestQ = q * r;
        bestR = r;
      }
    }
    StateSpaceModel model = new StateSpaceModel(new double[][] {{1}}, new double[][] {b}, new double[][] {{1}},
        new double[][] {new double[m]}, new double[][] {{bestQ}}, new double[][] {{bestR}}, new double[][] {{0}},
        new double[][] {{0}}, true);
    return new FitResult(spec, model, steps, true, quality(model, data, bestLogL), "q = Q/R by grid search");
  }

  private static FitQuality quality(StateSpaceModel model, KpiPanel data, double logL) {
    LocalLevel.Filtered f = LocalLevel.filter(model, data);
    double squares = 0;
    double mean = 0;
    int k = 0;
    for (int t = 0; t < data.length(); t++) {
      if (Double.isNaN(f.innovations()[t])) continue;
      squares += f.innovations()[t] * f.innovations()[t];
      mean += data.y()[t][0];
      k++;
    }
    mean /= k;
    double total = 0;
    for (int t = 0; t < data.length(); t++) {
      if (!Double.isNaN(f.innovations()[t])) total += Math.pow(data.y()[t][0] - mean, 2);
    }
    return new FitQuality(logL, 2, 4 - 2 * logL, new double[] {Math.sqrt(squares / k)},
        new double[] {1 - squares / total});
  }
}
