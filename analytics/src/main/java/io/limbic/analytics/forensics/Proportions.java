package io.limbic.analytics.forensics;

/**
 * Intervals for one proportion (Wilson score) and for the difference of two independent proportions (Newcombe's
 * hybrid score method, 1998, his method 10: the difference's limits are built from each rate's Wilson limits).
 * Newcombe's interval keeps close to its nominal 95 % for small counts and for rates near 0 or 1, where the Wald
 * interval does not.
 */
public final class Proportions {
  public static final double Z95 = 1.959963984540054;

  private Proportions() {}

  public static Interval wilson(long successes, long n) {
    if (n <= 0) return Interval.unknown(Double.NaN);
    double p = (double) successes / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /** p1 - p2 with Newcombe's hybrid score interval. */
  public static Interval difference(long successes1, long n1, long successes2, long n2) {
    if (n1 <= 0 || n2 <= 0) return Interval.unknown(Double.NaN);
    Interval a = wilson(successes1, n1);
    Interval b = wilson(successes2, n2);
    double p1 = a.estimate();
    double p2 = b.estimate();
    double d = p1 - p2;
    double low = d - Math.sqrt(sq(p1 - a.low()) + sq(b.high() - p2));
    double high = d + Math.sqrt(sq(a.high() - p1) + sq(p2 - b.low()));
    return new Interval(d, low, high);
  }

  private static double sq(double x) {
    return x * x;
  }
}
