package io.limbic.analytics.matching.scoring;

/**
 * What a candidate has shown by deciding and being decided on: how often they say yes (how unselective they are)
 * and how often others say yes to them. A decision is a favorite, message, reply or call (yes) or a pass or
 * unfavorite (no), the latest per pair.
 *
 * <p>Rates are shrunk towards a prior so that someone with little history is neither a sure yes nor a sure no:
 * rate = (yes + PRIOR_STRENGTH * PRIOR_RATE) / (decisions + PRIOR_STRENGTH), a Beta(2, 2) prior: four decisions
 * weigh as much as the prior, which is where the rates of a speed-dating night stop being noise.
 */
public record CandidateHistory(int yesGiven, int decisionsGiven, int yesReceived, int decisionsReceived) {
  public static final double PRIOR_RATE = 0.5;
  public static final double PRIOR_STRENGTH = 4;
  public static final CandidateHistory NONE = new CandidateHistory(0, 0, 0, 0);

  /** How likely this person says yes to someone, before knowing who. */
  public double yesRate() {
    return shrunk(yesGiven, decisionsGiven);
  }

  /** How likely someone says yes to this person. */
  public double desirability() {
    return shrunk(yesReceived, decisionsReceived);
  }

  /** How far the rates are to be trusted, in [0, 1): decisions / (decisions + PRIOR_STRENGTH). */
  public double givenWeight() {
    return Math.max(0, decisionsGiven) / (Math.max(0, decisionsGiven) + PRIOR_STRENGTH);
  }

  public double receivedWeight() {
    return Math.max(0, decisionsReceived) / (Math.max(0, decisionsReceived) + PRIOR_STRENGTH);
  }

  private static double shrunk(int yes, int decisions) {
    return (Math.max(0, yes) + PRIOR_STRENGTH * PRIOR_RATE) / (Math.max(0, decisions) + PRIOR_STRENGTH);
  }
}
