package io.limbic.analytics.matching.scoring;

import java.util.List;

/**
 * A pair's score as an estimate of P(mutual) = P(searcher says yes to candidate) * P(candidate says yes to
 * searcher), each factor a logistic model of who decides and who is decided on ({@link Side}):
 *
 * <pre>
 *   logit P(s -> c) = forward:  intercept - base * logit b + rate * logit yesRate(s) + appeal * logit desirability(c)
 *                               + compat * (compat(s, c) - 0.5) + peers * lean(s, c)
 *   logit P(c -> s) = backward: the same with the roles swapped, compat(c, s) learned from c's own decisions and
 *                     lean(c, s) from the people who decide like c
 * </pre>
 *
 * Rates are the Beta(2, 2)-shrunk ones of {@link CandidateHistory} (the searcher's from their own history, so the
 * searcher's selectivity and appeal shape the product although they are the same for every candidate); b is the
 * tenant's yes rate as the pool shows it ({@link #baseRate}). The defaults ({@link #DEFAULT}) are a Rasch model,
 * readiness plus appeal with the base rate counted once, each decider's learned taste at slope 4 and the lean of
 * like-deciding people ({@link PeerLean}) at slope 2, both ways (both chosen on the development waves of the
 * speed-dating data); a tenant with enough decisions gets its own sides fitted ({@link MutualFitter}).
 *
 * @param source "default" or "fitted"
 * @param decisions the decisions the sides were fitted on (0 for the defaults)
 */
public record MutualProbability(Side forward, Side backward, String source, int decisions) {
  public static final double NEUTRAL = 0.5;
  public static final double DEFAULT_COMPAT = 4;
  public static final double DEFAULT_PEERS = 2;
  public static final MutualProbability DEFAULT = ofSlopes(DEFAULT_COMPAT, DEFAULT_COMPAT);

  /**
   * One direction's model: logit P(yes) = intercept - base * logit(tenant base rate) + rate * logit(decider's yes
   * rate) + appeal * logit(receiver's desirability) + compat * (decider's compat for the receiver - 0.5) + peers *
   * (the lean of people who decide like the decider, {@link PeerLean}) + the context slopes times the pair's context
   * components (each in [0, 1], centred at 0.5; 0 in the defaults, where context multiplies the score instead).
   */
  public record Side(double intercept, double base, double rate, double appeal, double compat, double peers,
      double completeness, double recency, double distance, double mutualInterest) {
    /** The linear predictor, from the logits of the decider's yes rate and the receiver's desirability. */
    public double logit(double deciderRateLogit, double receiverAppealLogit, double compatibility, double lean,
        double baseLogit, double[] context) {
      return intercept - base * baseLogit + rate * deciderRateLogit + appeal * receiverAppealLogit
          + compat * (compatibility - NEUTRAL) + peers * lean
          + completeness * (context[0] - NEUTRAL) + recency * (context[1] - NEUTRAL)
          + distance * (context[2] - NEUTRAL) + mutualInterest * (context[3] - NEUTRAL);
    }

    boolean valid() {
      for (double v : new double[] {intercept, base, rate, appeal, compat, peers, completeness, recency, distance,
          mutualInterest}) {
        if (!Double.isFinite(v)) return false;
      }
      return true;
    }
  }

  /** The default Rasch sides with the given compat slopes and the default peer slope. */
  public static MutualProbability ofSlopes(double forwardCompat, double backwardCompat) {
    return new MutualProbability(new Side(0, 1, 1, 1, forwardCompat, DEFAULT_PEERS, 0, 0, 0, 0),
        new Side(0, 1, 1, 1, backwardCompat, DEFAULT_PEERS, 0, 0, 0, 0), "default", 0);
  }

  /** True when the sides carry the context (a fitted model); otherwise context multiplies the score. */
  public boolean contextInSides() {
    return "fitted".equals(source);
  }

  /** P(searcher says yes to the candidate). */
  public double forward(double desirability, double compatForward, double peerForward, double searcherYesLogit,
      double baseLogit, double[] context) {
    return forwardOfLogit(logit(desirability), compatForward, peerForward, searcherYesLogit, baseLogit, context);
  }

  /** As {@link #forward}, given {@code logit(desirability)} ({@link ScoringRow} holds each candidate's). */
  double forwardOfLogit(double desirabilityLogit, double compatForward, double peerForward,
      double searcherYesLogit, double baseLogit, double[] context) {
    return sigmoid(forward.logit(searcherYesLogit, desirabilityLogit, compatForward, peerForward, baseLogit,
        context));
  }

  /** P(candidate says yes to the searcher). */
  public double backward(double yesRate, double compatBackward, double peerBackward,
      double searcherDesirabilityLogit, double baseLogit, double[] context) {
    return backwardOfLogit(logit(yesRate), compatBackward, peerBackward, searcherDesirabilityLogit, baseLogit,
        context);
  }

  /** As {@link #backward}, given {@code logit(yesRate)}. */
  double backwardOfLogit(double yesRateLogit, double compatBackward, double peerBackward,
      double searcherDesirabilityLogit, double baseLogit, double[] context) {
    return sigmoid(backward.logit(yesRateLogit, searcherDesirabilityLogit, compatBackward, peerBackward,
        baseLogit, context));
  }

  /**
   * The tenant's rate of saying yes as the pool shows it: every decision given and received by the candidates,
   * shrunk to the Beta(2, 2) prior of {@link CandidateHistory}.
   */
  public static double baseRate(List<MatchCandidate> candidates) {
    double yes = CandidateHistory.PRIOR_STRENGTH * CandidateHistory.PRIOR_RATE, decisions = CandidateHistory.PRIOR_STRENGTH;
    // counted as the array was filled; whole numbers, so the sums are exact in either order
    if (candidates instanceof CandidateArray array) return (yes + array.yes()) / (decisions + array.decisions());
    for (MatchCandidate c : candidates) {
      CandidateHistory h = c.history();
      yes += Math.max(0, h.yesGiven()) + Math.max(0, h.yesReceived());
      decisions += Math.max(0, h.decisionsGiven()) + Math.max(0, h.decisionsReceived());
    }
    return yes / decisions;
  }

  public boolean valid() {
    return forward != null && backward != null && forward.valid() && backward.valid();
  }

  static double logit(double p) {
    double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
    return Math.log(q / (1 - q));
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
