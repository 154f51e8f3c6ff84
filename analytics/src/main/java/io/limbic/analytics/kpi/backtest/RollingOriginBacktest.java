package io.limbic.analytics.kpi.backtest;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.Forecaster;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling-origin evaluation: at each origin o the model is fitted on periods [0, o) only and forecasts periods o to
 * o + horizon - 1, which are then compared with what happened. The forecast uses the controls actually applied in
 * those periods (a backtest asks "given what we did, how well did the model predict", not "how well did we guess
 * what we would do"). Predictions for a period whose actual is missing are kept with a NaN actual and left out of the
 * metrics.
 */
public final class RollingOriginBacktest {
  private final KpiModelFamily family;
  private final Forecaster forecaster;

  public RollingOriginBacktest(KpiModelFamily family, Forecaster forecaster) {
    this.family = family;
    this.forecaster = forecaster;
  }

  public BacktestResult run(KpiPanel panel, ModelSpec spec, BacktestPlan plan, Progress progress) {
    int length = panel.length();
    if (length <= plan.minHistory()) {
      throw new IllegalArgumentException("the backtest needs more than " + plan.minHistory() + " periods, got " + length);
    }
    int[] yCols = PanelSlice.columns(panel.kpis(), spec.kpis(), "KPI");
    int origins = (length - 1 - plan.minHistory()) / plan.step() + 1;
    List<Prediction> predictions = new ArrayList<>();
    int done = 0;
    for (int origin = plan.minHistory(); origin < length; origin += plan.step()) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      KpiPanel history = PanelSlice.of(panel, 0, origin, spec.kpis(), spec.controls());
      FitResult fit = family.fit(history, spec, share(progress, done, origins));
      int steps = Math.min(plan.horizon(), length - origin);
      double[][] inputs = PanelSlice.of(panel, origin, origin + steps, spec.kpis(), spec.controls()).u();
      Bands bands = forecaster.simulate(fit, history, inputs, plan.paths(), plan.seed() + origin, Progress.NONE);
      for (int h = 0; h < steps; h++) {
        for (int i = 0; i < yCols.length; i++) {
          predictions.add(new Prediction(panel.periods().get(origin + h), spec.kpis().get(i),
              panel.periods().get(origin), h + 1, bands.mean()[h][i], bands.lower95()[h][i], bands.upper95()[h][i],
              PanelSlice.lastObserved(panel, yCols[i], origin), panel.y()[origin + h][yCols[i]]));
        }
      }
      done++;
      progress.report((double) done / origins);
    }
    return new BacktestResult(predictions, BacktestMetrics.byKpi(predictions), done);
  }

  /** Progress of one fit, as its share of the whole backtest. */
  private static Progress share(Progress whole, int done, int total) {
    return new Progress() {
      @Override
      public void report(double fraction) {
        whole.report((done + Math.max(0, Math.min(1, fraction))) / total);
      }

      @Override
      public boolean cancelled() {
        return whole.cancelled();
      }
    };
  }
}
