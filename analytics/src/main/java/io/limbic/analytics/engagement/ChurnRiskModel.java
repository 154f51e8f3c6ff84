package io.limbic.analytics.engagement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An explainable churn-risk score for one user: a logistic combination of eight terms with stated weights,
 * {@code score = 1 / (1 + exp(-(baseline + sum of weight_i * x_i)))}, where
 *
 * <ul>
 *   <li>{@code absence} = log2(absence / typical gap), 0 unless the user has been away longer than is typical for
 *       them: each doubling beyond their own typical gap adds its weight;
 *   <li>{@code slowdown} = log2(last gap / typical gap), 0 unless their latest return came after a longer gap than
 *       usual;
 *   <li>{@code activity}, {@code frustration}, {@code contentment}, {@code losses}, {@code wins} = ln(1 + n), n the
 *       active periods started, {@code rage}/{@code frustration} and {@code engagement}/{@code calm} states,
 *       {@code churn}/{@code refund} and {@code purchase}/{@code renewal} product events within the window.
 * </ul>
 *
 * The typical gap is the median of the user's latest gaps between active periods once {@code minGaps} are known,
 * and {@code typicalGapPrior} before. Weights of risk factors are at least 0, those of protective factors
 * ({@code activity}, {@code contentment}, {@code wins}) at most 0, so each factor moves the score one documented
 * way whatever the data.
 *
 * <p>The weights are set by judgement, not fitted: the score orders users and drives thresholds, it is not a
 * calibrated probability of churn. Calibrating it needs labelled outcomes (users later known to have churned or
 * stayed, over a stated horizon), a fit of the weights on part of them (logistic regression keeps this form), and a
 * reliability curve on the rest.
 */
public record ChurnRiskModel(Weights weights, Duration window, Duration typicalGapPrior, int minGaps) {

  /** Signed weights: positive ones push towards risk, negative ones towards engagement. */
  public record Weights(
      double baseline, double absence, double slowdown, double activity, double frustration, double contentment,
      double losses, double wins) {
    public Weights {
      if (absence < 0 || slowdown < 0 || frustration < 0 || losses < 0) {
        throw new IllegalArgumentException("risk weights (absence, slowdown, frustration, losses) must be >= 0");
      }
      if (activity > 0 || contentment > 0 || wins > 0) {
        throw new IllegalArgumentException("protective weights (activity, contentment, wins) must be <= 0");
      }
    }
  }

  public static final Weights DEFAULT_WEIGHTS = new Weights(0.0, 1.0, 0.5, -0.4, 0.8, -0.5, 2.0, -1.0);
  public static final ChurnRiskModel DEFAULT =
      new ChurnRiskModel(DEFAULT_WEIGHTS, Duration.ofDays(30), Duration.ofDays(1), 3);

  // A typical gap is never taken as shorter than this, so a burst of short gaps cannot make any absence huge.
  private static final long MIN_TYPICAL_GAP_MS = Duration.ofMinutes(1).toMillis();

  public ChurnRiskModel {
    if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
    if (typicalGapPrior.toMillis() < MIN_TYPICAL_GAP_MS) {
      throw new IllegalArgumentException("typical gap prior must be at least 1 minute");
    }
    if (minGaps < 1) throw new IllegalArgumentException("minGaps must be positive");
  }

  /** The score at {@code now} of a user with {@code facts} whose last activity was {@code lastActiveAt}. */
  public ChurnRiskAssessment assess(EngagementFacts facts, Instant lastActiveAt, Instant now) {
    long nowMs = now.toEpochMilli();
    long from = nowMs - window.toMillis();
    boolean prior = facts.gaps().size() < minGaps;
    long typical = prior ? typicalGapPrior.toMillis() : Math.max(MIN_TYPICAL_GAP_MS, (long) facts.gaps().median());
    long absence = lastActiveAt == null ? 0 : Math.max(0, nowMs - lastActiveAt.toEpochMilli());
    long lastGap = facts.gaps().size() == 0 ? 0 : facts.gaps().last();
    int periods = facts.periodStarts().countSince(from);
    int frustrations = facts.frustrations().countSince(from);
    int contentments = facts.contentments().countSince(from);
    int losses = facts.losses().countSince(from);
    int wins = facts.wins().countSince(from);

    List<RiskReason> reasons = List.of(
        reason("baseline", 1, weights.baseline()),
        reason("absence", doublings(absence, typical), weights.absence()),
        reason("slowdown", doublings(lastGap, typical), weights.slowdown()),
        reason("activity", Math.log1p(periods), weights.activity()),
        reason("frustration", Math.log1p(frustrations), weights.frustration()),
        reason("contentment", Math.log1p(contentments), weights.contentment()),
        reason("losses", Math.log1p(losses), weights.losses()),
        reason("wins", Math.log1p(wins), weights.wins()));
    double logOdds = reasons.stream().mapToDouble(RiskReason::contribution).sum();
    AssessmentBasis basis = new AssessmentBasis(
        facts.activePeriods(), periods, lastActiveAt, Duration.ofMillis(absence), Duration.ofMillis(lastGap),
        Duration.ofMillis(typical), facts.gaps().size(), prior, frustrations, contentments, losses, wins, window, now);
    return new ChurnRiskAssessment(1 / (1 + Math.exp(-logOdds)), logOdds, reasons, basis);
  }

  /** log2(gap / typical) when the gap is longer than typical, else 0. */
  private static double doublings(long gap, long typical) {
    return gap > typical ? Math.log((double) gap / typical) / Math.log(2) : 0;
  }

  private static RiskReason reason(String factor, double value, double weight) {
    return new RiskReason(factor, value, weight, weight * value);
  }
}
