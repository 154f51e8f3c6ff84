package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.ProductEvents;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GDPR over HTTP (README "Erasing and exporting a person"): a person with heartbeats, a session's telemetry,
 * product events, a profile and a place among another user's matches is exported, erased, and stays forgotten
 * through a restart of the node and a rebuild of every read model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserErasureH2IT {
  static final String KEY = "acme-gdpr-0123456789abcdef";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final List<String> MODELS = List.of("user-activity", "user-profiles", "idle-schedule", "daily-matches",
      "user-decisions", "product-outcomes", "emotion-forensics");
  static final List<String> BY_USER = List.of("user_activity", "user_profile", "candidate_index", "idle_schedule",
      "daily_matches", "match_log", "user_decision", "product_outcomes", "emotion_readings", "kpi_user_facts",
      "kpi_user_traits", "intervention_decisions", "incidents");

  final String run = UUID.randomUUID().toString().substring(0, 8);
  final ContractViolations openApi = new ContractViolations();
  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of("h2");
    node = start();
  }

  private LimbicNode start() throws Exception {
    return TestNode.start(db, Map.of(
        "limbic.api-keys", "acme:" + KEY + ":ingest+read+admin+operator",
        "limbic.user.heartbeat-persist-interval", "0s",
        "limbic.idle.phases", "2s,3s,4s",
        "limbic.idle.sweep-interval", "300ms"));
  }

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

  private void profile(String user, String gender, String seeking) throws Exception {
    String body = "{\"birthYear\":1990,\"gender\":\"" + gender + "\",\"seeking\":[\"" + seeking + "\"],"
        + "\"location\":{\"lat\":52.37,\"lon\":4.89},\"interests\":[\"jazz\"],\"languages\":[\"nl\"],"
        + "\"about\":\"likes long walks\"}";
    // A loaded machine may answer the first asks of a fresh node with 503: the PUT is idempotent, so it is retried.
    Eventually.within(WAIT, () -> assertEquals(200, api().put("/v1/users/" + user + "/profile", body).status()));
  }

  private long rowsAbout(String user) throws Exception {
    long rows = 0;
    for (String table : BY_USER) rows += db.count("SELECT COUNT(*) FROM " + table + " WHERE user_id = '" + user + "'");
    rows += db.count("SELECT COUNT(*) FROM daily_matches WHERE candidate_id = '" + user + "'");
    rows += db.count("SELECT COUNT(*) FROM match_log WHERE candidate_id = '" + user + "'");
    return rows;
  }

  private List<String> matchIds(String user) throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    for (JsonNode m : api().get("/v1/users/" + user + "/matches/daily").body().get("matches")) {
      ids.add(m.get("userId").asText());
    }
    return ids;
  }

  /** Every read route forgets the erased person; the other user keeps their own data. */
  private void forgotten(String erased, String session, String other) throws Exception {
    assertEquals(404, api().get("/v1/users/" + erased).status());
    assertEquals(410, api().get("/v1/users/" + erased + "/export").status());
    assertEquals(410, api().get("/v1/users/" + erased + "/matches/daily").status());
    assertEquals(410, api().post("/v1/heartbeat", "{\"userId\":\"" + erased + "\"}").status());
    assertFalse(api().get("/v1/activity?activeWithin=PT2H").raw().body().contains(erased));
    assertFalse(matchIds(other).contains(erased));
    assertEquals(200, api().get("/v1/users/" + other).status());
    assertEquals(0, rowsAbout(erased));
    assertEquals(0, db.count("SELECT COUNT(*) FROM emotion_readings WHERE session_id = '" + session + "'"));
    assertEquals(1, db.journalRows("User|acme/" + erased), "only the erasure stays in the user's journal");
    assertEquals(0, db.journalRows("Session|acme/" + session));
  }

  @Test
  void anErasedPersonIsExportedThenForgottenThroughARestartAndARebuild() throws Exception {
    String her = "her-" + run;
    String him = "him-" + run;
    String session = "s-" + run;
    profile(her, "f", "m");
    profile(him, "m", "f");
    assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + her + "\",\"sessionId\":\"" + session + "\"}").status());
    assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + him + "\"}").status());
    for (String message : Traces.messages(11, EmotionalState.RAGE, her)) {
      assertEquals(202, api().post("/v1/sessions/" + session + "/telemetry", message).status());
    }
    assertEquals(200, api().post("/v1/events", "{\"events\":[{\"userId\":\"" + her + "\",\"type\":\"purchase\","
        + "\"amount\":12,\"currency\":\"EUR\",\"id\":\"p-" + run + "\",\"at\":\"2026-01-01T10:00:00Z\"}]}").status());
    // He has her among his daily matches: she appears in another user's data.
    Eventually.within(WAIT, () -> assertTrue(matchIds(him).contains(her), matchIds(him).toString()));
    Eventually.within(WAIT, () -> {
      assertTrue(db.count("SELECT COUNT(*) FROM product_outcomes WHERE user_id = '" + her + "'") > 0);
      assertTrue(db.count("SELECT COUNT(*) FROM user_activity WHERE user_id = '" + her + "'") > 0);
    });

    Reply export = api().get("/v1/users/" + her + "/export");
    assertEquals(200, export.status(), export.raw().body());
    JsonNode doc = export.body();
    assertEquals(her, doc.get("userId").asText());
    assertEquals("f", doc.get("profile").get("profile").get("gender").asText(), doc.toString());
    assertTrue(doc.get("sessions").toString().contains(session), doc.toString());
    String journal = doc.get("journal").toString();
    assertTrue(journal.contains("ProductEventsRecorded") && journal.contains("ProfileUpdated"), journal);
    assertTrue(doc.get("readModels").has("product_outcomes"), doc.get("readModels").toString());
    assertEquals(404, api().get("/v1/users/nobody-" + run + "/export").status());

    Reply erased = api().send("DELETE", "/v1/users/" + her, null);
    assertEquals(200, erased.status(), erased.raw().body());
    String erasedAt = erased.body().get("erasedAt").asText();
    Reply again = api().send("DELETE", "/v1/users/" + her, null);
    assertEquals(200, again.status(), again.raw().body());
    assertEquals(erasedAt, again.body().get("erasedAt").asText(), "a repeat answers the same");
    // Both erasures are in the audit log, with the user as target (the person's id is all it keeps of them).
    Reply audit = api().get("/v1/audit?action=user.erase");
    assertEquals(200, audit.status(), audit.raw().body());
    assertEquals(2, audit.body().get("entries").size(), audit.raw().body());
    for (var entry : audit.body().get("entries")) {
      assertEquals(her, entry.get("target").asText());
      assertEquals(200, entry.get("status").asInt());
    }
    forgotten(her, session, him);

    node.stop();
    node = start();
    Eventually.within(WAIT, () -> assertEquals(200, api().get("/v1/users/" + him).status()));
    forgotten(her, session, him);

    for (String model : MODELS) {
      Reply rebuild = api().post("/v1/projections/" + model + "/rebuild", "");
      assertEquals(202, rebuild.status(), rebuild.raw().body());
    }
    Eventually.within(WAIT, () -> {
      for (JsonNode p : api().get("/v1/projections").body().get("projections")) {
        assertEquals("running", p.get("state").asText(), p.toString());
        assertTrue(p.get("rebuild").get("done").asBoolean(), p.toString());
      }
      assertTrue(db.count("SELECT COUNT(*) FROM user_activity WHERE user_id = '" + him + "'") > 0);
    });
    forgotten(her, session, him);
  }
}
