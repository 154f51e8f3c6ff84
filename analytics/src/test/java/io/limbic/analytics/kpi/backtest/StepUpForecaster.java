package io.limbic.analytics.kpi.backtest;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.Forecaster;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A forecaster simple enough to score by hand: every future period is the last observed value plus 1 per step
 * ahead, with a 95 % band of +-2 around it. Its family records the history lengths it was fitted on.
 */
final class StepUpForecaster implements Forecaster, KpiModelFamily {
  final List<Integer> fittedLengths = new ArrayList<>();

  @Override
  public String type() {
    return "step_up";
  }

  @Override
  public FitResult fit(KpiPanel data, ModelSpec spec, Progress progress) {
    fittedLengths.add(data.length());
    int p = data.kpis().size();
    int m = data.controls().size();
    double[][] eye = new double[p][p];
    for (int i = 0; i < p; i++) eye[i][i] = 1;
    StateSpaceModel model = new StateSpaceModel(eye, new double[p][m], eye, new double[p][m], eye, eye,
        new double[p][1], eye, true);
    return new FitResult(spec, model, 0, true, new FitQuality(0, 0, 0, new double[p], new double[p]), "test");
  }

  @Override
  public Bands simulate(FitResult fit, KpiPanel history, double[][] inputs, int paths, long seed, Progress progress) {
    int horizon = inputs.length;
    int p = history.kpis().size();
    double[][] mean = new double[horizon][p];
    double[][] lo = new double[horizon][p];
    double[][] hi = new double[horizon][p];
    for (int i = 0; i < p; i++) {
      double last = PanelSlice.lastObserved(history, i, history.length());
      for (int h = 0; h < horizon; h++) {
        mean[h][i] = last + h + 1;
        lo[h][i] = mean[h][i] - 2;
        hi[h][i] = mean[h][i] + 2;
      }
    }
    return new Bands(mean, lo, lo, hi, hi, 0);
  }
}
