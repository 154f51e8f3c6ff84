package io.limbic.analytics.matching.scoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a reciprocal score is put together. By default ({@link #DEFAULT}) the reciprocal part is the estimate of
 * P(mutual) of {@link MutualProbability}; with no {@code mutual} model it is the older harmonic-mean formula:
 *
 * <pre>
 *   forward    = (1 - r) * compat(searcher, candidate) + r * desirability(candidate)
 *   backward   = (1 - g) * compat(candidate, searcher) + g * yesRate(candidate)
 *     with r = historyShare * received / (received + 4), g = historyShare * given / (given + 4), the candidate's
 *     decisions received and given ({@link CandidateHistory}): without history the views are the compats alone
 *   reciprocal = harmonic mean of forward and backward
 * </pre>
 *
 * Then, unless a tenant's fitted P(mutual) carries the context in its sides ({@link MutualProbability#contextInSides}):
 *
 * <pre>
 *   context    = (completeness*c + recency*r + distance*d + mutualInterest*m) / (c + r + d + m)
 *   score      = reciprocal * ((1 - contextShare) + contextShare * context)
 * </pre>
 *
 * The context multiplies rather than adds because a match is only good if each wants the other: a complete,
 * active, nearby profile must not rescue a one-sided match. Every component lies in [0, 1], so the score does too.
 *
 * @param contextShare how far context can lower a score (default 0.4: at worst a score keeps 60 %)
 * @param completeness weight of the candidate's profile completeness (default 0.25)
 * @param recency weight of recent activity, 2^(-idle / recencyHalfLife) (default 0.25): absent people don't reply
 * @param distance weight of nearness, 1 - km / maxDistanceKm (default 0.3)
 * @param mutualInterest weight of interest already shown between the two, either way (default 0.2)
 * @param maxDistanceKm candidates farther away are excluded outright (default 100 km)
 * @param recencyHalfLife idle time that halves the recency component (default 7 days)
 * @param historyShare the harmonic-mean formula only: how far each side's view rests on the candidate's history
 *     rather than on learned taste (default 0.5)
 * @param mutual the P(mutual) model ({@link MutualProbability#DEFAULT}, or a tenant's fitted one); null for the
 *     harmonic-mean formula
 */
public record MatchWeights(
    double contextShare,
    double completeness,
    double recency,
    double distance,
    double mutualInterest,
    double maxDistanceKm,
    Duration recencyHalfLife,
    double historyShare,
    MutualProbability mutual) {

  public static final double DEFAULT_HISTORY_SHARE = 0.5;
  public static final MatchWeights DEFAULT = new MatchWeights(0.4, 0.25, 0.25, 0.3, 0.2, 100, Duration.ofDays(7),
      DEFAULT_HISTORY_SHARE, MutualProbability.DEFAULT);

  /** Weights with the harmonic-mean formula (no P(mutual) model). */
  public MatchWeights(double contextShare, double completeness, double recency, double distance,
      double mutualInterest, double maxDistanceKm, Duration recencyHalfLife) {
    this(contextShare, completeness, recency, distance, mutualInterest, maxDistanceKm, recencyHalfLife,
        DEFAULT_HISTORY_SHARE, null);
  }

  /** These weights ranking by this estimate of P(mutual) (null: the harmonic-mean formula). */
  public MatchWeights withMutual(MutualProbability model) {
    return new MatchWeights(contextShare, completeness, recency, distance, mutualInterest, maxDistanceKm,
        recencyHalfLife, historyShare, model);
  }

  public MatchWeights withMaxDistanceKm(double km) {
    return new MatchWeights(contextShare, completeness, recency, distance, mutualInterest, km, recencyHalfLife,
        historyShare, mutual);
  }

  public MatchWeights withHistoryShare(double share) {
    return new MatchWeights(contextShare, completeness, recency, distance, mutualInterest, maxDistanceKm,
        recencyHalfLife, share, mutual);
  }

  public double contextWeightSum() {
    return completeness + recency + distance + mutualInterest;
  }

  /** Problems with these weights, empty when they may be used. */
  public List<String> validate() {
    List<String> errors = new ArrayList<>();
    if (!(contextShare >= 0 && contextShare <= 1)) errors.add("contextShare must be in [0, 1]");
    if (!(historyShare >= 0 && historyShare <= 1)) errors.add("historyShare must be in [0, 1]");
    for (double w : new double[] {completeness, recency, distance, mutualInterest}) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        errors.add("context weights must be finite and >= 0");
        break;
      }
    }
    if (contextShare > 0 && !(contextWeightSum() > 0)) {
      errors.add("at least one context weight must be > 0 when contextShare > 0");
    }
    if (!(maxDistanceKm > 0) || Double.isInfinite(maxDistanceKm)) errors.add("maxDistanceKm must be finite and > 0");
    if (mutual != null && !mutual.valid()) errors.add("mutual coefficients must be finite");
    if (recencyHalfLife == null || recencyHalfLife.isZero() || recencyHalfLife.isNegative()) {
      errors.add("recencyHalfLife must be positive");
    }
    return List.copyOf(errors);
  }

  public MatchWeights requireValid() {
    List<String> errors = validate();
    if (!errors.isEmpty()) throw new IllegalArgumentException(String.join("; ", errors));
    return this;
  }
}
