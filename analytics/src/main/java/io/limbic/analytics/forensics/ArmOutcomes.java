package io.limbic.analytics.forensics;

/**
 * What one arm (a variant, or the holdout) of one context led to within the attribution window.
 *
 * @param exposures users exposed (or held out)
 * @param successes exposures followed by the success event
 * @param failures exposures followed by the failure (churn) event
 * @param cost what the exposures cost in total (zero for the holdout)
 */
public record ArmOutcomes(long exposures, long successes, long failures, double cost) {
  public static final ArmOutcomes NONE = new ArmOutcomes(0, 0, 0, 0);

  public double successRate() {
    return exposures == 0 ? Double.NaN : (double) successes / exposures;
  }

  public double failureRate() {
    return exposures == 0 ? Double.NaN : (double) failures / exposures;
  }
}
