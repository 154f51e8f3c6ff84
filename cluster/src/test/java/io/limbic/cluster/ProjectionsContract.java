package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read models' projections over HTTP: their status, pause and resume, and a rebuild from the journal that ends
 * with the same rows as the live projections built, while queries keep answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProjectionsContract {
  static final String KEY = "acme-ops-0123456789abcdef";
  static final List<String> MODELS = List.of("user-activity", "user-profiles", "idle-schedule", "daily-matches",
      "user-decisions", "product-outcomes", "emotion-forensics");
  /** Every table of the rebuildable read models, each compared row by row. */
  static final List<String> TABLES = List.of("user_activity", "user_profile", "candidate_index", "idle_schedule",
      "daily_matches", "match_log", "match_quality", "match_quality_bins", "user_decision", "product_outcomes",
      "emotion_readings", "emotion_volatility", "emotion_time", "emotion_session_cursor");
  static final Duration WAIT = Duration.ofSeconds(60);

  TestDatabase db;
  LimbicNode node;
  final String run = UUID.randomUUID().toString().substring(0, 8);
  /** Every user this class wrote events for: their idle phases go on after the test that wrote them. */
  final List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();

  abstract String database();

  /** Settings of the node beside the contract's own. */
  Map<String, Object> settings() {
    return Map.of();
  }

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    Map<String, Object> settings = new java.util.HashMap<>(Map.of(
        "limbic.api-keys", "acme:" + KEY + ":ingest+read+admin+operator",
        "limbic.user.heartbeat-persist-interval", "0s",
        "limbic.idle.phases", "2s,3s,4s",
        "limbic.idle.sweep-interval", "300ms"));
    settings.putAll(settings());
    node = TestNode.start(db, settings);
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

  String user(String prefix, int i) {
    return prefix + i + "-" + run;
  }

  @Test
  void aRebuiltReadModelEqualsTheLiveOneAndQueriesAnswerMeanwhile() throws Exception {
    List<String> users = writeVariedEvents("b", 8);
    awaitQuiet();
    Map<String, List<String>> live = tables();
    assertTrue(live.get("user_activity").size() >= users.size(), live.toString());
    assertFalse(live.get("candidate_index").isEmpty());
    int activeBefore = activeUsers();

    // Paused first, so the rebuild is caught half-way: emptied, nothing replayed yet, queries still answering.
    for (String model : MODELS) assertEquals(200, api().post("/v1/projections/" + model + "/pause", "").status());
    for (String model : MODELS) {
      Reply started = api().post("/v1/projections/" + model + "/rebuild", "");
      assertEquals(202, started.status(), started.raw().body());
      assertEquals("paused", started.body().get("state").asText());
      JsonNode rebuild = started.body().get("rebuild");
      assertFalse(rebuild.get("done").asBoolean(), started.raw().body());
      assertEquals(0, rebuild.get("processed").asLong(), started.raw().body());
      assertTrue(rebuild.get("total").asLong() > 0, started.raw().body());
      assertNotNull(rebuild.get("startedAt"));
      assertEquals(409, api().post("/v1/projections/" + model + "/rebuild", "").status(), "one rebuild at a time");
    }
    assertEquals(200, api().get("/v1/activity?activeWithin=PT2H").status());
    assertEquals(0, activeUsers(), "queries answer from the rows rebuilt so far: none");
    assertEquals(200, api().get("/v1/matches/quality").status());
    assertEquals(200, api().get("/v1/users/" + users.get(0) + "/matches/daily").status());

    for (String model : MODELS) {
      Reply resumed = api().post("/v1/projections/" + model + "/resume", "");
      assertEquals(200, resumed.status(), resumed.raw().body());
      assertTrue(List.of("rebuilding", "running").contains(resumed.body().get("state").asText()), resumed.raw().body());
    }
    Eventually.within(WAIT, () -> {
      for (JsonNode p : projections().values()) {
        assertEquals("running", p.get("state").asText(), p.toString());
        JsonNode rebuild = p.get("rebuild");
        assertTrue(rebuild.get("done").asBoolean(), p.toString());
        assertEquals(rebuild.get("total").asLong(), rebuild.get("processed").asLong(), p.toString());
      }
    });
    awaitQuiet();
    Map<String, List<String>> rebuilt = tables();
    for (String table : TABLES) assertEquals(live.get(table), rebuilt.get(table), table);
    assertEquals(activeBefore, activeUsers());
  }

  @Test
  void pauseStopsAReadModelAndResumeCatchesItUp() throws Exception {
    Reply paused = api().post("/v1/projections/user-activity/pause", "");
    assertEquals(200, paused.status(), paused.raw().body());
    assertEquals("paused", paused.body().get("state").asText());
    for (JsonNode instance : paused.body().get("instances")) assertEquals("paused", instance.get("state").asText());

    String user = user("p", 0);
    written.add(user);
    assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + user + "\"}").status());
    long ordering = db.count("SELECT MAX(\"ordering\") FROM \"event_journal\" WHERE \"persistence_id\" LIKE 'User|%"
        + user + "'");
    assertTrue(ordering > 0);
    String tag = tagOf(ordering);
    // idle-schedule reads the same tag and was not paused: once it is past the event, user-activity had its chance.
    Eventually.within(WAIT, () -> assertTrue(offset(projections().get("idle-schedule"), tag) >= ordering));
    JsonNode activity = projections().get("user-activity");
    assertEquals("paused", activity.get("state").asText());
    assertTrue(offset(activity, tag) < ordering, activity.toString());
    assertEquals(0, db.count("SELECT COUNT(*) FROM user_activity WHERE user_id = '" + user + "'"));

    Reply resumed = api().post("/v1/projections/user-activity/resume", "");
    assertEquals(200, resumed.status(), resumed.raw().body());
    awaitQuiet();
    Eventually.within(WAIT, () -> {
      assertEquals(1, db.count("SELECT COUNT(*) FROM user_activity WHERE user_id = '" + user + "'"));
      JsonNode now = projections().get("user-activity");
      assertEquals("running", now.get("state").asText());
      assertTrue(offset(now, tag) >= ordering, now.toString());
    });
  }

  @Test
  void everyReadModelIsListedAndUnknownOnesAre404() throws Exception {
    Map<String, JsonNode> all = projections();
    assertEquals(MODELS, new ArrayList<>(all.keySet()));
    for (JsonNode p : all.values()) {
      assertEquals(4, p.get("instances").size(), p.toString());
      assertTrue(p.get("lagMs").asLong() >= 0);
    }
    assertEquals(404, api().post("/v1/projections/no-such-model/rebuild", "").status());
    assertEquals(405, api().get("/v1/projections/user-activity/pause").status());
  }

  /** Heartbeats in several active periods, profiles, interactions; idle phases then run for every user. */
  private List<String> writeVariedEvents(String prefix, int count) throws Exception {
    Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    List<String> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String user = user(prefix, i);
      users.add(user);
      written.add(user);
      for (int beat = 0; beat <= i % 3; beat++) {
        Instant at = start.plus(Duration.ofMinutes(40L * beat + i));
        Reply reply = api().post("/v1/heartbeat", "{\"userId\":\"" + user + "\",\"at\":\"" + at + "\"}");
        assertEquals(200, reply.status(), reply.raw().body());
      }
      if (i % 4 != 3) {
        String gender = i % 2 == 0 ? "f" : "m";
        String body = "{\"birthYear\":" + (1980 + i) + ",\"gender\":\"" + gender + "\",\"seeking\":[\""
            + (i % 2 == 0 ? "m" : "f") + "\"],\"location\":{\"lat\":" + (52.0 + i * 0.01) + ",\"lon\":4.3},"
            + "\"interests\":[\"jazz\",\"chess\"],\"languages\":[\"nl\"],\"about\":\"profile number " + i + "\"}";
        Reply reply = api().put("/v1/users/" + user + "/profile", body);
        assertEquals(200, reply.status(), reply.raw().body());
      }
    }
    // Revenue forensics' read models: a product event, and a session's emotions (the labelled rage trace).
    Reply reply = api().post("/v1/events", "{\"events\":[{\"userId\":\"" + users.get(0) + "\",\"type\":\"purchase\","
        + "\"amount\":12.5,\"currency\":\"USD\",\"id\":\"pe-" + run + "\",\"at\":\"" + start + "\"}]}");
    assertEquals(200, reply.status(), reply.raw().body());
    for (String message : Traces.messages(RageLabelsH2IT.RAGE_SEED, EmotionalState.RAGE, users.get(1))) {
      reply = api().post("/v1/sessions/s-" + users.get(1) + "/telemetry", message);
      assertEquals(202, reply.status(), reply.raw().body());
    }
    String interactions = "{\"interactions\":[{\"from\":\"" + users.get(0) + "\",\"to\":\"" + users.get(1)
        + "\",\"type\":\"favorite\",\"at\":\"" + start.plusSeconds(30) + "\",\"id\":\"i1-" + run + "\"}]}";
    reply = api().post("/v1/interactions", interactions);
    assertEquals(200, reply.status(), reply.raw().body());
    return users;
  }

  /** Every user's idle phases are done and every read model has processed every event. */
  private void awaitQuiet() throws Exception {
    Eventually.within(WAIT, () -> {
      for (String user : written) {
        Reply reply = api().get("/v1/users/" + user);
        assertEquals(3, reply.body().get("idle").get("completedPhases").asInt(), reply.raw().body());
      }
      for (JsonNode p : projections().values()) {
        assertEquals(0, p.get("lagMs").asLong(), p.toString());
        for (JsonNode instance : p.get("instances")) assertEquals(0, instance.get("lagMs").asLong(), p.toString());
      }
    });
  }

  private Map<String, JsonNode> projections() throws Exception {
    Reply reply = api().get("/v1/projections");
    assertEquals(200, reply.status(), reply.raw().body());
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode p : reply.body().get("projections")) byName.put(p.get("name").asText(), p);
    return byName;
  }

  /** The offset of the projection's instance for {@code tag}, 0 before it processed anything. */
  private static long offset(JsonNode projection, String tag) {
    for (JsonNode instance : projection.get("instances")) {
      if (instance.get("key").asText().equals(tag)) {
        return instance.get("offset").isNull() ? 0 : instance.get("offset").asLong();
      }
    }
    throw new AssertionError("no instance for " + tag + " in " + projection);
  }

  private String tagOf(long ordering) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"tag\" FROM \"event_tag\" WHERE \"event_id\" = " + ordering)) {
      assertTrue(rs.next(), "the heartbeat's event is tagged");
      return rs.getString(1);
    }
  }

  private int activeUsers() throws Exception {
    Reply reply = api().get("/v1/activity?activeWithin=PT24H");
    assertEquals(200, reply.status(), reply.raw().body());
    return reply.body().get("users").size();
  }

  /** Each table's rows as text (less their write times), sorted, so two snapshots compare row by row. */
  private Map<String, List<String>> tables() throws Exception {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String table : TABLES) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int col = 1; col <= meta.getColumnCount(); col++) {
              // When a row was written (the database's clock, V52) differs between a rebuild and the live run.
              if (meta.getColumnName(col).equalsIgnoreCase("written_at")) continue;
              row.append(meta.getColumnName(col).toLowerCase()).append('=').append(rs.getString(col)).append(' ');
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        tables.put(table, rows);
      }
    }
    return tables;
  }
}
