package io.limbic.analytics.kpi.lift;

/**
 * An estimated effect with its standard error, 95 % interval (Student t with {@code degreesOfFreedom}), sample size
 * and two-sided p-value against "no effect".
 */
public record Effect(double estimate, double standardError, double lower95, double upper95, int n,
    int degreesOfFreedom, double pValue) {

  public static Effect of(double estimate, double standardError, int n, int df) {
    double half = StudentT.quantile(0.975, df) * standardError;
    double p = standardError > 0 ? StudentT.twoSidedP(estimate / standardError, df) : (estimate == 0 ? 1 : 0);
    return new Effect(estimate, standardError, estimate - half, estimate + half, n, df, p);
  }

  public boolean contains(double value) {
    return value >= lower95 && value <= upper95;
  }
}
