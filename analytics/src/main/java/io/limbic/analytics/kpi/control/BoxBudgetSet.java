package io.limbic.analytics.kpi.control;

/**
 * The feasible plans {@code lo <= u <= hi} (elementwise) with {@code sum(u) <= budget}, and the exact Euclidean
 * projection onto it. By the KKT conditions the projection of v is clip(v - lambda, lo, hi) with the smallest
 * lambda >= 0 that meets the budget: lambda = 0 if clip(v) already does, otherwise s(lambda) = sum clip(v - lambda)
 * is continuous, piecewise linear and non-increasing, so bisection brackets the root; once the bracket is narrow the
 * set of coordinates strictly inside their box is known and lambda follows exactly from the linear equation on it.
 */
public final class BoxBudgetSet {
  private final double[] lo;
  private final double[] hi;
  private final double budget;

  public BoxBudgetSet(double[] lo, double[] hi, double budget) {
    if (lo.length != hi.length) throw new IllegalArgumentException("lo and hi differ in length");
    double least = 0;
    for (int k = 0; k < lo.length; k++) {
      if (!Double.isFinite(lo[k])) throw new IllegalArgumentException("min must be finite");
      if (Double.isNaN(hi[k]) || hi[k] < lo[k]) throw new IllegalArgumentException("max must be >= min");
      least += lo[k];
    }
    if (Double.isNaN(budget) || least > budget + 1e-12 * Math.max(1, Math.abs(budget))) {
      throw new IllegalArgumentException("infeasible: the minimum inputs over the horizon sum to " + least
          + ", more than the budget " + budget);
    }
    this.lo = lo.clone();
    this.hi = hi.clone();
    this.budget = budget;
  }

  public int size() {
    return lo.length;
  }

  public double lo(int k) {
    return lo[k];
  }

  public double hi(int k) {
    return hi[k];
  }

  public double budget() {
    return budget;
  }

  /** True when u is in the set, up to {@code tolerance}. */
  public boolean contains(double[] u, double tolerance) {
    double sum = 0;
    for (int k = 0; k < u.length; k++) {
      if (u[k] < lo[k] - tolerance || u[k] > hi[k] + tolerance) return false;
      sum += u[k];
    }
    return sum <= budget + tolerance;
  }

  /** The budget multiplier lambda of the projection of v (0 when the budget does not bind). */
  public double multiplier(double[] v) {
    if (sumShifted(v, 0) <= budget) return 0;
    double low = 0;
    double high = 1;
    while (sumShifted(v, high) > budget) {
      low = high;
      high *= 2;
    }
    for (int iter = 0; iter < 200 && high - low > 1e-15 * Math.max(1, high); iter++) {
      double mid = 0.5 * (low + high);
      if (sumShifted(v, mid) > budget) low = mid; else high = mid;
    }
    double mid = 0.5 * (low + high);
    double fixed = 0;
    double free = 0;
    int count = 0;
    for (int k = 0; k < v.length; k++) {
      double w = v[k] - mid;
      if (w <= lo[k]) fixed += lo[k];
      else if (w >= hi[k]) fixed += hi[k];
      else {
        free += v[k];
        count++;
      }
    }
    if (count == 0) return high;
    double exact = (free + fixed - budget) / count;
    return exact >= low && exact <= high ? exact : high;
  }

  public double[] project(double[] v) {
    double lambda = multiplier(v);
    double[] out = new double[v.length];
    for (int k = 0; k < v.length; k++) out[k] = clip(v[k] - lambda, k);
    return out;
  }

  private double sumShifted(double[] v, double lambda) {
    double s = 0;
    for (int k = 0; k < v.length; k++) s += clip(v[k] - lambda, k);
    return s;
  }

  private double clip(double w, int k) {
    return Math.min(hi[k], Math.max(lo[k], w));
  }
}
