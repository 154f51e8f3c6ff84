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
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.DailyMatchesView;
import io.limbic.protocol.user.UserCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GDPR over HTTP (README "Erasing and exporting a person"): a person with heartbeats, a session's telemetry,
 * product events held under an anonymous id, a profile and a place among another user's matches is exported (with
 * the tenant key and with their own user token), erased, and stays forgotten through a restart of the node and a
 * rebuild of every read model and of the event chain; their session and anonymous id refuse data afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UserErasureContract {
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

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
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

  /** A client holding the user token the tenant key gets for {@code user}. */
  ApiClient tokenOf(String user) throws Exception {
    Reply issued = api().post("/v1/users/" + user + "/token", "{\"ttlSeconds\":600}");
    assertEquals(200, issued.status(), issued.raw().body());
    return new ApiClient(node.httpPort(), issued.body().get("token").asText()).validating(openApi);
  }

  private String anonymous() {
    return "a-" + run;
  }

  /** Rows of the event chain written by the person's user, session or visitor entity. */
  private long chainRowsOf(String user, String session) throws Exception {
    return db.count("SELECT COUNT(*) FROM event_chain WHERE persistence_id IN ('User|acme/" + user + "', 'Session|acme/"
        + session + "', 'Visitor|acme/" + anonymous() + "')");
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

  /** The matches his entity holds, asked directly (the route leaves out people marked erased). */
  private List<String> heldMatchIds(String user) {
    DailyMatchesView held = ClusterSharding.get(node.system())
        .entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId("acme", user).entityId())
        .<DailyMatchesView>askWithStatus(UserCommand.GetDailyMatches::new, Duration.ofSeconds(20))
        .toCompletableFuture().join();
    return held.matches().stream().map(DailyMatch::userId).toList();
  }

  /** Every read route forgets the erased person; the other user keeps their own data. */
  private void forgotten(String erased, String session, String other) throws Exception {
    assertEquals(404, api().get("/v1/users/" + erased).status());
    assertEquals(410, api().get("/v1/users/" + erased + "/export").status());
    assertEquals(410, api().get("/v1/users/" + erased + "/matches/daily").status());
    assertEquals(410, api().post("/v1/heartbeat", "{\"userId\":\"" + erased + "\"}").status());
    // Their session and their anonymous id take no more data: the session refuses telemetry, the visitor events.
    Reply telemetry = api().post("/v1/sessions/" + session + "/telemetry", Traces.messages(1, EmotionalState.RAGE,
        erased).get(0));
    assertEquals(410, telemetry.status(), telemetry.raw().body());
    assertEquals("user_erased", telemetry.body().get("type").asText().replaceAll(".*/", ""), telemetry.raw().body());
    Reply held = api().post("/v1/events", "{\"events\":[{\"anonymousId\":\"" + anonymous() + "\",\"type\":\"purchase\","
        + "\"amount\":3,\"currency\":\"EUR\",\"id\":\"late-" + UUID.randomUUID() + "\",\"at\":\"2026-01-02T10:00:00Z\"}]}");
    assertEquals(200, held.status(), held.raw().body());
    assertEquals("user_erased", held.body().get("errors").get(0).get("code").asText(), held.raw().body());
    assertEquals(1, db.journalRows("Session|acme/" + session), "only the erasure stays in the session's journal");
    assertEquals(1, db.journalRows("Visitor|acme/" + anonymous()), "only the erasure stays in the visitor's journal");
    assertEquals(0, chainRowsOf(erased, session));
    assertFalse(api().get("/v1/activity?activeWithin=PT2H").raw().body().contains(erased));
    assertFalse(matchIds(other).contains(erased));
    assertEquals(200, api().get("/v1/users/" + other).status());
    assertEquals(0, rowsAbout(erased));
    assertEquals(0, db.count("SELECT COUNT(*) FROM emotion_readings WHERE session_id = '" + session + "'"));
    assertEquals(1, db.journalRows("User|acme/" + erased), "only the erasure stays in the user's journal");
  }

  @Test
  void anErasedPersonIsExportedThenForgottenThroughARestartAndARebuild() throws Exception {
    String her = "her-" + run;
    String him = "him-" + run;
    String session = "s-" + run;
    profile(her, "f", "m");
    profile(him, "m", "f");
    assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + her + "\",\"sessionId\":\"" + session + "\"}").status());
    herRowsStored(her);
    assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + him + "\"}").status());
    // Product events under an anonymous id are held by its visitor until the identify links it to her.
    assertEquals(200, api().post("/v1/events", "{\"events\":[{\"anonymousId\":\"" + anonymous() + "\",\"type\":\"signup\","
        + "\"id\":\"anon-" + run + "\",\"at\":\"2026-01-01T09:00:00Z\"}]}").status());
    Reply identified = api().post("/v1/identify", "{\"sessionId\":\"" + session + "\",\"userId\":\"" + her
        + "\",\"anonymousId\":\"" + anonymous() + "\",\"traits\":{}}");
    assertEquals(200, identified.status(), identified.raw().body());
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
    assertTrue(doc.get("anonymousIds").toString().contains(anonymous()), doc.toString());
    assertEquals(404, api().get("/v1/users/nobody-" + run + "/export").status());
    // Her own user token exports her; his token does not reach her export.
    ApiClient hers = tokenOf(her);
    Reply own = hers.get("/v1/users/" + her + "/export");
    assertEquals(200, own.status(), own.raw().body());
    assertEquals(her, own.body().get("userId").asText());
    assertEquals(404, tokenOf(him).get("/v1/users/" + her + "/export").status());
    Eventually.within(WAIT, () -> assertTrue(chainRowsOf(her, session) > 0, "her traced events are in the chain"));

    Reply erased = api().send("DELETE", "/v1/users/" + her, null);
    assertEquals(200, erased.status(), erased.raw().body());
    String erasedAt = erased.body().get("erasedAt").asText();
    Reply again = api().send("DELETE", "/v1/users/" + her, null);
    assertEquals(200, again.status(), again.raw().body());
    assertEquals(erasedAt, again.body().get("erasedAt").asText(), "a repeat answers the same");
    // Both erasures are in the audit log, with the user as target (the person's id is all it keeps of them).
    Reply audit = api().get("/v1/audit?action=user.erase");
    assertEquals(200, audit.status(), audit.raw().body());
    int herErasures = 0;
    for (var entry : audit.body().get("entries")) {
      if (!her.equals(entry.get("target").asText())) continue; // the other tests' erasures
      herErasures++;
      assertEquals(200, entry.get("status").asInt());
    }
    assertEquals(2, herErasures, audit.raw().body());
    forgotten(her, session, him);

    assertEquals(410, hers.get("/v1/users/" + her + "/export").status(), "her token exports nothing any more");

    // Restarted with the event chain and the incidents emptied and their offsets gone: they replay every journal.
    node.stop();
    try (var c = db.connect(); var s = c.createStatement()) {
      s.executeUpdate("DELETE FROM \"pekko_projection_offset_store\" WHERE \"projection_name\" IN ('event-chain',"
          + " 'incidents')");
      s.executeUpdate("DELETE FROM event_chain");
    }
    node = start();
    Eventually.within(WAIT, () -> assertEquals(200, api().get("/v1/users/" + him).status()));
    Eventually.within(WAIT, () -> assertTrue(
        db.count("SELECT COUNT(*) FROM event_chain WHERE persistence_id = 'User|acme/" + him + "'") > 0,
        "the event chain replayed his events"));
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

  /**
   * Her profile and activity are in the read models. His one deep phase (4 s after his heartbeat) draws its pool
   * from them: on a loaded machine their projection can take longer than his idle phases, and a deep phase runs once
   * per idle period (the governor holds the same work once), so a pool read before her rows has no second chance.
   */
  private void herRowsStored(String her) throws Exception {
    Eventually.within(WAIT, () -> {
      assertTrue(db.count("SELECT COUNT(*) FROM user_profile WHERE user_id = '" + her + "'") > 0);
      assertTrue(db.count("SELECT COUNT(*) FROM candidate_index WHERE user_id = '" + her + "'") > 0);
      assertTrue(db.count("SELECT COUNT(*) FROM user_activity WHERE user_id = '" + her + "'") > 0);
    });
  }

  /** A user with a profile and a heartbeat, and another who has them among his daily matches. */
  private void matched(String her, String him) throws Exception {
    profile(her, "f", "m");
    profile(him, "m", "f");
    assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + her + "\"}").status());
    herRowsStored(her);
    assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + him + "\"}").status());
    Eventually.within(WAIT, () -> assertTrue(matchIds(him).contains(her), matchIds(him).toString()));
    // The erasure finds the people holding her in the daily-matches read model: wait until it has the match (a match
    // still on its way there when an erasure runs is missed, README "Erasing and exporting a person").
    Eventually.within(WAIT, () -> assertTrue(db.count("SELECT COUNT(*) FROM daily_matches WHERE user_id = '" + him
        + "' AND candidate_id = '" + her + "'") > 0, "his match of her is in the read model"));
  }

  /**
   * Issue 15: a session that starts while the person is erased cannot escape. Its telemetry names the user, and
   * the session takes the user only once the user's entity recorded it: before the erasure, it is found and erased;
   * after, it is refused (410) and holds nothing.
   */
  @Test
  void aSessionStartedDuringTheErasureIsErasedOrRefused() throws Exception {
    String her = "late-" + run;
    assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + her + "\"}").status());
    String first = Traces.messages(3, EmotionalState.RAGE, her).get(0);
    java.util.concurrent.CompletableFuture<Reply> erasing = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return api().send("DELETE", "/v1/users/" + her, null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Map<String, Integer> started = new java.util.LinkedHashMap<>();
    int n = 0;
    while (!erasing.isDone() || n < 3) {
      String session = "late-s" + (n++) + "-" + run;
      started.put(session, api().post("/v1/sessions/" + session + "/telemetry", first).status());
    }
    assertEquals(200, erasing.join().status());
    String after = "late-after-" + run;
    started.put(after, api().post("/v1/sessions/" + after + "/telemetry", first).status());
    assertEquals(410, started.get(after), "a session named after the erasure is refused");
    for (var e : started.entrySet()) {
      String session = e.getKey();
      assertTrue(e.getValue() == 202 || e.getValue() == 410, session + " answered " + e.getValue());
      long rows = db.journalRows("Session|acme/" + session);
      if (e.getValue() == 410) assertEquals(0, rows, session + " was refused and holds nothing");
      else assertEquals(1, rows, session + " took her before the erasure: only its erasure stays");
      assertEquals(404, api().get("/v1/sessions/" + session).status(), session);
      Reply more = api().post("/v1/sessions/" + session + "/telemetry", first);
      assertEquals(410, more.status(), session + ": " + more.raw().body());
    }
  }

  /**
   * Issue 15: an erasure that fails after it deleted the read models (which name the other users holding the
   * person) completes on a repeat: what it must reach was stored with the marker before anything was deleted.
   */
  @Test
  void aRepeatAfterAFailureMidErasureReachesEveryHolder() throws Exception {
    String her = "crash-her-" + run;
    String him = "crash-him-" + run;
    matched(her, him);
    try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource()) {
      pool.setJdbcUrl(db.url);
      pool.setUsername(db.user);
      pool.setPassword(db.password);
      pool.setMaximumPoolSize(2);
      var crashing = new io.limbic.cluster.erasure.PersonErasure(node.system(), pool,
          java.util.concurrent.ForkJoinPool.commonPool(), Duration.ofSeconds(20), java.time.Clock.systemUTC(),
          step -> {
            if (step.equals("deleted")) throw new IllegalStateException("crash after the deletion");
          });
      var failed = crashing.erase("acme", her).toCompletableFuture().handle((done, failure) -> failure).join();
      assertTrue(failed != null, "the injected failure fails the erasure");
    }
    // The crash left him holding her, and no read model names him as her holder any more; no read shows her.
    assertEquals(0, db.count("SELECT COUNT(*) FROM daily_matches WHERE candidate_id = '" + her + "'"));
    assertTrue(heldMatchIds(him).contains(her), "the failed erasure did not reach him");
    assertFalse(matchIds(him).contains(her), "his daily matches leave out a person marked erased");

    Reply repeat = api().send("DELETE", "/v1/users/" + her, null);
    assertEquals(200, repeat.status(), repeat.raw().body());
    assertFalse(heldMatchIds(him).contains(her), "the repeat made him forget her");
    assertEquals(1, db.journalRows("User|acme/" + her));
    assertEquals(0, rowsAbout(her));
  }
}
