package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The KPI models as a node ships them, end to end over HTTP: 59 days of purchases (a weekly pattern, 30 more on the
 * day after each campaign) reach the KPI read model; the state-space family fits revenue with campaigns as the
 * control, the forecaster simulates it, the planner spends a campaign budget, and the same fit runs as a job
 * (202, then the job's result), as does a backtest whose run is then listed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KpiModelsContract {
  /** "h2" or "postgres". */
  abstract String database();

  static final String KEY = "acme-kpimodels-0123456789ab";
  static final Duration WAIT = Duration.ofSeconds(90);
  static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
  static final int DAYS = 59;
  static final String MODEL = "{\"type\":\"state_space\",\"states\":1,\"kpis\":[\"revenue\"],"
      + "\"controls\":[\"campaign_sent\"]}";
  static final String RANGE = "\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-03-01T00:00:00Z\"";

  TestDatabase db;
  LimbicNode node;
  double total;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY + ":ingest+read+admin",
        "limbic.http.ask-timeout", "15s", "limbic.jobs.poll", "200ms"));
    List<String> events = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      Instant day = FIRST.plus(Duration.ofDays(d)).plus(Duration.ofHours(12));
      double amount = 100 + 5 * (d % 7) + (d % 5 == 1 ? 30 : 0);
      total += amount;
      events.add("{\"userId\":\"u" + (d % 4) + "\",\"type\":\"purchase\",\"amount\":" + amount
          + ",\"currency\":\"USD\",\"id\":\"p" + d + "\",\"at\":\"" + day + "\"}");
      if (d % 5 == 0) {
        events.add("{\"userId\":\"u0\",\"type\":\"campaign_sent\",\"id\":\"c" + d + "\",\"at\":\"" + day + "\"}");
      }
    }
    for (int from = 0; from < events.size(); from += 20) {
      Reply sent = api().post("/v1/events",
          "{\"events\":[" + String.join(",", events.subList(from, Math.min(events.size(), from + 20))) + "]}");
      assertEquals(200, sent.status(), sent.raw().body());
    }
    Eventually.within(WAIT, () -> {
      JsonNode series = api().get("/v1/kpis?segment=all&grain=day&kpi=revenue&from=2026-01-01T00:00:00Z"
          + "&to=2026-03-01T00:00:00Z").body().get("series").get("revenue");
      double sum = 0;
      for (JsonNode point : series) sum += point.get("value").asDouble();
      assertEquals(total, sum, 1e-6, series.toString());
    });
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
  void aSegmentsRevenueIsFittedSimulatedAndPlannedWithTheShippedModels() throws Exception {
    Reply fit = api().post("/v1/models/estimate", "{\"segment\":\"all\",\"model\":" + MODEL + "," + RANGE + "}");
    assertEquals(200, fit.status(), fit.raw().body());
    JsonNode fitted = fit.body();
    assertEquals(DAYS, fitted.get("periods").asInt(), fitted.toString());
    assertTrue(Double.isFinite(fitted.get("logLikelihood").asDouble()), fitted.toString());
    assertTrue(fitted.get("iterations").asInt() > 0, fitted.toString());
    // The campaign effect (30 the day after) is in the data: the fitted B of the level model is positive.
    assertTrue(fitted.get("parameters").get("B").get(0).get(0).asDouble() > 0, fitted.toString());
    int version = fitted.get("version").asInt();

    Reply simulated = api().post("/v1/models/simulate",
        "{\"segment\":\"all\",\"horizonDays\":7,\"inputs\":[[1],[0]],\"paths\":500}");
    assertEquals(200, simulated.status(), simulated.raw().body());
    JsonNode revenue = simulated.body().get("kpis").get("revenue");
    assertEquals(7, revenue.get("mean").size(), revenue.toString());
    for (int h = 0; h < 7; h++) {
      double mean = revenue.get("mean").get(h).asDouble();
      assertTrue(revenue.get("lower95").get(h).asDouble() <= revenue.get("lower50").get(h).asDouble()
          && revenue.get("lower50").get(h).asDouble() <= mean && mean <= revenue.get("upper50").get(h).asDouble()
          && revenue.get("upper50").get(h).asDouble() <= revenue.get("upper95").get(h).asDouble(), revenue.toString());
    }

    Reply planned = api().post("/v1/models/recommend", "{\"segment\":\"all\",\"target\":{\"kpi\":\"revenue\"},"
        + "\"horizonDays\":7,\"constraints\":{\"min\":[0],\"max\":[1],\"budget\":2}}");
    assertEquals(200, planned.status(), planned.raw().body());
    double spent = 0;
    for (JsonNode day : planned.body().get("plan")) {
      double u = day.get(0).asDouble();
      assertTrue(u >= -1e-9 && u <= 1 + 1e-9, planned.body().toString());
      spent += u;
    }
    assertEquals(2, spent, 1e-6, "a positive campaign effect spends the whole budget: " + planned.body());

    Reply queued = api().post("/v1/models/estimate?async=true",
        "{\"segment\":\"all\",\"model\":" + MODEL + "," + RANGE + "}");
    assertEquals(202, queued.status(), queued.raw().body());
    String location = queued.header("Location");
    JsonNode job = Eventually.value(WAIT, () -> {
      JsonNode j = api().get(location).body();
      assertEquals("succeeded", j.get("state").asText(), j.toString());
      return j;
    });
    assertEquals(version + 1, job.get("result").get("version").asInt(), job.toString());
    JsonNode versions = api().get("/v1/models?segment=all").body().get("versions");
    assertTrue(versions.size() >= 2, versions.toString());
  }

  @Test
  void aBacktestRunsAsAJobAndIsListed() throws Exception {
    Reply queued = api().post("/v1/jobs", "{\"kind\":\"backtest\",\"request\":{\"segment\":\"all\",\"model\":" + MODEL
        + "," + RANGE + ",\"minHistory\":28,\"step\":7,\"horizon\":7,\"calendarDays\":7}}");
    assertEquals(202, queued.status(), queued.raw().body());
    JsonNode job = Eventually.value(WAIT, () -> {
      JsonNode j = api().get(queued.header("Location")).body();
      assertEquals("succeeded", j.get("state").asText(), j.toString());
      return j;
    });
    JsonNode runs = Eventually.value(WAIT, () -> {
      JsonNode r = api().get("/v1/backtests?segment=all&model=state_space").body().get("runs");
      assertTrue(r.size() >= 1, r.toString());
      return r;
    });
    assertTrue(runs.get(0).get("origins").asInt() >= 3, runs + " / " + job);
  }

  /** Requests the read model cannot answer are refused before anything is fitted or stored. */
  @Test
  void aMisspeltKpiOrARangeBeyondTheReadModelIsRefused() throws Exception {
    int before = api().get("/v1/models?segment=all").body().get("versions").size();
    Reply misspelt = api().post("/v1/models/estimate", "{\"segment\":\"all\",\"model\":{\"type\":\"state_space\","
        + "\"states\":1,\"kpis\":[\"revnue\"]}," + RANGE + "}");
    assertEquals(400, misspelt.status(), misspelt.raw().body());
    assertTrue(misspelt.raw().body().contains("revnue"), misspelt.raw().body());
    Reply tooLong = api().post("/v1/models/estimate", "{\"segment\":\"all\",\"model\":" + MODEL
        + ",\"from\":\"2024-01-01T00:00:00Z\",\"to\":\"2026-03-01T00:00:00Z\"}");
    assertEquals(400, tooLong.status(), tooLong.raw().body());
    assertTrue(tooLong.raw().body().contains("too_many_periods"), tooLong.raw().body());
    Reply unknownSegment = api().post("/v1/models/estimate", "{\"segment\":\"nobody\",\"model\":" + MODEL + ","
        + RANGE + "}");
    assertEquals(400, unknownSegment.status(), unknownSegment.raw().body());
    assertTrue(unknownSegment.raw().body().contains("unknown_segment"), unknownSegment.raw().body());
    assertEquals(before, api().get("/v1/models?segment=all").body().get("versions").size());
  }
}
