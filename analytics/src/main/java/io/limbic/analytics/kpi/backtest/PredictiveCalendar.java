package io.limbic.analytics.kpi.backtest;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.Forecaster;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The coming periods after the end of the data, fitted on all of it. Future controls are those given (a plan), or 0
 * (nothing applied) where none are. Periods continue the panel's spacing (its last two periods). A day is flagged as
 * a rush day when its predicted mean is at or above the top-decile threshold of the KPI's observed values
 * ({@link BacktestMetrics#topDecileThreshold}), the same definition rush-day recall scores.
 */
public final class PredictiveCalendar {
  private PredictiveCalendar() {}

  public static List<CalendarDay> forecast(KpiModelFamily family, Forecaster forecaster, KpiPanel panel,
      ModelSpec spec, double[][] plannedInputs, int days, int paths, long seed, Progress progress) {
    if (days < 1) throw new IllegalArgumentException("days must be at least 1");
    if (panel.length() < 2) throw new IllegalArgumentException("the calendar needs at least 2 periods of data");
    KpiPanel history = PanelSlice.of(panel, 0, panel.length(), spec.kpis(), spec.controls());
    double[][] inputs = new double[days][spec.controls().size()];
    for (int h = 0; h < days && plannedInputs != null && h < plannedInputs.length; h++) {
      inputs[h] = plannedInputs[h].clone();
    }
    FitResult fit = family.fit(history, spec, progress);
    Bands bands = forecaster.simulate(fit, history, inputs, paths, seed, Progress.NONE);
    List<Instant> periods = history.periods();
    Instant last = periods.get(periods.size() - 1);
    Duration spacing = Duration.between(periods.get(periods.size() - 2), last);
    List<CalendarDay> out = new ArrayList<>();
    for (int i = 0; i < spec.kpis().size(); i++) {
      double threshold = threshold(history, i);
      for (int h = 0; h < days; h++) {
        double mean = bands.mean()[h][i];
        out.add(new CalendarDay(last.plus(spacing.multipliedBy(h + 1L)), spec.kpis().get(i), mean,
            bands.lower95()[h][i], bands.upper95()[h][i], !Double.isNaN(threshold) && mean >= threshold));
      }
    }
    return out;
  }

  private static double threshold(KpiPanel history, int col) {
    double[] observed = Arrays.stream(history.y()).mapToDouble(row -> row[col]).filter(v -> !Double.isNaN(v)).toArray();
    return observed.length == 0 ? Double.NaN : BacktestMetrics.topDecileThreshold(observed);
  }
}
