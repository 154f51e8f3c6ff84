package io.limbic.cluster.models;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.kpi.control.LinearThompsonPlans;
import io.limbic.analytics.kpi.control.PlanEstimate;
import io.limbic.analytics.kpi.control.RewardEvidence;
import io.limbic.cluster.http.Json;
import io.limbic.projections.policies.CandidatePlan;
import io.limbic.projections.policies.PlanPolicy;
import io.limbic.projections.policies.PlanTally;
import java.util.Map;
import java.util.Random;

/** The plan policy API's answers: every choice comes with each plan's posterior mean reward and 95 % interval. */
public final class PlanPolicyJson {
  public static final String METHOD = "linear_thompson_sampling";

  private PlanPolicyJson() {}

  /** {@code GET}: the definition, the recorded rewards per plan, the posterior and its sufficient statistics. */
  public static ObjectNode shown(PlanPolicy policy, Map<String, PlanTally> tallies) {
    LinearThompsonPlans posterior = policy.posterior(new Random(0));
    PlanEstimate[] estimates = posterior.estimates();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("name", policy.name());
    out.put("method", METHOD);
    out.putObject("prior").put("precision", policy.priorPrecision());
    out.put("noise", policy.noiseSd());
    out.put("observations", policy.observations());
    out.put("definedAt", policy.definedAt().toString());
    out.put("updatedAt", policy.updatedAt().toString());
    ArrayNode plans = out.putArray("plans");
    for (int k = 0; k < policy.plans().size(); k++) {
      CandidatePlan plan = policy.plans().get(k);
      ObjectNode node = plans.addObject();
      node.put("id", plan.id());
      vector(node.putArray("features"), plan.features());
      if (plan.inputs() != null) matrix(node.putArray("inputs"), plan.inputs());
      PlanTally tally = tallies.getOrDefault(plan.id(), PlanTally.NONE);
      node.put("observations", tally.observations());
      number(node, "meanObservedReward", tally.meanReward());
      node.set("posterior", estimate(estimates[k]));
    }
    ObjectNode theta = out.putObject("posterior");
    vector(theta.putArray("mean"), posterior.posteriorMean());
    matrix(theta.putArray("covariance"), posterior.posteriorCovariance());
    RewardEvidence evidence = policy.evidence();
    ObjectNode stats = out.putObject("evidence");
    matrix(stats.putArray("xtx"), evidence.xtx());
    vector(stats.putArray("xty"), evidence.xty());
    return out;
  }

  /** {@code POST .../choose}: one posterior draw, the plan it picks, and the evidence behind every plan. */
  public static ObjectNode chosen(PlanPolicy policy, Map<String, PlanTally> tallies, long seed) {
    LinearThompsonPlans posterior = policy.posterior(new Random(seed));
    PlanEstimate[] estimates = posterior.estimates();
    LinearThompsonPlans.Draw draw = posterior.draw();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("policy", policy.name());
    out.put("chosen", policy.plans().get(draw.chosen()).id());
    out.put("seed", seed);
    out.put("method", METHOD);
    out.put("observations", policy.observations());
    ArrayNode plans = out.putArray("plans");
    for (int k = 0; k < policy.plans().size(); k++) {
      ObjectNode node = plans.addObject();
      node.put("id", policy.plans().get(k).id());
      node.put("sampledReward", draw.sampled()[k]);
      node.setAll(estimate(estimates[k]));
      node.put("observations", tallies.getOrDefault(policy.plans().get(k).id(), PlanTally.NONE).observations());
    }
    return out;
  }

  /** {@code POST .../rewards}: what was recorded and the plan's posterior afterwards. */
  public static ObjectNode rewarded(PlanPolicy policy, PlanPolicyRequests.Reward reward, boolean recorded) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("policy", policy.name());
    out.put("id", reward.id());
    out.put("planId", reward.planId());
    out.put("reward", reward.reward());
    out.put("recorded", recorded);
    out.put("observations", policy.observations());
    out.set("posterior", estimate(policy.posterior(new Random(0)).estimates()[policy.indexOf(reward.planId())]));
    return out;
  }

  private static ObjectNode estimate(PlanEstimate e) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("mean", e.mean());
    node.put("sd", e.sd());
    node.put("lower95", e.lower95());
    node.put("upper95", e.upper95());
    return node;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) node.put(field, value);
    else node.putNull(field);
  }

  private static void vector(ArrayNode array, double[] values) {
    for (double v : values) array.add(v);
  }

  private static void matrix(ArrayNode array, double[][] rows) {
    for (double[] row : rows) vector(array.addArray(), row);
  }
}
