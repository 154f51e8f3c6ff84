package io.limbic.analytics.matching.scoring;

import java.util.List;
import java.util.Optional;

/**
 * Fits a tenant's {@link MutualProbability} sides on its own decisions: for each side, a logistic regression of
 * "the decider said yes" on the logit of the decider's yes rate, the logit of the receiver's desirability, the
 * decider's learned compat for the receiver, the lean of people who decide like the decider ({@link PeerLean})
 * and the pair's context (completeness, recency, distance, interest shown), each as the match log held them when the pair was suggested (before
 * the decision, so a decision never explains itself). Every decision is an outcome, not only the mutual matches,
 * which is what makes a fit possible on a tenant's first few hundred decisions.
 *
 * <p>Regularisation: a Gaussian penalty of {@link #LAMBDA} pulls each slope towards its default (rate 1, appeal 1,
 * compat {@link MutualProbability#DEFAULT_COMPAT}, peers
 * {@link MutualProbability#DEFAULT_PEERS}, context 0), so a small tenant's fit stays
 * near the defaults and only a tenant whose decisions say otherwise moves away from them; the intercept is free and
 * absorbs the tenant's base rate (the fitted side's {@code base} weight is 0). A fitted model carries the context in
 * its sides, so its score is P(mutual) itself, with no context multiplier. A side with fewer than
 * {@link #MIN_DECISIONS} decisions, or fewer than {@link #MIN_EACH} yeses or noes, keeps its default.
 */
public final class MutualFitter {
  public static final int MIN_DECISIONS = 100;
  public static final int MIN_EACH = 20;
  public static final double LAMBDA = 10.0;

  /**
   * One decision with the values the pair was scored with: the decider's yes rate, the receiver's desirability and
   * the decider's compat for the receiver.
   */
  public record Decision(double deciderRate, double receiverAppeal, double compat, double peers,
      double completeness, double recency, double distance, double mutualInterest, boolean yes) {
    /** The searcher's decision about the candidate, with the values of a match's breakdown. */
    public static Decision forward(java.util.Map<String, Double> breakdown, boolean yes) {
      return of(breakdown, "searcherYesRate", "desirability", "compatForward", "peerForward", yes);
    }

    /** The candidate's decision about the searcher, with the values of the searcher's match's breakdown. */
    public static Decision backward(java.util.Map<String, Double> breakdown, boolean yes) {
      return of(breakdown, "yesRate", "searcherDesirability", "compatBackward", "peerBackward", yes);
    }

    private static Decision of(java.util.Map<String, Double> b, String rate, String appeal, String compat,
        String peers, boolean yes) {
      return new Decision(value(b, rate), value(b, appeal), value(b, compat), value(b, peers),
          value(b, "completeness"), value(b, "recency"), value(b, "distance"), value(b, "mutualInterest"), yes);
    }

    private static double value(java.util.Map<String, Double> b, String name) {
      Double v = b.get(name);
      return v == null ? Double.NaN : v;
    }

    boolean usable() {
      for (double v : new double[] {deciderRate, receiverAppeal, compat, peers, completeness, recency, distance,
          mutualInterest}) {
        if (!Double.isFinite(v)) return false;
      }
      return true;
    }
  }

  private MutualFitter() {}

  /**
   * Both sides fitted where their decisions suffice (defaults for a side where they do not), or empty when
   * neither side could be fitted.
   */
  public static Optional<MutualProbability> fit(List<Decision> forward, List<Decision> backward) {
    MutualProbability defaults = MutualProbability.DEFAULT;
    Optional<MutualProbability.Side> f = fitSide(forward, defaults.forward());
    Optional<MutualProbability.Side> b = fitSide(backward, defaults.backward());
    if (f.isEmpty() && b.isEmpty()) return Optional.empty();
    int decisions = (f.isPresent() ? usable(forward) : 0) + (b.isPresent() ? usable(backward) : 0);
    return Optional.of(new MutualProbability(f.orElse(defaults.forward()), b.orElse(defaults.backward()), "fitted",
        decisions));
  }

  /** True when these decisions are enough to fit a side. */
  public static boolean fits(List<Decision> decisions) {
    List<Decision> rows = decisions.stream().filter(Decision::usable).toList();
    long yes = rows.stream().filter(Decision::yes).count();
    return rows.size() >= MIN_DECISIONS && yes >= MIN_EACH && rows.size() - yes >= MIN_EACH;
  }

  static Optional<MutualProbability.Side> fitSide(List<Decision> decisions, MutualProbability.Side prior) {
    if (!fits(decisions)) return Optional.empty();
    List<Decision> rows = decisions.stream().filter(Decision::usable).toList();
    long yes = rows.stream().filter(Decision::yes).count();
    double[][] z = new double[rows.size()][];
    boolean[] labels = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Decision d = rows.get(i);
      double half = MutualProbability.NEUTRAL;
      z[i] = new double[] {1, MutualProbability.logit(d.deciderRate()), MutualProbability.logit(d.receiverAppeal()),
          d.compat() - half, d.peers(), d.completeness() - half, d.recency() - half, d.distance() - half,
          d.mutualInterest() - half};
      labels[i] = d.yes();
    }
    double baseRate = (yes + 1.0) / (rows.size() + 2.0);
    double[] start = {MutualProbability.logit(baseRate), prior.rate(), prior.appeal(), prior.compat(), prior.peers(),
        0, 0, 0, 0};
    double[] penalty = new double[start.length];
    java.util.Arrays.fill(penalty, 1, penalty.length, LAMBDA);
    double[] beta = PenalizedLogistic.fit(z, labels, start, penalty);
    for (double b : beta) {
      if (!Double.isFinite(b)) return Optional.empty(); // Newton diverged: the defaults are better than nothing
    }
    return Optional.of(new MutualProbability.Side(beta[0], 0, beta[1], beta[2], beta[3], beta[4], beta[5], beta[6],
        beta[7], beta[8]));
  }

  private static int usable(List<Decision> decisions) {
    return (int) decisions.stream().filter(Decision::usable).count();
  }
}
