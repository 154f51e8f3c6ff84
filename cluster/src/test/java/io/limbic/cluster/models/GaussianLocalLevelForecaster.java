package io.limbic.cluster.models;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.Forecaster;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.Progress;

/** The exact Gaussian forecast of a local-level model (no paths drawn: {@code paths} in the bands is 0). */
final class GaussianLocalLevelForecaster implements Forecaster {
  private static final double Z95 = 1.959963984540054;
  private static final double Z50 = 0.6744897501960817;

  @Override
  public Bands simulate(FitResult fit, KpiPanel history, double[][] inputs, int paths, long seed, Progress progress) {
    LocalLevel.Filtered end = LocalLevel.filter(fit.model(), history);
    double q = fit.model().Q()[0][0];
    double r = fit.model().R()[0][0];
    double[] b = fit.model().B()[0];
    int horizon = inputs.length;
    double[][] mean = new double[horizon][1];
    double[][] lo95 = new double[horizon][1];
    double[][] lo50 = new double[horizon][1];
    double[][] hi50 = new double[horizon][1];
    double[][] hi95 = new double[horizon][1];
    double level = end.mean();
    double variance = end.variance();
    for (int h = 0; h < horizon; h++) {
      double sd = Math.sqrt(variance + r);
      mean[h][0] = level;
      lo95[h][0] = level - Z95 * sd;
      lo50[h][0] = level - Z50 * sd;
      hi50[h][0] = level + Z50 * sd;
      hi95[h][0] = level + Z95 * sd;
      level += LocalLevel.dot(b, inputs[h]);
      variance += q;
    }
    return new Bands(mean, lo95, lo50, hi50, hi95, 0);
  }
}
