package io.limbic.analytics.matching.scoring;

/**
 * An opt-in ranking ({@link MatchWeights#withMutual}, not the default): a pair's score as an estimate of P(mutual) =
 * P(searcher says yes to candidate) * P(candidate says yes to searcher), each factor additive on the logit scale:
 *
 * <pre>
 *   logit P(s -> c) = logit yesRate(s) + logit desirability(c) - logit base + forwardSlope  * (compat(s, c) - 0.5)
 *   logit P(c -> s) = logit yesRate(c) + logit desirability(s) - logit base + backwardSlope * (compat(c, s) - 0.5)
 * </pre>
 *
 * Rates are the Beta(2, 2)-shrunk ones of {@link CandidateHistory} (the searcher's from their own history, so the
 * searcher's selectivity and appeal shape the product although they are the same for every candidate); base is
 * the tenant's yes rate as the pool shows it ({@link #baseRate}), counted once per factor. With no history anywhere
 * each factor is 0.5 moved by learned taste alone.
 *
 * @param forwardSlope logit per unit of the searcher's learned compat for the candidate
 * @param backwardSlope logit per unit of the candidate's learned compat for the searcher (from their own decisions)
 */
public record MutualProbability(double forwardSlope, double backwardSlope) {
  public static final double NEUTRAL = 0.5;

  /**
   * logit P(searcher says yes) = logit searcherYes + logit desirability - logit base + forwardSlope * (compat - 0.5):
   * additive on the logit scale (a Rasch model: the searcher's readiness plus the candidate's appeal), the tenant's
   * base rate counted once.
   */
  public double forward(double desirability, double compatForward, double searcherYesLogit, double baseLogit) {
    return sigmoid(searcherYesLogit + logit(desirability) - baseLogit + forwardSlope * (compatForward - NEUTRAL));
  }

  /**
   * logit P(candidate says yes) = logit yesRate + logit desirability(searcher) - logit base + backwardSlope *
   * (compatBackward - 0.5).
   */
  public double backward(double yesRate, double compatBackward, double searcherDesirabilityLogit,
      double baseLogit) {
    return sigmoid(logit(yesRate) + searcherDesirabilityLogit - baseLogit + backwardSlope * (compatBackward - NEUTRAL));
  }

  /**
   * The tenant's rate of saying yes as the pool shows it: every decision given and received by the candidates,
   * shrunk to the Beta(2, 2) prior of {@link CandidateHistory}.
   */
  public static double baseRate(java.util.List<MatchCandidate> candidates) {
    double yes = CandidateHistory.PRIOR_STRENGTH * CandidateHistory.PRIOR_RATE, decisions = CandidateHistory.PRIOR_STRENGTH;
    for (MatchCandidate c : candidates) {
      CandidateHistory h = c.history();
      yes += Math.max(0, h.yesGiven()) + Math.max(0, h.yesReceived());
      decisions += Math.max(0, h.decisionsGiven()) + Math.max(0, h.decisionsReceived());
    }
    return yes / decisions;
  }

  public boolean valid() {
    return Double.isFinite(forwardSlope) && Double.isFinite(backwardSlope);
  }

  static double logit(double p) {
    double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
    return Math.log(q / (1 - q));
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
