package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.models.ModelComponents;
import io.limbic.cluster.models.TestModels;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.projections.jobs.JobSubmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The model API over HTTP with a small real family (local level, grid-fitted), an exact Gaussian forecaster and a
 * clamped planner from test sources, on inline data: versions count up per model, simulate and recommend use the
 * latest or the named version, invalid requests are 400 and store nothing, async goes to the job submitter. A node
 * started without model components still serves and answers 501.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ModelApiContract {
  /** "h2" or "postgres". */
  abstract String database();

  static final String KEY = "acme-models-0123456789abcdef";
  static final String MODEL = "{\"type\":\"local_level\",\"states\":1,\"kpis\":[\"sessions\"],"
      + "\"controls\":[\"campaigns\"],\"free\":[\"Q\",\"R\"],\"fixed\":{\"B\":[[2.0]]}}";

  record Submitted(String tenant, String kind, String json) {}

  final List<Submitted> submitted = new ArrayList<>();
  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    JobSubmitter jobs = (tenant, kind, json, key) -> {
      synchronized (submitted) {
        submitted.add(new Submitted(tenant, kind, json));
        return CompletableFuture.completedFuture("job-" + submitted.size());
      }
    };
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY + ":read"), TestModels.components(jobs));
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

  @Test
  void estimatesVersionsSimulatesRecommendsAndLists() throws Exception {
    Reply first = api().post("/v1/models/estimate", estimate("vip", series(1, 60)));
    assertEquals(200, first.status(), first.body().toString());
    assertEquals(1, first.body().get("version").asInt());
    assertEquals("local_level", first.body().get("model").asText());
    assertEquals(60, first.body().get("periods").asInt());
    assertTrue(first.body().get("parameters").get("Q").get(0).get(0).asDouble() > 0);
    assertEquals(2.0, first.body().get("parameters").get("B").get(0).get(0).asDouble());
    assertTrue(first.body().get("logLikelihood").isNumber());
    assertTrue(first.body().get("quality").get("kpis").get("sessions").get("rmse").asDouble() > 0);

    Reply second = api().post("/v1/models/estimate", estimate("vip", series(7, 40)));
    assertEquals(200, second.status(), second.body().toString());
    assertEquals(2, second.body().get("version").asInt());

    Reply latest = api().post("/v1/models/simulate",
        "{\"segment\":\"vip\",\"model\":\"local_level\",\"horizonDays\":7,\"inputs\":[[0],[1]]}");
    assertEquals(200, latest.status(), latest.body().toString());
    assertEquals(2, latest.body().get("version").asInt());
    assertEquals(7, latest.body().get("inputs").size());
    assertEquals(1.0, latest.body().get("inputs").get(6).get(0).asDouble(), "the last row repeats");
    JsonNode sessions = latest.body().get("kpis").get("sessions");
    for (int h = 0; h < 7; h++) {
      double lo95 = sessions.get("lower95").get(h).asDouble();
      double lo50 = sessions.get("lower50").get(h).asDouble();
      double mean = sessions.get("mean").get(h).asDouble();
      assertTrue(lo95 < lo50 && lo50 < mean && mean < sessions.get("upper50").get(h).asDouble()
          && sessions.get("upper50").get(h).asDouble() < sessions.get("upper95").get(h).asDouble());
    }
    assertEquals(2.0, sessions.get("mean").get(2).asDouble() - sessions.get("mean").get(1).asDouble(), 1e-9,
        "an input of 1 on day 1 raises day 2 by B = 2");

    Reply named = api().post("/v1/models/simulate",
        "{\"segment\":\"vip\",\"model\":\"local_level\",\"version\":1,\"horizonDays\":7}");
    assertEquals(200, named.status(), named.body().toString());
    assertEquals(1, named.body().get("version").asInt());
    assertNotEquals(sessions.get("mean").get(0).asDouble(),
        named.body().get("kpis").get("sessions").get("mean").get(0).asDouble());

    Reply missing = api().post("/v1/models/simulate",
        "{\"segment\":\"vip\",\"model\":\"local_level\",\"version\":9,\"horizonDays\":7}");
    assertEquals(404, missing.status());
    assertTrue(missing.contentType().startsWith("application/problem+json"));
    assertEquals(404, api().post("/v1/models/simulate", "{\"segment\":\"vip\",\"horizonDays\":7}").status(),
        "the default model type state_space has no version here");

    Reply plan = api().post("/v1/models/recommend", "{\"segment\":\"vip\",\"model\":\"local_level\","
        + "\"target\":{\"kpi\":\"sessions\"},\"horizonDays\":5,\"constraints\":{\"min\":[0.5],\"max\":[3],"
        + "\"budget\":10}}");
    assertEquals(200, plan.status(), plan.body().toString());
    double spent = 0;
    for (JsonNode day : plan.body().get("plan")) {
      double u = day.get(0).asDouble();
      assertTrue(u >= 0.5 - 1e-9 && u <= 3 + 1e-9, plan.body().toString());
      spent += u;
    }
    assertTrue(spent <= 10 + 1e-9, "the budget holds: " + spent);
    JsonNode predicted = plan.body().get("predicted").get("sessions").get("mean");
    JsonNode baseline = plan.body().get("baseline").get("sessions").get("mean");
    assertTrue(predicted.get(4).asDouble() > baseline.get(4).asDouble());
    assertEquals(2, plan.body().get("version").asInt());

    Reply listed = api().get("/v1/models?segment=vip");
    assertEquals(200, listed.status());
    assertEquals(2, listed.body().get("versions").size());
    assertEquals(2, listed.body().get("versions").get(0).get("version").asInt());
    assertEquals(1, listed.body().get("versions").get(1).get("version").asInt());
    assertEquals(60, listed.body().get("versions").get(1).get("periods").asInt());
  }

  @Test
  void invalidRequestsAre400AndStoreNothing() throws Exception {
    String data = series(3, 20);
    List<String> bodies = List.of(
        estimateWith("{\"type\":\"nope\",\"states\":1,\"kpis\":[\"sessions\"]}", data),
        estimateWith("{\"type\":\"local_level\",\"states\":1,\"kpis\":[\"sessions\"],\"controls\":[\"campaigns\"],"
            + "\"fixed\":{\"A\":[[1,0],[0,1]]}}", data),
        estimateWith("{\"type\":\"local_level\",\"states\":1,\"kpis\":[\"sessions\"],\"controls\":[\"campaigns\"],"
            + "\"free\":[\"Z\"]}", data),
        estimateWith("{\"type\":\"local_level\",\"states\":1,\"kpis\":[\"sessions\"],\"controls\":[\"campaigns\"],"
            + "\"fixed\":{\"Q\":[[1e400]]}}", data),
        estimateWith("{\"type\":\"local_level\",\"states\":21,\"kpis\":[\"sessions\"]}", data),
        "{\"segment\":\"bad\",\"model\":" + MODEL + ",\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}",
        "{\"segment\":\"bad\",\"model\":" + MODEL + ",\"from\":\"2001-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}",
        "{\"segment\":\"bad\",\"model\":" + MODEL + ",\"data\":{\"y\":[[1],[2]],\"u\":[[0]]}}",
        "{\"segment\":\"bad\",\"model\":" + MODEL + ",\"data\":{\"y\":[[1],[\"NaN\"]],\"u\":[[0],[0]]}}",
        "{\"segment\":\"bad\",\"model\":" + MODEL + ",\"data\":" + data + ",\"extra\":1}");
    List<String> codes = List.of("unknown_model_type", "dimension_mismatch", "unknown_parameter", "invalid_field",
        "invalid_field", "invalid_range", "too_many_periods", "dimension_mismatch", "invalid_field", "unknown_field");
    for (int i = 0; i < bodies.size(); i++) {
      Reply reply = api().post("/v1/models/estimate", bodies.get(i));
      assertEquals(400, reply.status(), bodies.get(i) + " -> " + reply.body());
      assertTrue(reply.contentType().startsWith("application/problem+json"));
      assertTrue(reply.body().get("type").asText().endsWith("/" + codes.get(i)), bodies.get(i) + " -> " + reply.body());
    }
    assertEquals(200, api().post("/v1/models/estimate", estimate("bad-base", data)).status());
    List<String> later = List.of(
        "{\"segment\":\"bad-base\",\"model\":\"local_level\",\"horizonDays\":0}",
        "{\"segment\":\"bad-base\",\"model\":\"local_level\",\"horizonDays\":3,\"inputs\":[[1,2]]}",
        "{\"segment\":\"bad-base\",\"model\":\"local_level\",\"horizonDays\":3,\"paths\":10001}",
        "{\"segment\":\"bad-base\",\"model\":\"local_level\",\"target\":{\"kpi\":\"revenue\"},\"horizonDays\":3,"
            + "\"constraints\":{\"min\":[0],\"max\":[1]}}",
        "{\"segment\":\"bad-base\",\"model\":\"local_level\",\"target\":{\"kpi\":\"sessions\"},\"horizonDays\":3,"
            + "\"constraints\":{\"min\":[2],\"max\":[1]}}",
        "{\"segment\":\"bad-base\",\"model\":\"local_level\",\"target\":{\"kpi\":\"sessions\"},\"horizonDays\":3,"
            + "\"constraints\":{\"min\":[1],\"max\":[2],\"budget\":1}}");
    for (int i = 0; i < later.size(); i++) {
      String path = i < 3 ? "/v1/models/simulate" : "/v1/models/recommend";
      Reply reply = api().post(path, later.get(i));
      assertEquals(400, reply.status(), later.get(i) + " -> " + reply.body());
    }
    assertEquals(0, api().get("/v1/models?segment=bad").body().get("versions").size());
    assertEquals(1, api().get("/v1/models?segment=bad-base").body().get("versions").size());
  }

  @Test
  void asyncRequestsAreSubmittedAsJobs() throws Exception {
    assertEquals(200, api().post("/v1/models/estimate", estimate("jobs", series(5, 20))).status());
    String body = "{\"segment\":\"jobs\",\"model\":\"local_level\",\"horizonDays\":3}";
    Reply accepted = api().post("/v1/models/simulate?async=true", body);
    assertEquals(202, accepted.status(), String.valueOf(accepted.body()));
    String id = accepted.body().get("jobId").asText();
    assertEquals("/v1/jobs/" + id, accepted.header("Location"));
    Submitted job;
    synchronized (submitted) {
      job = submitted.get(submitted.size() - 1);
    }
    assertEquals("acme", job.tenant());
    assertEquals("simulate", job.kind());
    assertEquals(body, job.json());
    int before;
    synchronized (submitted) {
      before = submitted.size();
    }
    Reply refused = api().post("/v1/models/simulate?async=true", "{\"segment\":\"jobs\",\"model\":\"local_level\","
        + "\"version\":5,\"horizonDays\":3}");
    assertEquals(404, refused.status(), "a job for a version that does not exist is not queued");
    synchronized (submitted) {
      assertEquals(before, submitted.size());
    }
  }

  @Test
  void oversizeBodiesAre413() throws Exception {
    StringBuilder big = new StringBuilder("{\"segment\":\"big\",\"model\":" + MODEL + ",\"data\":{\"y\":[");
    while (big.length() < 2_200_000) big.append("[1.000000000000001],");
    big.append("[1]]}}");
    Reply reply = api().post("/v1/models/estimate", big.toString());
    assertEquals(413, reply.status());
  }

  @Test
  void aNodeWithoutModelsStartsAndAnswers501() throws Exception {
    TestDatabase other = TestDatabase.h2();
    LimbicNode bare = TestNode.start(other, Map.of("limbic.api-keys", "acme:" + KEY + ":read"),
        ModelComponents.unwired());
    try {
      ApiClient client = new ApiClient(bare.httpPort(), KEY).validating(openApi);
      Reply reply = client.post("/v1/models/estimate", estimate("vip", series(1, 10)));
      assertEquals(501, reply.status(), String.valueOf(reply.body()));
      assertTrue(reply.contentType().startsWith("application/problem+json"));
      assertEquals(501, client.post("/v1/models/simulate", "{\"segment\":\"vip\",\"horizonDays\":3}").status());
      assertEquals(200, client.get("/v1/models").status());
    } finally {
      bare.stop();
    }
  }

  static String estimate(String segment, String data) {
    return "{\"segment\":\"" + segment + "\",\"model\":" + MODEL + ",\"data\":" + data + "}";
  }

  static String estimateWith(String model, String data) {
    return "{\"segment\":\"bad\",\"model\":" + model + ",\"data\":" + data + "}";
  }

  /** A local level with noise, driven by an input of 1 every seventh day (B = 2), one missing day. */
  static String series(long seed, int days) {
    Random random = new Random(seed);
    StringBuilder y = new StringBuilder();
    StringBuilder u = new StringBuilder();
    double level = 100 + seed;
    for (int t = 0; t < days; t++) {
      double input = t % 7 == 0 ? 1 : 0;
      String observed = t == days / 2 ? "null" : Double.toString(level + random.nextGaussian() * 3);
      y.append(t == 0 ? "" : ",").append('[').append(observed).append(']');
      u.append(t == 0 ? "" : ",").append('[').append(input).append(']');
      level += 2 * input + random.nextGaussian();
    }
    return "{\"y\":[" + y + "],\"u\":[" + u + "]}";
  }
}
