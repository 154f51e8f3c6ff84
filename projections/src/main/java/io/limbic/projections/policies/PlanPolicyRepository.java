package io.limbic.projections.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.kpi.control.RewardEvidence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plan policies per tenant (table {@code plan_policies}) and the rewards recorded for them, once per reward id
 * ({@code plan_policy_rewards}). The policy row keeps X'X and X'y of all its rewards as JSON doubles (which
 * round-trip exactly), updated in the transaction that stores the reward, under a lock on the row. Blocking.
 */
public final class PlanPolicyRepository {
  /** What a definition did. */
  public enum Defined { CREATED, REPLACED, UNCHANGED }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String COLUMNS =
      "name, plans_json, prior_precision, noise_sd, evidence_json, observations, defined_at, updated_at";

  private final DataSource dataSource;

  public PlanPolicyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores {@code policy}'s definition (its evidence is ignored). The same definition again changes nothing; another
   * one replaces the policy and forgets its rewards, whose features it no longer describes.
   */
  public Defined define(String tenant, PlanPolicy policy, Instant at) throws SQLException {
    try {
      return tryDefine(tenant, policy, at);
    } catch (SQLException e) {
      // Two first definitions at once: the loser's insert breaks the key; the retry sees the winner's row.
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) throw e;
      return tryDefine(tenant, policy, at);
    }
  }

  private Defined tryDefine(String tenant, PlanPolicy policy, Instant at) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        Optional<PlanPolicy> existing = locked(c, tenant, policy.name());
        Defined outcome;
        if (existing.isPresent() && sameDefinition(existing.get(), policy)) {
          outcome = Defined.UNCHANGED;
        } else {
          if (existing.isPresent()) {
            update(c, "DELETE FROM plan_policy_rewards WHERE tenant = ? AND name = ?", tenant, policy.name());
            update(c, "DELETE FROM plan_policies WHERE tenant = ? AND name = ?", tenant, policy.name());
          }
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_policies (tenant, " + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, policy.name());
            ps.setString(3, plansJson(policy.plans()));
            ps.setDouble(4, policy.priorPrecision());
            ps.setDouble(5, policy.noiseSd());
            ps.setString(6, evidenceJson(RewardEvidence.none(policy.plans().get(0).features().length)));
            ps.setLong(7, 0);
            ps.setObject(8, at.atOffset(ZoneOffset.UTC));
            ps.setObject(9, at.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
          }
          outcome = existing.isPresent() ? Defined.REPLACED : Defined.CREATED;
        }
        c.commit();
        return outcome;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static boolean sameDefinition(PlanPolicy a, PlanPolicy b) {
    return plansJson(a.plans()).equals(plansJson(b.plans())) && a.priorPrecision() == b.priorPrecision()
        && a.noiseSd() == b.noiseSd();
  }

  public Optional<PlanPolicy> find(String tenant, String name) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT " + COLUMNS + " FROM plan_policies WHERE tenant = ? AND name = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        Optional<PlanPolicy> out = rs.next() ? Optional.of(policy(rs)) : Optional.empty();
        c.rollback();
        return out;
      }
    }
  }

  /** The rewards recorded per plan id (plans without any are absent). */
  public Map<String, PlanTally> tallies(String tenant, String name) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT plan_id, COUNT(*), AVG(reward) FROM plan_policy_rewards "
            + "WHERE tenant = ? AND name = ? GROUP BY plan_id")) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      Map<String, PlanTally> out = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), new PlanTally(rs.getLong(2), rs.getDouble(3)));
      }
      c.rollback();
      return out;
    }
  }

  /** Records {@code reward} for {@code planId} under {@code rewardId}, once: a repeated id changes nothing. */
  public RewardOutcome record(String tenant, String name, String rewardId, String planId, double reward, Instant at)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        RewardOutcome outcome = recordIn(c, tenant, name, rewardId, planId, reward, at);
        c.commit();
        return outcome;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static RewardOutcome recordIn(Connection c, String tenant, String name, String rewardId, String planId,
      double reward, Instant at) throws SQLException {
    Optional<PlanPolicy> found = locked(c, tenant, name);
    if (found.isEmpty()) return new RewardOutcome(RewardOutcome.Status.UNKNOWN_POLICY, null);
    PlanPolicy policy = found.get();
    try (PreparedStatement ps = c.prepareStatement("SELECT plan_id, reward FROM plan_policy_rewards "
        + "WHERE tenant = ? AND name = ? AND reward_id = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      ps.setString(3, rewardId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          boolean same = rs.getString(1).equals(planId) && rs.getDouble(2) == reward;
          return new RewardOutcome(same ? RewardOutcome.Status.DUPLICATE : RewardOutcome.Status.CONFLICT, policy);
        }
      }
    }
    int plan = policy.indexOf(planId);
    if (plan < 0) return new RewardOutcome(RewardOutcome.Status.UNKNOWN_PLAN, policy);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_policy_rewards (tenant, name, reward_id, "
        + "plan_id, reward, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      ps.setString(3, rewardId);
      ps.setString(4, planId);
      ps.setDouble(5, reward);
      ps.setObject(6, at.atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
    }
    RewardEvidence evidence = policy.evidence().with(policy.plans().get(plan).features(), reward);
    try (PreparedStatement ps = c.prepareStatement("UPDATE plan_policies SET evidence_json = ?, "
        + "observations = observations + 1, updated_at = ? WHERE tenant = ? AND name = ?")) {
      ps.setString(1, evidenceJson(evidence));
      ps.setObject(2, at.atOffset(ZoneOffset.UTC));
      ps.setString(3, tenant);
      ps.setString(4, name);
      ps.executeUpdate();
    }
    PlanPolicy after = new PlanPolicy(policy.name(), policy.plans(), policy.priorPrecision(), policy.noiseSd(),
        evidence, policy.observations() + 1, policy.definedAt(), at);
    return new RewardOutcome(RewardOutcome.Status.RECORDED, after);
  }

  private static Optional<PlanPolicy> locked(Connection c, String tenant, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM plan_policies WHERE tenant = ? AND name = ? FOR UPDATE")) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(policy(rs)) : Optional.empty();
      }
    }
  }

  private static void update(Connection c, String sql, String tenant, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  private static PlanPolicy policy(ResultSet rs) throws SQLException {
    return new PlanPolicy(rs.getString(1), plans(rs.getString(2)), rs.getDouble(3), rs.getDouble(4),
        evidence(rs.getString(5)), rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
        rs.getObject(8, OffsetDateTime.class).toInstant());
  }

  static String plansJson(List<CandidatePlan> plans) {
    ArrayNode array = MAPPER.createArrayNode();
    for (CandidatePlan plan : plans) {
      ObjectNode node = array.addObject();
      node.put("id", plan.id());
      vector(node.putArray("features"), plan.features());
      if (plan.inputs() != null) {
        ArrayNode rows = node.putArray("inputs");
        for (double[] row : plan.inputs()) vector(rows.addArray(), row);
      }
    }
    return array.toString();
  }

  private static List<CandidatePlan> plans(String json) {
    List<CandidatePlan> out = new ArrayList<>();
    for (JsonNode node : read(json)) {
      double[][] inputs = null;
      if (node.has("inputs")) {
        inputs = new double[node.get("inputs").size()][];
        for (int r = 0; r < inputs.length; r++) inputs[r] = vector(node.get("inputs").get(r));
      }
      out.add(new CandidatePlan(node.get("id").asText(), vector(node.get("features")), inputs));
    }
    return out;
  }

  static String evidenceJson(RewardEvidence evidence) {
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode xtx = node.putArray("xtx");
    for (double[] row : evidence.xtx()) vector(xtx.addArray(), row);
    vector(node.putArray("xty"), evidence.xty());
    return node.toString();
  }

  private static RewardEvidence evidence(String json) {
    JsonNode node = read(json);
    double[][] xtx = new double[node.get("xtx").size()][];
    for (int i = 0; i < xtx.length; i++) xtx[i] = vector(node.get("xtx").get(i));
    return new RewardEvidence(xtx, vector(node.get("xty")));
  }

  private static void vector(ArrayNode array, double[] values) {
    for (double v : values) array.add(v);
  }

  private static double[] vector(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) out[i] = array.get(i).doubleValue();
    return out;
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored plan policy is not valid JSON", e);
    }
  }
}
