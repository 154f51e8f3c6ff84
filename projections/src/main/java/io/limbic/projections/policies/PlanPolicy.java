package io.limbic.projections.policies;

import io.limbic.analytics.kpi.control.LinearThompsonPlans;
import io.limbic.analytics.kpi.control.RewardEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * A tenant's stored choice among discrete plans: the candidates, the Gaussian prior (theta ~ N(0, I / precision)),
 * the known reward noise (its standard deviation), and the evidence of every reward recorded so far.
 */
public record PlanPolicy(String name, List<CandidatePlan> plans, double priorPrecision, double noiseSd,
    RewardEvidence evidence, long observations, Instant definedAt, Instant updatedAt) {

  public PlanPolicy {
    plans = List.copyOf(plans);
  }

  public double[][] features() {
    return plans.stream().map(CandidatePlan::features).toArray(double[][]::new);
  }

  /** The plan's index, or -1 when the policy has no plan of that id. */
  public int indexOf(String planId) {
    for (int k = 0; k < plans.size(); k++) if (plans.get(k).id().equals(planId)) return k;
    return -1;
  }

  /** The posterior given the stored evidence, drawing with {@code random}. */
  public LinearThompsonPlans posterior(Random random) {
    return new LinearThompsonPlans(features(), priorPrecision, noiseSd * noiseSd, evidence, random);
  }
}
