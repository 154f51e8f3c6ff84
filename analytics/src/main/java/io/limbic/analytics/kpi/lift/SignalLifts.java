package io.limbic.analytics.kpi.lift;

import io.limbic.analytics.kpi.KpiPanel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Learned signal lifts. Per KPI y and signal s (a 0/1 or count series: campaign days, holidays, interventions of a
 * variant sent, product events marked as signals):
 * <pre>  y(t) = a + lift * s(t - lag) + b * trend(t) + sum_d c_d weekday_d(t) + e(t)</pre>
 * fitted by OLS over the periods where y and s are known. Daily KPIs and campaigns both run in streaks, so the
 * standard error is heteroskedasticity- and autocorrelation-robust: the equal-weighted cosine (EWC) estimator, with a
 * Student-t 95 % interval on its nu = round(0.4 n^(2/3)) degrees of freedom (see {@link RobustOls}).
 */
public final class SignalLifts {
  public static final String MODEL = "ols_weekday_trend_ewc";

  private SignalLifts() {}

  /** The lift, or empty when it cannot be estimated (the signal never varies, too few periods, collinear). */
  public static Optional<SignalLift> estimate(String segment, KpiPanel panel, String kpi, String signal, int lag) {
    double[] y = series(panel, kpi);
    double[] s = series(panel, signal);
    if (y == null) throw new IllegalArgumentException("the data has no KPI '" + kpi + "'");
    if (s == null) throw new IllegalArgumentException("the data has no signal '" + signal + "'");
    try {
      Effect effect = new Design(panel.periods()).focal(Design.lagged(s, lag)).trend().weekdays()
          .effect(y, RobustOls.Covariance.EWC);
      return Optional.of(new SignalLift(segment, kpi, signal, lag, effect, MODEL));
    } catch (IllegalArgumentException degenerate) {
      return Optional.empty();
    }
  }

  /** Every KPI of the panel against every signal (its controls), same period. */
  public static List<SignalLift> all(String segment, KpiPanel panel, int lag) {
    List<SignalLift> out = new ArrayList<>();
    for (String kpi : panel.kpis()) {
      for (String signal : panel.controls()) estimate(segment, panel, kpi, signal, lag).ifPresent(out::add);
    }
    return out;
  }

  /** Each configured lift next to the learned one for the same KPI and signal (the first, if several lags). */
  public static List<LiftComparison> compare(List<SignalLift> learned, List<ConfiguredLift> configured) {
    List<LiftComparison> out = new ArrayList<>();
    for (ConfiguredLift c : configured) {
      SignalLift match = learned.stream()
          .filter(l -> l.kpi().equals(c.kpi()) && l.signal().equals(c.signal())).findFirst().orElse(null);
      out.add(new LiftComparison(c.kpi(), c.signal(), c.value(), match,
          match != null && !match.effect().contains(c.value())));
    }
    return out;
  }

  /** A column of the panel by name, KPI or control; null when it has none. */
  public static double[] series(KpiPanel panel, String name) {
    int i = panel.kpis().indexOf(name);
    if (i >= 0) {
      double[] out = new double[panel.length()];
      for (int t = 0; t < out.length; t++) out[t] = panel.y()[t][i];
      return out;
    }
    int j = panel.controls().indexOf(name);
    if (j < 0) return null;
    double[] out = new double[panel.length()];
    for (int t = 0; t < out.length; t++) out[t] = panel.u()[t][j];
    return out;
  }
}
