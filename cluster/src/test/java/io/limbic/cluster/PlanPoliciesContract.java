package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Plan policies over HTTP: three plans (two given by control inputs, one by features), rewards in which plan
 * {@code more-b} is clearly best, seeded choices, idempotent reward ids, refused requests that change nothing, and a
 * node restart that keeps the posterior.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlanPoliciesContract {
  /** "h2" or "postgres". */
  abstract String database();

  static final String KEY = "acme-planpolicy-0123456789ab";
  static final String READER = "acme-planreader-0123456789ab";
  static final String PLANS = "{\"plans\":[{\"id\":\"more-a\",\"inputs\":[[1,0],[0,0]]},"
      + "{\"id\":\"more-b\",\"inputs\":[[0,1]]},{\"id\":\"none\",\"features\":[1,0,0]}],\"noise\":1}";
  static final Map<String, Double> MEANS = Map.of("more-a", 2.0, "more-b", 10.0, "none", 5.0);

  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = start();
  }

  private LimbicNode start() throws Exception {
    return TestNode.start(db, Map.of("limbic.api-keys",
        "acme:" + KEY + ":ingest+read+admin,acme:" + READER + ":read"));
  }

  /** Every response these tests receive is checked against openapi.json. */
  final ContractViolations openApi = new ContractViolations();

  @AfterEach
  void responsesMatchTheOpenApiDescription() {
    openApi.assertNone();
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  ApiClient api() {
    return new ApiClient(node.httpPort(), KEY).validating(openApi);
  }

  private void defineAndReward(String name) throws Exception {
    Reply defined = api().put("/v1/models/policies/" + name, PLANS);
    assertEquals(201, defined.status(), defined.raw().body());
    assertEquals("created", defined.body().get("outcome").asText());
    assertEquals(3, defined.body().get("plans").size());
    // Inputs become 1 followed by each control's total over the plan's periods.
    assertEquals("[1.0,1.0,0.0]", defined.body().get("plans").get(0).get("features").toString());
    for (String plan : MEANS.keySet()) {
      for (int i = 0; i < 8; i++) {
        double reward = MEANS.get(plan) + (i % 2 == 0 ? 0.5 : -0.5);
        Reply sent = api().post("/v1/models/policies/" + name + "/rewards",
            "{\"planId\":\"" + plan + "\",\"reward\":" + reward + ",\"id\":\"" + plan + "-" + i + "\"}");
        assertEquals(200, sent.status(), sent.raw().body());
        assertTrue(sent.body().get("recorded").asBoolean(), sent.body().toString());
      }
    }
  }

  @Test
  void theClearlyBestPlanIsChosenMostOftenWithAnIntervalThatExcludesTheOthers() throws Exception {
    defineAndReward("weekly");
    Map<String, Integer> counts = new HashMap<>();
    JsonNode last = null;
    for (long seed = 1; seed <= 40; seed++) {
      Reply chosen = api().post("/v1/models/policies/weekly/choose", "{\"seed\":" + seed + "}");
      assertEquals(200, chosen.status(), chosen.raw().body());
      last = chosen.body();
      counts.merge(last.get("chosen").asText(), 1, Integer::sum);
      assertEquals(seed, last.get("seed").asLong());
    }
    assertTrue(counts.getOrDefault("more-b", 0) >= 36, counts.toString());
    Reply again = api().post("/v1/models/policies/weekly/choose", "{\"seed\":40}");
    assertEquals(last, again.body(), "the same seed draws the same");
    Reply unseeded = api().send("POST", "/v1/models/policies/weekly/choose", null);
    assertEquals(200, unseeded.status(), unseeded.raw().body());
    assertTrue(unseeded.body().has("seed"), unseeded.body().toString());

    JsonNode best = null;
    for (JsonNode plan : last.get("plans")) {
      assertEquals(8, plan.get("observations").asInt(), plan.toString());
      assertTrue(plan.get("lower95").asDouble() < MEANS.get(plan.get("id").asText())
          && MEANS.get(plan.get("id").asText()) < plan.get("upper95").asDouble(), plan.toString());
      if (plan.get("id").asText().equals("more-b")) best = plan;
    }
    for (JsonNode plan : last.get("plans")) {
      if (plan == best) continue;
      assertTrue(best.get("lower95").asDouble() > plan.get("upper95").asDouble(), last.toString());
    }
  }

  @Test
  void repeatedRewardIdsCountOnceAndRefusedRequestsChangeNothing() throws Exception {
    defineAndReward("daily");
    String path = "/v1/models/policies/daily";
    JsonNode before = api().get(path).body();
    assertEquals(24, before.get("observations").asInt(), before.toString());

    Reply repeated = api().post(path + "/rewards", "{\"planId\":\"none\",\"reward\":5.5,\"id\":\"none-0\"}");
    assertEquals(200, repeated.status(), repeated.raw().body());
    assertFalse(repeated.body().get("recorded").asBoolean(), repeated.body().toString());
    problem(api().post(path + "/rewards", "{\"planId\":\"none\",\"reward\":7,\"id\":\"none-0\"}"), 409, "reward_conflict");
    problem(api().post(path + "/rewards", "{\"planId\":\"more-c\",\"reward\":1,\"id\":\"x-1\"}"), 400, "unknown_plan");
    problem(api().post(path + "/rewards", "{\"planId\":\"none\",\"reward\":1e400,\"id\":\"x-2\"}"), 400, "invalid_field");
    problem(api().post(path + "/rewards", "{\"planId\":\"none\",\"id\":\"x-3\"}"), 400, "missing_field");
    problem(api().put(path, "{\"plans\":[{\"id\":\"a\",\"features\":[1,2]},{\"id\":\"b\",\"features\":[1]}]}"),
        400, "dimension_mismatch");
    problem(api().put(path, "{\"plans\":[{\"id\":\"a\",\"features\":[1,1e999]},{\"id\":\"b\",\"features\":[1,0]}]}"),
        400, "invalid_field");
    StringBuilder many = new StringBuilder("{\"plans\":[");
    for (int k = 0; k < 51; k++) many.append(k == 0 ? "" : ",").append("{\"id\":\"p").append(k)
        .append("\",\"features\":[1,").append(k).append("]}");
    problem(api().put(path, many.append("]}").toString()), 400, "too_many_plans");
    problem(api().put(path, PLANS.replace("\"noise\":1", "\"noise\":0")), 400, "invalid_field");
    problem(api().post(path + "/choose", "{\"seed\":1.5}"), 400, "invalid_field");
    problem(new ApiClient(node.httpPort(), READER).validating(openApi).put(path, PLANS), 403,
        "role_required");
    problem(new ApiClient(node.httpPort(), READER).validating(openApi).post(path + "/rewards",
        "{\"planId\":\"none\",\"reward\":1,\"id\":\"x-4\"}"), 403, "role_required");
    assertEquals(before, api().get(path).body());

    Reply same = api().put(path, PLANS);
    assertEquals(200, same.status(), same.raw().body());
    assertEquals("unchanged", same.body().get("outcome").asText());
    assertEquals(before, api().get(path).body());

    problem(api().get("/v1/models/policies/nothing"), 404, "not_found");
    problem(api().post("/v1/models/policies/nothing/choose", "{}"), 404, "not_found");
    problem(api().post("/v1/models/policies/nothing/rewards", "{\"planId\":\"a\",\"reward\":1,\"id\":\"r\"}"),
        404, "not_found");
  }

  @Test
  void aRestartedNodeKeepsThePosterior() throws Exception {
    defineAndReward("restarted");
    JsonNode before = api().get("/v1/models/policies/restarted").body();
    node.stop();
    node = start();
    Reply after = api().get("/v1/models/policies/restarted");
    assertEquals(200, after.status(), after.raw().body());
    assertEquals(before, after.body());
    Reply next = api().post("/v1/models/policies/restarted/rewards",
        "{\"planId\":\"more-b\",\"reward\":10,\"id\":\"after-restart\"}");
    assertEquals(25, next.body().get("observations").asInt(), next.body().toString());
  }

  private static void problem(Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.raw().body());
    assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    assertTrue(reply.body().get("type").asText().endsWith(code), reply.raw().body());
  }
}
