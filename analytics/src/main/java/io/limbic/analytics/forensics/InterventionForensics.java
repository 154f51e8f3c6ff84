package io.limbic.analytics.forensics;

/** Lift, prevented churn value and return of one variant against its context's holdout. */
public final class InterventionForensics {
  private InterventionForensics() {}

  public static VariantReport compare(
      String contextId, String variantId, ArmOutcomes treated, ArmOutcomes holdout, double meanValue) {
    Interval lift = Proportions.difference(treated.successes(), treated.exposures(), holdout.successes(),
        holdout.exposures());
    Interval churnReduction = Proportions.difference(holdout.failures(), holdout.exposures(), treated.failures(),
        treated.exposures());
    Interval prevented = churnReduction.times(treated.exposures() * meanValue);
    double cost = treated.cost();
    double roi = cost > 0 ? (prevented.estimate() - cost) / cost : Double.NaN;
    return new VariantReport(contextId, variantId, treated, holdout, lift, churnReduction, prevented, cost, roi);
  }
}
