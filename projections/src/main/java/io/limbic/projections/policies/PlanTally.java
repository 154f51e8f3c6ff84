package io.limbic.projections.policies;

/** The rewards recorded for one plan: how many and their mean (NaN when none). */
public record PlanTally(long observations, double meanReward) {
  public static final PlanTally NONE = new PlanTally(0, Double.NaN);
}
