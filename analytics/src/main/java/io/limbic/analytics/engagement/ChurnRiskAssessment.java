package io.limbic.analytics.engagement;

import java.util.List;

/**
 * A churn-risk score in [0, 1], the reasons behind it and the data it rests on. The score ranks users by how far
 * their own history has moved towards leaving; it is not a probability (see {@link ChurnRiskModel}).
 *
 * @param logOdds the sum of the reasons' contributions; {@code score = 1 / (1 + exp(-logOdds))}
 */
public record ChurnRiskAssessment(double score, double logOdds, List<RiskReason> reasons, AssessmentBasis basis) {
  public ChurnRiskAssessment {
    reasons = List.copyOf(reasons);
  }
}
