package io.limbic.projections.insights;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.Forecaster;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;

/** A real, tiny model for job tests: the forecast is the last observed value, the 95 % band +-1.96 x 2. */
final class LastValueModel implements KpiModelFamily, Forecaster {
  @Override
  public String type() {
    return "last_value";
  }

  @Override
  public FitResult fit(KpiPanel data, ModelSpec spec, Progress progress) {
    int p = data.kpis().size();
    int m = data.controls().size();
    double[][] eye = new double[p][p];
    for (int i = 0; i < p; i++) eye[i][i] = 1;
    return new FitResult(spec, new StateSpaceModel(eye, new double[p][m], eye, new double[p][m], eye, eye,
        new double[p][1], eye, true), 0, true, new FitQuality(0, 0, 0, new double[p], new double[p]), "last value");
  }

  @Override
  public Bands simulate(FitResult fit, KpiPanel history, double[][] inputs, int paths, long seed, Progress progress) {
    int p = history.kpis().size();
    double[][] mean = new double[inputs.length][p];
    double[][] lo = new double[inputs.length][p];
    double[][] hi = new double[inputs.length][p];
    for (int i = 0; i < p; i++) {
      double last = Double.NaN;
      for (int t = history.length() - 1; t >= 0 && Double.isNaN(last); t--) last = history.y()[t][i];
      for (int h = 0; h < inputs.length; h++) {
        mean[h][i] = last;
        lo[h][i] = last - 3.92;
        hi[h][i] = last + 3.92;
      }
    }
    return new Bands(mean, lo, lo, hi, hi, 0);
  }
}
