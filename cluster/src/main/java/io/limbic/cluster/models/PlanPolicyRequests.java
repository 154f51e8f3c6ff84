package io.limbic.cluster.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.kpi.control.LinearThompsonPlans;
import io.limbic.analytics.kpi.control.RewardEvidence;
import io.limbic.projections.policies.CandidatePlan;
import io.limbic.projections.policies.PlanPolicy;
import io.limbic.protocol.Ids;
import io.limbic.protocol.http.JsonFields;
import io.limbic.protocol.http.Validated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The plan policy API's bodies (README "Choosing among discrete plans"), checked field by field: every refusal is an
 * {@link InvalidModelRequest} (400) naming the field.
 */
public final class PlanPolicyRequests {
  public static final int MIN_PLANS = 2;
  public static final int MAX_PLANS = 50;
  public static final int MAX_FEATURES = 21;
  public static final int MAX_CONTROLS = MAX_FEATURES - 1;
  public static final int MAX_PERIODS = 366;
  public static final double MAX_MAGNITUDE = 1e12;
  public static final double DEFAULT_PRIOR_PRECISION = 0.01;
  public static final double DEFAULT_NOISE_SD = 1.0;

  private PlanPolicyRequests() {}

  /** A reward to record: its idempotency id, the plan it was observed for, and its value. */
  public record Reward(String id, String planId, double reward) {}

  /** {@code PUT /v1/models/policies/{name}}: the definition, with no evidence yet. */
  public static PlanPolicy definition(String name, JsonNode body, Instant now) {
    object(body, "the body");
    only(body, "the body", "plans", "prior", "noise");
    JsonNode plans = body.get("plans");
    if (plans == null || !plans.isArray()) throw invalid("missing_field", "plans must be an array of plans");
    if (plans.size() < MIN_PLANS || plans.size() > MAX_PLANS) {
      throw invalid("too_many_plans", "plans must hold " + MIN_PLANS + " to " + MAX_PLANS + " plans, not "
          + plans.size());
    }
    List<CandidatePlan> candidates = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int k = 0; k < plans.size(); k++) {
      CandidatePlan plan = plan(plans.get(k), "plans[" + k + "]");
      if (!ids.add(plan.id())) throw invalid("duplicate_plan", "plans[" + k + "].id '" + plan.id() + "' is repeated");
      int expected = candidates.isEmpty() ? plan.features().length : candidates.get(0).features().length;
      if (plan.features().length != expected) {
        throw invalid("dimension_mismatch", "plans[" + k + "] has " + plan.features().length + " features where plans[0]"
            + " has " + expected + " (with inputs: 1 + one per control)");
      }
      candidates.add(plan);
    }
    double precision = DEFAULT_PRIOR_PRECISION;
    JsonNode prior = body.get("prior");
    if (present(prior)) {
      object(prior, "prior");
      only(prior, "prior", "precision");
      precision = positive(prior.get("precision"), "prior.precision");
    }
    double noise = present(body.get("noise")) ? positive(body.get("noise"), "noise") : DEFAULT_NOISE_SD;
    int d = candidates.get(0).features().length;
    return new PlanPolicy(name, candidates, precision, noise, RewardEvidence.none(d), 0, now, now);
  }

  private static CandidatePlan plan(JsonNode node, String field) {
    object(node, field);
    only(node, field, "id", "inputs", "features");
    String id = get(JsonFields.requiredId(node, "id"), field + ".");
    boolean hasInputs = present(node.get("inputs"));
    boolean hasFeatures = present(node.get("features"));
    if (hasInputs == hasFeatures) {
      throw invalid("invalid_field", field + " needs exactly one of inputs (rows of control values) or features");
    }
    if (hasFeatures) return new CandidatePlan(id, vector(node.get("features"), field + ".features", MAX_FEATURES), null);
    JsonNode rows = node.get("inputs");
    if (!rows.isArray() || rows.isEmpty() || rows.size() > MAX_PERIODS) {
      throw invalid("invalid_field", field + ".inputs must be 1 to " + MAX_PERIODS + " rows of control values");
    }
    double[][] inputs = new double[rows.size()][];
    for (int r = 0; r < inputs.length; r++) {
      inputs[r] = vector(rows.get(r), field + ".inputs[" + r + "]", MAX_CONTROLS);
      if (inputs[r].length != inputs[0].length) {
        throw invalid("dimension_mismatch", field + ".inputs[" + r + "] needs " + inputs[0].length + " values");
      }
    }
    return new CandidatePlan(id, LinearThompsonPlans.totalsWithIntercept(inputs), inputs);
  }

  /** {@code POST .../choose}: the optional seed (an empty body is {@code {}}). */
  public static OptionalLong seed(JsonNode body) {
    object(body, "the body");
    only(body, "the body", "seed");
    if (!present(body.get("seed"))) return OptionalLong.empty();
    return OptionalLong.of(get(JsonFields.whole(body.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE), ""));
  }

  /** {@code POST .../rewards}. Whether the plan exists is the policy's to say. */
  public static Reward reward(JsonNode body) {
    object(body, "the body");
    only(body, "the body", "id", "planId", "reward");
    String id = get(JsonFields.requiredId(body, "id"), "");
    String planId = get(JsonFields.requiredId(body, "planId"), "");
    double reward = get(JsonFields.finite(body.get("reward"), "reward", -MAX_MAGNITUDE, MAX_MAGNITUDE), "");
    return new Reward(id, planId, reward);
  }

  public static String name(String name) {
    if (!Ids.isValid(name)) throw invalid("invalid_name", "a policy name must be " + Ids.describeRule());
    return name;
  }

  private static double[] vector(JsonNode node, String field, int max) {
    if (!node.isArray() || node.isEmpty() || node.size() > max) {
      throw invalid("invalid_field", field + " must be an array of 1 to " + max + " numbers");
    }
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = get(JsonFields.finite(node.get(i), field + "[" + i + "]", -MAX_MAGNITUDE, MAX_MAGNITUDE), "");
    }
    return values;
  }

  private static double positive(JsonNode node, String field) {
    double v = get(JsonFields.finite(node, field, 0, MAX_MAGNITUDE), "");
    if (v <= 0) throw invalid("invalid_field", field + " must be a positive number");
    return v;
  }

  private static void object(JsonNode node, String what) {
    if (node == null || !node.isObject()) throw invalid("invalid_field", what + " must be a JSON object");
  }

  private static void only(JsonNode obj, String what, String... allowed) {
    Set<String> known = Set.of(allowed);
    for (Iterator<String> names = obj.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw invalid("unknown_field", what + " has an unknown field '" + name + "'; allowed: " + String.join(", ",
            allowed));
      }
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static <T> T get(Validated<T> checked, String prefix) {
    if (checked instanceof Validated.Invalid<T> bad) throw invalid(bad.code(), prefix + bad.message());
    return checked.get();
  }

  private static InvalidModelRequest invalid(String code, String message) {
    return new InvalidModelRequest(code, message);
  }
}
