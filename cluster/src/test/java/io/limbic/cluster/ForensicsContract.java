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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
 * Revenue forensics over HTTP on a small known case: two sessions rage on /pricing (the generator's labelled rage
 * trace, escalation-grade), one user then buys and the other churns, with no interventions config and no
 * escalation contacts. Emotions: rage on /pricing is 1 success in 2 sessions with its Wilson interval; EVI and the
 * weather count exactly the changes and readings the read model holds; the churn is a missed save.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForensicsContract {
  /** "h2" or "postgres". */
  abstract String database();

  static final String KEY = "acme-forensics-0123456789abcdef";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final ObjectMapper MAPPER = new ObjectMapper();

  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    // A starved 2-core machine can take longer than the default 5 s for a session's first journal write.
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
  void eachEndpointCountsTheKnownCase() throws Exception {
    rageOnPricing("s-buyer", "buyer");
    rageOnPricing("s-churner", "churner");
    Eventually.within(WAIT, () -> assertEquals(2, rageOnPricingLine().get("sessions").asInt()));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    productEvent("buyer", "purchase", "p1", ",\"amount\":120,\"currency\":\"USD\"");
    productEvent("churner", "churn", "c1", "");

    Eventually.within(WAIT, () -> {
      JsonNode rage = rageOnPricingLine();
      assertEquals(2, rage.get("identifiedSessions").asInt(), rage.toString());
      assertEquals(1, rage.get("successes").asInt(), rage.toString());
      assertEquals(0.5, rage.get("successRate").get("estimate").asDouble(), 1e-12);
      assertEquals(0.0945, rage.get("successRate").get("low").asDouble(), 1e-4);
      assertEquals(0.9055, rage.get("successRate").get("high").asDouble(), 1e-4);
      assertEquals(1, rage.get("failures").asInt(), rage.toString());
      assertEquals(120.0, rage.get("value").get("USD").asDouble(), 1e-9);
    });

    Reply evi = api().get("/v1/forensics/evi?date=" + today);
    assertEquals(200, evi.status(), evi.raw().body());
    long changes = stateChanges();
    assertEquals(changes, evi.body().get("tenant").get("changes").asLong(), evi.raw().body());
    assertEquals("all", evi.body().get("segment").asText());
    JsonNode pricing = byField(evi.body().get("pages"), "page", "/pricing");
    assertEquals(changes, pricing.get("changes").asLong(), "every change was on /pricing");
    assertTrue(pricing.get("sessionHours").asDouble() > 0, pricing.toString());
    double index = pricing.get("evi").asDouble();
    assertTrue(changes == 0 ? index == 0 : index > 0 && index <= 100, pricing.toString());

    Reply weather = api().get("/v1/forensics/weather?date=" + today);
    assertEquals(200, weather.status(), weather.raw().body());
    JsonNode w = weather.body();
    assertEquals(db.count("SELECT COUNT(*) FROM emotion_readings"), w.get("readings").asLong(), w.toString());
    assertTrue(w.get("readingShare").get("rage").asDouble() > 0, w.toString());
    assertEquals("/pricing", w.get("stormiestPages").get(0).get("page").asText(), w.toString());
    assertTrue(w.get("summary").asText().contains("Stormiest page: /pricing"), w.get("summary").asText());
    assertTrue(w.get("previousEvi").isNull(), "no sessions the day before");

    Reply failures = api().get("/v1/forensics/failures");
    assertEquals(200, failures.status(), failures.raw().body());
    JsonNode missed = failures.body().get("missedSaves");
    assertEquals(1, missed.size(), failures.raw().body());
    assertEquals("churner", missed.get(0).get("userId").asText());
    assertTrue(missed.get(0).get("what").asText().contains("no intervention was decided"), missed.toString());
    assertTrue(missed.get(0).get("links").get("readingId").asText().contains("s-churner"), missed.toString());
    assertEquals("c1", missed.get(0).get("links").get("productEventId").asText());
    assertEquals(0, failures.body().get("falsePositives").size());
    assertEquals(0, failures.body().get("lateIncidents").size());
    assertEquals(0.85, failures.body().get("minConfidence").asDouble(), 1e-12);

    assertEquals(400, api().get("/v1/forensics/weather?date=yesterday").status());
    assertEquals(400, api().get("/v1/forensics/emotions?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z").status());
  }

  /** The labelled rage trace (seed 11, escalation-grade) as a session of {@code user} on /pricing. */
  private void rageOnPricing(String session, String user) throws Exception {
    List<String> messages = new ArrayList<>();
    for (String message : Traces.messages(RageLabelsH2IT.RAGE_SEED, EmotionalState.RAGE, user)) {
      ObjectNode body = (ObjectNode) MAPPER.readTree(message);
      for (JsonNode sample : body.get("samples")) {
        if (sample.has("url")) ((ObjectNode) sample).put("url", "https://shop.example/pricing");
      }
      ((ObjectNode) body.get("samples").get(0)).put("url", "https://shop.example/pricing");
      messages.add(body.toString());
    }
    for (String message : messages) {
      Reply reply = api().post("/v1/sessions/" + session + "/telemetry", message);
      assertEquals(202, reply.status(), reply.raw().body());
    }
    Eventually.within(WAIT, () -> assertEquals("rage",
        api().get("/v1/sessions/" + session).body().get("emotion").get("state").asText()));
  }

  private void productEvent(String user, String type, String id, String value) throws Exception {
    Reply reply = api().post("/v1/events", "{\"events\":[{\"userId\":\"" + user + "\",\"type\":\"" + type + "\""
        + value + ",\"id\":\"" + id + "\",\"at\":\"" + Instant.now() + "\"}]}");
    assertEquals(200, reply.status(), reply.raw().body());
  }

  private JsonNode rageOnPricingLine() throws Exception {
    Reply reply = api().get("/v1/forensics/emotions");
    assertEquals(200, reply.status(), reply.raw().body());
    for (JsonNode line : reply.body().get("lines")) {
      if (line.get("emotion").asText().equals("rage") && line.get("page").asText().equals("/pricing")) return line;
    }
    throw new AssertionError("no rage on /pricing yet: " + reply.raw().body());
  }

  /** State changes between consecutive readings of each session (in journal order), from the read model's rows. */
  private long stateChanges() throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT session_id, reading_id, state FROM emotion_readings")) {
      while (rs.next()) rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
    }
    rows.sort(java.util.Comparator.<String[], String>comparing(r -> r[0])
        .thenComparingLong(r -> Long.parseLong(r[1].substring(r[1].lastIndexOf(':') + 1))));
    long changes = 0;
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i)[0].equals(rows.get(i - 1)[0]) && !rows.get(i)[2].equals(rows.get(i - 1)[2])) changes++;
    }
    return changes;
  }

  private static JsonNode byField(JsonNode array, String field, String value) {
    for (JsonNode n : array) if (n.get(field).asText().equals(value)) return n;
    throw new AssertionError("no " + field + "=" + value + " in " + array);
  }
}
