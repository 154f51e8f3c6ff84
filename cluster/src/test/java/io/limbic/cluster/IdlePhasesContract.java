package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.SlowAnalyzer;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Idle-time phases with accelerated thresholds (1 s, 2 s, 3 s) and an analyzer slowed to 600 ms per step, so that
 * tests can act while a phase runs. Once per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdlePhasesContract {
  static final String KEY = "acme-key-0123456789abcdef";
  static final String GLOBEX_KEY = "globex-key-0123456789abcdef";
  static final String DELAY_MS = "600";
  static final Map<String, Object> SETTINGS =
      Map.of(
          "limbic.api-keys", "acme:" + KEY + ",globex:" + GLOBEX_KEY,
          "limbic.idle.phases", "1s,2s,3s",
          "limbic.idle.sweep-interval", "300ms",
          "limbic.idle.concurrency", 1,
          "limbic.idle.analyzer", SlowAnalyzer.class.getName());

  TestDatabase db;
  LimbicNode node;

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
    System.setProperty("limbic.test.phase-delay", DELAY_MS);
    db = TestDatabase.of(database());
    node = TestNode.start(db, SETTINGS);
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

  /** The node's and the cluster's figures, for operators: on the management port, with no key. */
  JsonNode management(String path) throws Exception {
    int port = node.system().settings().config().getInt("pekko.management.http.port");
    ApiClient.Reply reply = ApiClient.getUrl("http://127.0.0.1:" + port + path);
    assertEquals(200, reply.status(), reply.raw().body());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.raw().body());
  }

  static String newUser() {
    return "idle-" + UUID.randomUUID();
  }

  private void heartbeat(String user) throws Exception {
    assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + user + "\"}").status());
  }

  private JsonNode idle(String user) throws Exception {
    Reply reply = api().get("/v1/users/" + user);
    assertEquals(200, reply.status(), reply.raw().body());
    return reply.body().get("idle");
  }

  /** IdlePhaseCompleted events of this user in the journal. */
  long completedEvents(String user) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(
            "SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"event_ser_manifest\" LIKE ?")) {
      s.setString(1, "User|acme/" + user);
      s.setString(2, "%IdlePhaseCompleted%"); // a versioned manifest ends with #n
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void awaitAllPhases(String user) throws Exception {
    Eventually.within(Duration.ofSeconds(30), () -> assertEquals(3, idle(user).get("completedPhases").asInt()));
  }

  private void awaitInFlight(String user, int phase) throws Exception {
    Eventually.within(Duration.ofSeconds(15), () -> assertEquals(phase, idle(user).get("phaseInFlight").asInt()));
  }

  @Test
  void phasesRunInOrderEachOnceAndPersistTheirResults() throws Exception {
    String user = newUser();
    heartbeat(user);
    awaitAllPhases(user);
    JsonNode results = idle(user).get("results");
    assertTrue(results.has("light") && results.has("medium") && results.has("deep"), results.toString());
    assertEquals(3, completedEvents(user));
  }

  @Test
  void aHeartbeatHaltsTheRunningPhaseAndNothingOfItIsPersisted() throws Exception {
    String user = newUser();
    heartbeat(user);
    awaitInFlight(user, 1);
    Reply back = api().post("/v1/heartbeat", "{\"userId\":\"" + user + "\"}");
    assertTrue(back.body().get("processingHalted").asBoolean(), back.raw().body());
    assertEquals(0, idle(user).get("completedPhases").asInt());
    assertEquals(0, completedEvents(user), "the halted phase persisted nothing");
    // The next idle period starts the phases again, and only its three complete.
    awaitAllPhases(user);
    assertEquals(3, completedEvents(user));
    assertEquals(back.body().get("lastActiveAt").asText(), idle(user).get("idleSince").asText());
  }

  @Test
  void theGovernorBoundHoldsAndEveryoneIsServed() throws Exception {
    List<String> users = List.of(newUser(), newUser(), newUser(), newUser());
    for (String user : users) heartbeat(user);
    for (String user : users) awaitAllPhases(user);
    JsonNode status = management("/scheduler/status");
    JsonNode cluster = status.get("cluster");
    assertEquals(1, cluster.get("concurrency").asInt());
    assertTrue(cluster.get("peakConcurrent").asInt() <= 1, status.toString());
    for (JsonNode phase : cluster.get("phases")) assertTrue(phase.get("completed").asLong() >= users.size());
    assertEquals(status.get("node").get("node").asText(), status.get("nodes").get(0).get("node").asText());
    JsonNode mine = api().get("/v1/scheduler/status").body();
    for (JsonNode phase : mine.get("phases")) assertTrue(phase.get("completed").asLong() >= users.size(), mine.toString());
    for (String user : users) assertEquals(3, completedEvents(user));
  }

  /** Issue 7, defect 6: the scheduler's figures of one tenant are not shown to another. */
  @Test
  void aTenantSeesNoneOfAnotherTenantsWork() throws Exception {
    String user = newUser();
    heartbeat(user);
    awaitAllPhases(user);
    Reply acme = api().get("/v1/scheduler/status");
    Reply globex = new ApiClient(node.httpPort(), GLOBEX_KEY).validating(openApi).get("/v1/scheduler/status");
    assertEquals(200, globex.status(), globex.raw().body());
    for (Reply reply : List.of(acme, globex)) {
      List<String> fields = new java.util.ArrayList<>();
      reply.body().fieldNames().forEachRemaining(fields::add);
      assertEquals(List.of("phases"), fields, reply.raw().body());
      assertFalse(reply.raw().body().contains("pekko://"), reply.raw().body());
    }
    assertEquals(3, globex.body().get("phases").size());
    for (JsonNode phase : globex.body().get("phases")) {
      for (String field : List.of("queued", "running", "completed", "halted", "refused", "failed", "lagP50Ms",
          "lagP99Ms")) {
        assertEquals(0, phase.get(field).asDouble(), field + " of globex: " + globex.raw().body());
      }
    }
    for (JsonNode phase : acme.body().get("phases")) assertTrue(phase.get("completed").asLong() >= 1, acme.raw().body());
    // Operators see both on the management port, which no tenant key opens.
    assertTrue(management("/scheduler/status").get("cluster").get("phases").get(0).get("completed").asLong() >= 1);
  }

  @Test
  void aRestartInTheMiddleOfAPhaseStillCompletesEachPhaseOnce() throws Exception {
    String user = newUser();
    heartbeat(user);
    awaitInFlight(user, 2);
    node.stop();
    node = TestNode.start(db, SETTINGS);
    awaitAllPhases(user);
    assertEquals(3, completedEvents(user));
  }

  @Test
  void aCrashInTheMiddleOfAPhaseStillCompletesEachPhaseOnce() throws Exception {
    node.stop();
    node = null;
    int httpPort = TestNode.freePort();
    Map<String, String> environment = new java.util.HashMap<>(Map.of(
        "LIMBIC_DATA_DIR", db.dataDir.toString(),
        "LIMBIC_HTTP_PORT", Integer.toString(httpPort),
        "LIMBIC_MANAGEMENT_PORT", Integer.toString(TestNode.freePort()),
        "LIMBIC_REMOTE_PORT", Integer.toString(TestNode.freePort()),
        "LIMBIC_API_KEYS", "acme:" + KEY,
        "LIMBIC_IDLE_PHASES", "1s,2s,3s",
        "LIMBIC_IDLE_SWEEP_INTERVAL", "300ms",
        "LIMBIC_IDLE_ANALYZER", SlowAnalyzer.class.getName()));
    environment.put("LIMBIC_DB_URL", db.url);
    environment.put("LIMBIC_DB_USER", db.user);
    environment.put("LIMBIC_DB_PASSWORD", db.password);
    String user = newUser();
    NodeProcess crashing = NodeProcess.start(environment, List.of("-Dlimbic.test.phase-delay=3000"));
    try {
      ApiClient remote = new ApiClient(httpPort, KEY);
      // A fresh process on a busy machine may answer the first asks 503 while shards and entities start: retry,
      // as a client does (a heartbeat is idempotent for the phases).
      Eventually.within(Duration.ofSeconds(60), () ->
          assertEquals(200, remote.post("/v1/heartbeat", "{\"userId\":\"" + user + "\"}").status()));
      Eventually.within(Duration.ofSeconds(15), () ->
          assertEquals(1, remote.get("/v1/users/" + user).body().get("idle").get("phaseInFlight").asInt()));
    } finally {
      crashing.kill();
      // The other tests need a node even when this one fails.
      node = TestNode.start(db, SETTINGS);
    }
    awaitAllPhases(user);
    assertEquals(3, completedEvents(user));
  }
}
