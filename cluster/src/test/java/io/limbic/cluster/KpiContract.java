package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * KPIs and segments over HTTP on a known case: ann (identified at pro.example) and bob send heartbeats today; ann
 * bought 100 and renewed for 20.50 on 2026-01-05 and was sent a campaign, bob churned on 2026-01-06; ann's session
 * rages on /pricing (the generator's labelled rage trace). A segment defined after all that applies to the history;
 * invalid definitions and queries are 400 problems and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KpiContract {
  /** "h2" or "postgres". */
  abstract String database();

  static final String KEY = "acme-kpis-0123456789abcdef0";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String JAN = "from=2026-01-05T00:00:00Z&to=2026-01-07T00:00:00Z";

  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY + ":ingest+read+admin",
        "limbic.http.ask-timeout", "15s"));
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
  void kpisPerSegmentAndGrainFromHistory() throws Exception {
    ok(api().post("/v1/heartbeat", "{\"userId\":\"ann\",\"sessionId\":\"s-ann\"}"));
    ok(api().post("/v1/heartbeat", "{\"userId\":\"bob\",\"sessionId\":\"s-bob\"}"));
    ok(api().post("/v1/identify", "{\"sessionId\":\"s-ann\",\"userId\":\"ann\",\"traits\":{\"email\":\"ann@pro.example\"}}"));
    ok(api().post("/v1/events", "{\"events\":["
        + "{\"userId\":\"ann\",\"type\":\"purchase\",\"amount\":100,\"currency\":\"USD\",\"id\":\"p1\",\"at\":\"2026-01-05T10:15:00Z\"},"
        + "{\"userId\":\"ann\",\"type\":\"renewal\",\"amount\":20.5,\"currency\":\"USD\",\"id\":\"r1\",\"at\":\"2026-01-05T11:00:00Z\"},"
        + "{\"userId\":\"ann\",\"type\":\"campaign_sent\",\"id\":\"m1\",\"at\":\"2026-01-05T10:30:00Z\"},"
        + "{\"userId\":\"bob\",\"type\":\"churn\",\"id\":\"c1\",\"at\":\"2026-01-06T09:00:00Z\"}]}"));
    rageOnPricing("s-ann", "ann");

    Eventually.within(WAIT, () -> {
      JsonNode all = kpis("segment=all&grain=day&" + JAN).body().get("series");
      assertEquals(List.of(2.0, 0.0), values(all, "conversions"), all.toString());
      assertEquals(List.of(120.5, 0.0), values(all, "revenue"));
      assertEquals(List.of(0.0, 1.0), values(all, "churned"));
      assertEquals(List.of(1.0, 0.0), values(all, "events.campaign_sent"));
    });
    JsonNode hours = kpis("grain=hour&from=2026-01-05T10:00:00Z&to=2026-01-05T12:00:00Z&kpi=revenue,conversions,evi")
        .body();
    assertEquals("all", hours.get("segment").asText(), "all is the default segment");
    assertEquals(List.of(100.0, 20.5), values(hours.get("series"), "revenue"));
    assertEquals(List.of(1.0, 1.0), values(hours.get("series"), "conversions"));
    assertTrue(hours.get("series").get("evi").get(0).get("value").isNull(), "no sessions then: evi is null");
    assertEquals(3, hours.get("series").size(), "only the KPIs asked for");

    // Defined after the data: applies to the history, by the users' current traits.
    Reply put = api().put("/v1/segments/pro", "{\"filter\":{\"all\":[{\"trait\":\"email_domain\",\"eq\":\"pro.example\"},"
        + "{\"trait\":\"ltv\",\"gte\":100}]},\"controls\":[\"campaign_sent\"]}");
    assertEquals(200, put.status(), put.raw().body());
    JsonNode pro = kpis("segment=pro&grain=day&" + JAN).body();
    assertEquals(List.of("events.campaign_sent"), MAPPER.convertValue(pro.get("controls"), List.class));
    assertEquals(List.of(2.0, 0.0), values(pro.get("series"), "conversions"), pro.toString());
    assertEquals(List.of(120.5, 0.0), values(pro.get("series"), "revenue"));
    assertEquals(List.of(0.0, 0.0), values(pro.get("series"), "churned"), "bob is not in pro");
    assertEquals(List.of(1.0, 0.0), values(pro.get("series"), "events.campaign_sent"));

    String today = "from=" + LocalDate.now(ZoneOffset.UTC) + "T00:00:00Z&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1)
        + "T00:00:00Z&grain=day";
    Eventually.within(WAIT, () -> {
      JsonNode all = kpis("segment=all&" + today).body().get("series");
      JsonNode mine = kpis("segment=pro&" + today).body().get("series");
      assertEquals(List.of(2.0), values(all, "active_users"), all.toString());
      assertEquals(List.of(2.0), values(all, "sessions"));
      assertEquals(List.of(1.0), values(mine, "active_users"), mine.toString());
      double rages = db.count("SELECT COUNT(*) FROM emotion_readings WHERE state = 'rage'");
      assertTrue(rages > 0);
      assertEquals(List.of(rages), values(all, "emotions.rage"), all.toString());
      assertEquals(List.of(rages), values(mine, "emotions.rage"), "ann's session was identified");
      JsonNode evi = api().get("/v1/forensics/evi?date=" + LocalDate.now(ZoneOffset.UTC)).body().get("tenant");
      assertEquals(evi.get("evi").asDouble(), all.get("evi").get(0).get("value").asDouble(), 1e-9,
          "the forensics' EVI: " + evi);
    });

    List<Reply> rejected = List.of(
        api().put("/v1/segments/bad", "{\"filter\":{\"trait\":\"plan\",\"eq\":\"pro\"}}"),
        api().put("/v1/segments/bad", "{\"filter\":{\"all\":[{\"trait\":\"company\",\"gte\":3}]}}"),
        api().put("/v1/segments/bad", "{\"filter\":{\"any\":{\"trait\":\"company\",\"eq\":\"x\"}}}"),
        api().put("/v1/segments/bad", "{\"filter\":{\"trait\":\"ltv\",\"gte\":1},\"controls\":[\"Not A Type\"]}"),
        api().put("/v1/segments/all", "{\"filter\":{\"all\":[]}}"),
        api().put("/v1/segments/pro", "{\"filter\":{\"nope\":[]}}"));
    for (Reply r : rejected) {
      assertEquals(400, r.status(), r.raw().body());
      assertEquals("application/problem+json", r.contentType(), r.raw().body());
    }
    assertTrue(rejected.get(0).body().get("detail").asText().contains("filter.trait"), rejected.get(0).raw().body());
    assertTrue(rejected.get(1).body().get("detail").asText().contains("filter.all[0].gte"),
        rejected.get(1).raw().body());
    assertEquals(404, api().get("/v1/segments/bad").status(), "nothing stored");
    assertEquals("pro.example", api().get("/v1/segments/pro").body().get("filter").get("all").get(0).get("eq").asText(),
        "the rejected PUT left pro as it was");
    JsonNode list = api().get("/v1/segments").body().get("segments");
    assertEquals(2, list.size(), list.toString());
    assertEquals("all", list.get(0).get("name").asText());

    assertEquals(400, kpis("segment=nope").status());
    assertEquals(400, kpis("grain=week").status());
    assertEquals(400, kpis("grain=hour&from=2026-01-01T00:00:00Z&to=2026-02-15T00:00:00Z").status());
    assertEquals(400, kpis("kpi=revenue,happiness").status());
    assertEquals(400, kpis("from=2026-01-07T00:00:00Z&to=2026-01-05T00:00:00Z").status());
    assertEquals(204, api().send("DELETE", "/v1/segments/pro", null).status());
    assertEquals(400, kpis("segment=pro").status(), "a deleted segment is unknown");
  }

  private Reply kpis(String query) throws Exception {
    return api().get("/v1/kpis?" + query);
  }

  private static void ok(Reply reply) {
    assertEquals(200, reply.status(), reply.raw().body());
  }

  private static List<Double> values(JsonNode series, String kpi) {
    List<Double> out = new ArrayList<>();
    JsonNode points = series.get(kpi);
    if (points == null) throw new AssertionError("no " + kpi + " in " + series);
    for (JsonNode p : points) out.add(p.get("value").isNull() ? Double.NaN : p.get("value").asDouble());
    return out;
  }

  /** The labelled rage trace (seed 11) as a session of {@code user}, on /pricing. */
  private void rageOnPricing(String session, String user) throws Exception {
    for (String message : Traces.messages(RageLabelsH2IT.RAGE_SEED, EmotionalState.RAGE, user)) {
      ObjectNode body = (ObjectNode) MAPPER.readTree(message);
      for (JsonNode sample : body.get("samples")) {
        if (sample.has("url")) ((ObjectNode) sample).put("url", "https://shop.example/pricing");
      }
      ((ObjectNode) body.get("samples").get(0)).put("url", "https://shop.example/pricing");
      Reply reply = api().post("/v1/sessions/" + session + "/telemetry", body.toString());
      assertEquals(202, reply.status(), reply.raw().body());
    }
    Eventually.within(WAIT, () -> assertEquals("rage",
        api().get("/v1/sessions/" + session).body().get("emotion").get("state").asText()));
  }
}
