package io.limbic.analytics.engagement;

import java.util.Optional;

/**
 * Hysteresis on the churn-risk score: a user becomes at risk at a score of {@code atRiskAt} or more and engaged at
 * {@code engagedAt} or less; in between they stay where they were (and an unassessed user stays unassessed). A
 * score that wobbles around one threshold therefore changes nothing, and nothing is published while the level
 * holds.
 */
public record EngagementThresholds(double atRiskAt, double engagedAt) {
  public static final EngagementThresholds DEFAULT = new EngagementThresholds(0.7, 0.35);

  public EngagementThresholds {
    if (!(engagedAt > 0 && engagedAt < atRiskAt && atRiskAt < 1)) {
      throw new IllegalArgumentException(
          "engagement thresholds must satisfy 0 < engaged-at < at-risk-at < 1, got " + engagedAt + " and " + atRiskAt);
    }
  }

  /**
   * The level a user at {@code current} (null: never assessed) moves to with {@code score}; empty when they stay.
   */
  public Optional<EngagementLevel> change(EngagementLevel current, double score) {
    EngagementLevel target = score >= atRiskAt ? EngagementLevel.AT_RISK
        : score <= engagedAt ? EngagementLevel.ENGAGED
        : null;
    return target == null || target == current ? Optional.empty() : Optional.of(target);
  }
}
