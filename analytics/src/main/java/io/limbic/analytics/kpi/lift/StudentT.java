package io.limbic.analytics.kpi.lift;

/**
 * Student's t distribution: its CDF through the regularized incomplete beta function (continued fraction, modified
 * Lentz), and quantiles by bisection on the CDF. Accurate to about 1e-12, plenty for intervals and p-values.
 */
public final class StudentT {
  private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
      771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};

  private StudentT() {}

  public static double cdf(double t, double df) {
    if (Double.isNaN(t)) return Double.NaN;
    if (Double.isInfinite(t)) return t > 0 ? 1 : 0;
    double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
    return t > 0 ? 1 - tail : tail;
  }

  /** Two-sided p-value of a t statistic. */
  public static double twoSidedP(double t, double df) {
    if (Double.isNaN(t)) return Double.NaN;
    if (Double.isInfinite(t)) return 0;
    return Math.min(1, regularizedBeta(df / (df + t * t), df / 2, 0.5));
  }

  public static double quantile(double p, double df) {
    if (p <= 0 || p >= 1) throw new IllegalArgumentException("p must be in (0, 1)");
    double lo = -1e6;
    double hi = 1e6;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); i++) {
      double mid = 0.5 * (lo + hi);
      if (cdf(mid, df) < p) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }

  static double logGamma(double x) {
    if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** I_x(a, b). */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    // the continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise
    if (x < (a + 1) / (a + b + 2)) return front * betaFraction(x, a, b) / a;
    return 1 - front * betaFraction(1 - x, b, a) / b;
  }

  private static double betaFraction(double x, double a, double b) {
    double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    if (Math.abs(d) < tiny) d = tiny;
    d = 1 / d;
    double f = d;
    for (int m = 1; m <= 500; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + even * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + even / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      f *= d * c;
      double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + odd * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + odd / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      double step = d * c;
      f *= step;
      if (Math.abs(step - 1) < 1e-15) break;
    }
    return f;
  }
}
