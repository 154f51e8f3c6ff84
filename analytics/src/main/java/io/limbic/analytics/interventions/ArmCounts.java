package io.limbic.analytics.interventions;

/**
 * What a variant has shown so far, as the Beta-Bernoulli posterior reads it: {@code Beta(1 + successes, 1 +
 * exposures - successes)}. Every exposure counts as a failure until a success is attributed to it, so an exposure
 * whose window is still open weighs against its variant; every variant is treated the same way, so during steady
 * traffic the ranking is not biased by it, only damped.
 */
public record ArmCounts(long exposures, long successes) {
  public static final ArmCounts NONE = new ArmCounts(0, 0);

  public ArmCounts {
    // Replicated counters converge independently: a success may arrive on a node before its exposure.
    if (exposures < 0) exposures = 0;
    if (successes < 0) successes = 0;
    if (successes > exposures) exposures = successes;
  }

  public long failures() {
    return exposures - successes;
  }
}
