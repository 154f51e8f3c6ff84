package io.limbic.analytics.kpi.statespace;

import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.Set;

/**
 * Fit quality of a state-space model: log-likelihood, AIC = 2k - 2 logL with k the free scalar parameters
 * (symmetric Q, R, V1 counted once: n(n+1)/2; mu1 and V1 only for a given start), and per KPI the RMSE and
 * R-squared (1 - SSE/SST around the KPI's mean) of the one-step-ahead forecasts C x(t|t-1) + D u(t) over the
 * observed values. With a diffuse start the first {@code states} periods are left out: their forecasts come from the
 * diffuse prior, not from the model.
 */
final class OneStepQuality {
  private OneStepQuality() {}

  static FitQuality of(StateSpaceModel model, Set<String> free, double logL, double[][] y, double[][] u) {
    KalmanFilter filter = KalmanFilter.run(model, y, u);
    int p = model.kpis();
    int skip = model.diffuse() ? Math.min(model.states(), y.length - 1) : 0;
    double[] rmse = new double[p];
    double[] rSquared = new double[p];
    for (int i = 0; i < p; i++) {
      double sum = 0;
      int count = 0;
      for (int t = skip; t < y.length; t++) {
        if (!Double.isNaN(y[t][i])) {
          sum += y[t][i];
          count++;
        }
      }
      double mean = count == 0 ? Double.NaN : sum / count;
      double sse = 0;
      double sst = 0;
      for (int t = skip; t < y.length; t++) {
        if (Double.isNaN(y[t][i])) continue;
        double error = y[t][i] - filter.forecast(t)[i];
        sse += error * error;
        sst += (y[t][i] - mean) * (y[t][i] - mean);
      }
      rmse[i] = count == 0 ? Double.NaN : Math.sqrt(sse / count);
      rSquared[i] = sst > 0 ? 1 - sse / sst : Double.NaN;
    }
    int k = freeParameters(model, free);
    return new FitQuality(logL, k, 2.0 * k - 2 * logL, rmse, rSquared);
  }

  static int freeParameters(StateSpaceModel model, Set<String> free) {
    int n = model.states();
    int p = model.kpis();
    int m = model.controls();
    int k = 0;
    if (free.contains("A")) k += n * n;
    if (free.contains("B")) k += n * m;
    if (free.contains("C")) k += p * n;
    if (free.contains("D")) k += p * m;
    if (free.contains("Q")) k += n * (n + 1) / 2;
    if (free.contains("R")) k += p * (p + 1) / 2;
    if (!model.diffuse() && free.contains("mu1")) k += n;
    if (!model.diffuse() && free.contains("V1")) k += n * (n + 1) / 2;
    return k;
  }
}
