package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.LoggedErrors;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The foundation's promises, over HTTP on a real socket against a real node and database. Run once per database by
 * the {@code *IT} subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HeartbeatApiContract {
  static final String ACME_KEY = "acme-key-0123456789abcdef";
  static final String GLOBEX_KEY = "globex-key-0123456789abcdef";
  static final Map<String, Object> SETTINGS =
      Map.of("limbic.api-keys", "acme:" + ACME_KEY + ",globex:" + GLOBEX_KEY);

  TestDatabase db;
  LimbicNode node;

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
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

  ApiClient acme() {
    return new ApiClient(node.httpPort(), ACME_KEY).validating(openApi);
  }

  ApiClient globex() {
    return new ApiClient(node.httpPort(), GLOBEX_KEY).validating(openApi);
  }

  static String newUser() {
    return "u-" + UUID.randomUUID();
  }

  static String heartbeat(String userId, Instant at) {
    return "{\"userId\":\"" + userId + "\",\"sessionId\":\"s1\",\"at\":\"" + at + "\"}";
  }

  void restart() throws Exception {
    int mark = LoggedErrors.mark();
    node.stop();
    assertEquals(List.of(), LoggedErrors.since(mark), "a graceful stop logs no error");
    node = TestNode.start(db, SETTINGS);
  }

  @Test
  void heartbeatIsAcknowledgedAndReadBack() throws Exception {
    String user = newUser();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Reply reply = acme().post("/v1/heartbeat", heartbeat(user, at));
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(user, reply.body().get("userId").asText());
    assertEquals(at, Instant.parse(reply.body().get("lastActiveAt").asText()));
    assertEquals(at, Instant.parse(reply.body().get("activeSince").asText()));
    assertFalse(reply.body().get("processingHalted").asBoolean());

    Reply read = acme().get("/v1/users/" + user);
    assertEquals(200, read.status());
    assertEquals(1, read.body().get("heartbeatCount").asLong());
  }

  @Test
  void stateAndProjectionSurviveARestartAndNothingIsCountedTwice() throws Exception {
    String user = newUser();
    Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
    // Two minutes apart: each one is past the persist interval, so each is an event.
    for (int i = 0; i < 3; i++) {
      assertEquals(200, acme().post("/v1/heartbeat", heartbeat(user, start.plus(Duration.ofMinutes(2 * i)))).status());
    }
    // Within the interval: coalesced in memory, written by the entity when the node stops.
    Instant coalesced = start.plus(Duration.ofMinutes(4)).plusSeconds(10);
    assertEquals(200, acme().post("/v1/heartbeat", heartbeat(user, coalesced)).status());
    awaitActivity(user, 3);

    long journalBefore = db.journalRows();
    restart();
    assertEquals(journalBefore + 1, db.journalRows(), "the coalesced heartbeat was flushed on stop");

    Reply read = acme().get("/v1/users/" + user);
    assertEquals(200, read.status());
    assertEquals(4, read.body().get("heartbeatCount").asLong());
    assertEquals(coalesced, Instant.parse(read.body().get("lastActiveAt").asText()));
    assertEquals(start, Instant.parse(read.body().get("activeSince").asText()));

    assertEquals(200, acme().post("/v1/heartbeat", heartbeat(user, start.plus(Duration.ofMinutes(6)))).status());
    awaitActivity(user, 5);
    assertEquals(1, db.count("SELECT COUNT(*) FROM user_activity WHERE user_id = '" + user + "'"));
  }

  private void awaitActivity(String user, long heartbeats) throws Exception {
    Eventually.within(
        Duration.ofSeconds(20),
        () -> {
          Reply activity = acme().get("/v1/activity?activeWithin=PT15M");
          assertEquals(200, activity.status());
          JsonNode row = find(activity.body().get("users"), user);
          assertEquals(heartbeats, row == null ? -1 : row.get("heartbeats").asLong());
        });
  }

  private static JsonNode find(JsonNode users, String user) {
    for (JsonNode u : users) if (u.get("userId").asText().equals(user)) return u;
    return null;
  }

  @Test
  void batchAppliesValidItemsAndReportsTheOthers() throws Exception {
    String a = newUser();
    String b = newUser();
    String body =
        "{\"heartbeats\":[{\"userId\":\"" + a + "\"},{\"userId\":\"bad id\"},{\"userId\":\"" + b
            + "\"},{\"sessionId\":\"s\"},{\"userId\":\"" + a + "\",\"at\":\"2999-01-01T00:00:00Z\"}]}";
    Reply reply = acme().post("/v1/heartbeats", body);
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(2, reply.body().get("accepted").asInt());
    assertEquals(3, reply.body().get("rejected").asInt());
    JsonNode errors = reply.body().get("errors");
    assertEquals(List.of(1, 3, 4), List.of(errors.get(0).get("index").asInt(), errors.get(1).get("index").asInt(),
        errors.get(2).get("index").asInt()));
    assertEquals("invalid_id", errors.get(0).get("code").asText());
    assertEquals("missing_field", errors.get(1).get("code").asText());
    assertEquals("time_in_future", errors.get(2).get("code").asText());
    assertEquals(200, acme().get("/v1/users/" + a).status());
    assertEquals(200, acme().get("/v1/users/" + b).status());
  }

  @Test
  void everyBadInputGetsItsStatusAsAProblemAndChangesNothing() throws Exception {
    String user = newUser();
    long before = db.journalRows();
    String big = "{\"userId\":\"" + user + "\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
    StringBuilder many = new StringBuilder("{\"heartbeats\":[");
    for (int i = 0; i < 1001; i++) many.append(i == 0 ? "" : ",").append("{\"userId\":\"").append(user).append("\"}");
    many.append("]}");
    String huge = "{\"heartbeats\":[{\"userId\":\"" + user + "\",\"pad\":\"" + "x".repeat(1100 * 1024) + "\"}]}";

    assertProblem(400, acme().post("/v1/heartbeat", "{\"userId\":"));
    assertProblem(400, acme().post("/v1/heartbeat", ""));
    assertProblem(400, acme().post("/v1/heartbeat", "{}"));
    assertProblem(400, acme().post("/v1/heartbeat", "{\"userId\":17}"));
    assertProblem(400, acme().post("/v1/heartbeat", "{\"userId\":\"" + "x".repeat(129) + "\"}"));
    assertProblem(400, acme().post("/v1/heartbeat", "{\"userId\":\"has space\"}"));
    assertProblem(400, acme().post("/v1/heartbeat", "{\"userId\":\"" + user + "\",\"sessionId\":[]}"));
    assertProblem(400, acme().post("/v1/heartbeat",
        heartbeat(user, Instant.now().plus(Duration.ofMinutes(6)))));
    assertProblem(400, acme().post("/v1/heartbeat", "{\"userId\":\"" + user + "\",\"at\":\"soon\"}"));
    assertProblem(413, acme().post("/v1/heartbeat", big));
    assertProblem(400, acme().post("/v1/heartbeats", "{\"heartbeats\":{}}"));
    assertProblem(413, acme().post("/v1/heartbeats", many.toString()));
    assertProblem(413, acme().post("/v1/heartbeats", huge));
    assertProblem(401, new ApiClient(node.httpPort(), null).validating(openApi)
        .post("/v1/heartbeat", heartbeat(user, Instant.now())));
    assertProblem(401, new ApiClient(node.httpPort(), "not-a-key-at-all-000").validating(openApi).post(
        "/v1/heartbeat",
        heartbeat(user, Instant.now())));
    assertProblem(404, acme().get("/v1/nothing-here"));
    assertProblem(405, acme().get("/v1/heartbeat"));
    assertProblem(400, acme().get("/v1/users/has%20space"));
    assertProblem(404, acme().get("/v1/users/" + user));
    assertProblem(400, acme().get("/v1/activity?activeWithin=five-minutes"));
    assertProblem(400, acme().get("/v1/activity?activeWithin=-PT5M"));

    assertEquals(before, db.journalRows(), "rejected requests persisted nothing");
  }

  /** Issue 7, defect 2: one such heartbeat used to stop idle work for every tenant, for good. */
  @Test
  void timesCenturiesAwayAreRejectedOnEveryRouteAndPersistNothing() throws Exception {
    String ancient = "-300000000-01-01T00:00:00Z";
    Reply one = acme().post("/v1/heartbeat", "{\"userId\":\"x\",\"at\":\"" + ancient + "\"}");
    assertProblem(400, one);
    assertTrue(one.body().get("type").asText().endsWith("time_in_past"), one.raw().body());
    assertTrue(one.body().get("detail").asText().startsWith("at is more than 24 hours in the past"), one.raw().body());
    Reply future = acme().post("/v1/heartbeat", "{\"userId\":\"x\",\"at\":\"+300000000-01-01T00:00:00Z\"}");
    assertProblem(400, future);
    assertTrue(future.body().get("type").asText().endsWith("time_in_future"), future.raw().body());
    assertProblem(400, acme().post("/v1/heartbeat",
        heartbeat("x", Instant.now().minus(Duration.ofHours(25)))));

    Reply batch = acme().post("/v1/heartbeats", "{\"heartbeats\":[{\"userId\":\"x\",\"at\":\"" + ancient + "\"}]}");
    assertEquals("time_in_past", batch.body().get("errors").get(0).get("code").asText(), batch.raw().body());
    Reply events = acme().post("/v1/events", "{\"events\":[{\"userId\":\"x\",\"type\":\"signup\",\"at\":\""
        + ancient + "\",\"id\":\"e1\"},{\"userId\":\"x\",\"type\":\"signup\",\"at\":\"1999-12-31T23:59:59Z\",\"id\":\"e2\"}]}");
    assertEquals(0, events.body().get("accepted").asInt(), events.raw().body());
    for (JsonNode error : events.body().get("errors")) assertEquals("time_in_past", error.get("code").asText());
    Reply interactions = acme().post("/v1/interactions", "{\"interactions\":[{\"from\":\"x\",\"to\":\"y\","
        + "\"type\":\"favorite\",\"at\":\"" + ancient + "\",\"id\":\"i1\"}]}");
    assertEquals("time_in_past", interactions.body().get("errors").get(0).get("code").asText(), interactions.raw().body());

    assertEquals(0, db.journalRows("User|acme/x", "User|acme/y"), "nothing of x or y was persisted");
    assertProblem(404, acme().get("/v1/users/x"));
    assertEquals(200, acme().get("/v1/scheduler/status").status());
  }

  private static void assertProblem(int status, Reply reply) {
    assertEquals(status, reply.status(), reply.raw().body());
    assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    assertEquals(status, reply.body().get("status").asInt());
    assertTrue(reply.body().get("type").asText().startsWith("https://limbic.dev/problems/"));
    assertFalse(reply.body().get("detail").asText().isBlank());
  }

  @Test
  void tenantsCannotSeeEachOthersUsers() throws Exception {
    String user = newUser();
    assertEquals(200, acme().post("/v1/heartbeat", heartbeat(user, Instant.now())).status());
    assertEquals(404, globex().get("/v1/users/" + user).status());

    assertEquals(200, globex().post("/v1/heartbeat", heartbeat(user, Instant.now())).status());
    assertEquals(200, globex().post("/v1/heartbeat", heartbeat(user, Instant.now())).status());
    assertEquals(1, acme().get("/v1/users/" + user).body().get("heartbeatCount").asLong());
    assertEquals(2, globex().get("/v1/users/" + user).body().get("heartbeatCount").asLong());

    Eventually.within(
        Duration.ofSeconds(20),
        () -> {
          assertEquals(1, db.count("SELECT COUNT(*) FROM user_activity WHERE tenant = 'globex'"));
          JsonNode globexUsers = globex().get("/v1/activity").body().get("users");
          assertEquals(1, globexUsers.size());
          assertEquals(1, globex().get("/v1/activity").body().get("count").asLong());
        });
    assertTrue(acme().get("/v1/activity").body().get("count").asLong() >= 1);
  }

  @Test
  void managementReportsReadyAndAlive() throws Exception {
    int port = node.system().settings().config().getInt("pekko.management.http.port");
    assertEquals(200, ApiClient.getUrl("http://127.0.0.1:" + port + "/ready").status());
    assertEquals(200, ApiClient.getUrl("http://127.0.0.1:" + port + "/alive").status());
  }
}
