package io.limbic.analytics.kpi.curiosity;

import io.limbic.analytics.kpi.lift.Design;
import io.limbic.analytics.kpi.lift.Effect;
import io.limbic.analytics.kpi.lift.RobustOls;

/** The tests templates share: OLS with weekday dummies and a trend, EWC (HAC) standard errors whose t statistics
 *  have honest tails (see {@code RobustOls}), which Benjamini-Hochberg needs. */
final class Regressions {
  private Regressions() {}

  /** Effect of x(t - lag) on y(t), with weekdays and trend, plus extra controls. */
  static Effect lift(SeriesSet s, double[] y, double[] x, int lag, double[]... controls) {
    Design design = new Design(s.periods()).focal(Design.lagged(x, lag)).trend().weekdays();
    for (double[] c : controls) design.control(c);
    return design.effect(y, RobustOls.Covariance.EWC);
  }

  /** Effect of a calendar indicator (or other deterministic regressor) on y, with a trend and optionally weekdays. */
  static Effect calendar(SeriesSet s, double[] y, double[] x, boolean weekdays) {
    Design design = new Design(s.periods()).focal(x).trend();
    if (weekdays) design.weekdays();
    return design.effect(y, RobustOls.Covariance.EWC);
  }

  static double[] ratio(double[] numerator, double[] denominator) {
    double[] out = new double[numerator.length];
    for (int t = 0; t < out.length; t++) out[t] = denominator[t] > 0 ? numerator[t] / denominator[t] : Double.NaN;
    return out;
  }

  static double[] product(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int t = 0; t < out.length; t++) out[t] = a[t] * b[t];
    return out;
  }

  /** Sum of x over the periods t - from .. t - to (NaN where any is before the start). */
  static double[] window(double[] x, int from, int to) {
    double[] out = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      double sum = 0;
      for (int l = from; l <= to; l++) sum += t - l >= 0 ? x[t - l] : Double.NaN;
      out[t] = sum;
    }
    return out;
  }

  /** The period index, centred, divided by the length: the coefficient is the change over the whole span. */
  static double[] index(int length) {
    double[] out = new double[length];
    double mid = (length - 1) / 2.0;
    for (int t = 0; t < length; t++) out[t] = (t - mid) / length;
    return out;
  }

  static boolean isCount(double[] x) {
    for (double v : x) if (v > 1) return true;
    return false;
  }
}
