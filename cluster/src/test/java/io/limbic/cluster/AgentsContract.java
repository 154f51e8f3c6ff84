package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.RecordingAgent;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.WebhookReceiver;
import io.limbic.cluster.testkit.WebhookReceiver.Hit;
import io.limbic.projections.agents.FailureMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 8, agents, over HTTP: retries, dead letters and replay, sequence mode, pause and resume, two agents on the
 * same events, Retry-After, the channel breaker and a node restart. Each test uses its own tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AgentsContract {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final List<String> TENANTS =
      List.of("dl", "seq", "pause", "two", "retry", "breaker", "restart", "valid", "chain");

  TestDatabase db;
  LimbicNode node;
  WebhookReceiver receiver;
  RecordingAgent recorder;
  RecordingAgent sequencer;

  abstract String database();

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.of(database());
    receiver = new WebhookReceiver();
    node = startNode();
  }

  private LimbicNode startNode() throws Exception {
    recorder = new RecordingAgent("recorder", FailureMode.SKIP);
    recorder.failing = false;
    sequencer = new RecordingAgent("sequencer", FailureMode.SEQUENCE);
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.api-keys",
        // Pausing acts on every tenant: only the "pause" tenant's key is given the operator role.
        TENANTS.stream().map(t -> t + ":" + key(t) + (t.equals("pause") ? ":ingest+read+admin+operator" : ""))
            .collect(Collectors.joining(",")));
    // The receiver is on 127.0.0.1: allowed here only.
    settings.put("limbic.agents.notifications.allow-private-hosts", true);
    settings.put("limbic.agents.defaults.max-attempts", 3);
    settings.put("limbic.agents.defaults.min-backoff", "50ms");
    settings.put("limbic.agents.defaults.max-backoff", "200ms");
    settings.put("limbic.agents.notifications.channel.breaker-max-failures", 4);
    settings.put("limbic.agents.notifications.channel.breaker-reset-timeout", "1s");
    settings.put("limbic.agents.notifications.channel.max-retry-after-wait", "10s");
    return TestNode.start(db, settings, List.of(recorder, sequencer));
  }

  /** Every response these tests receive is checked against openapi.json. */
  final ContractViolations openApi = new ContractViolations();

  @AfterEach
  void responsesMatchTheOpenApiDescription() {
    openApi.assertNone();
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
    if (receiver != null) receiver.close();
  }

  static String key(String tenant) {
    return tenant + "-key-0123456789abcdef";
  }

  ApiClient api(String tenant) {
    return new ApiClient(node.httpPort(), key(tenant)).validating(openApi);
  }

  void webhook(String tenant, String path) throws Exception {
    Reply put = api(tenant).put("/v1/agents/notifications/channels",
        "{\"channels\":[{\"type\":\"webhook\",\"url\":\"" + receiver.url(path) + "\"}]}");
    assertEquals(200, put.status(), put.raw().body());
  }

  void churn(String tenant, String user, String id) throws Exception {
    post(tenant, user, id, "churn");
  }

  void post(String tenant, String user, String id, String type) throws Exception {
    Reply reply = api(tenant).post("/v1/events", "{\"events\":[{\"userId\":\"" + user + "\",\"type\":\"" + type
        + "\",\"id\":\"" + id + "\",\"at\":\"2026-01-01T10:00:00Z\"}]}");
    assertEquals(200, reply.status(), reply.raw().body());
  }

  JsonNode deadLetters(String tenant, String agent) throws Exception {
    Reply reply = api(tenant).get("/v1/dead-letters?agent=" + agent);
    assertEquals(200, reply.status(), reply.raw().body());
    return reply.body().get("deadLetters");
  }

  JsonNode agent(String tenant, String name) throws Exception {
    Reply reply = api(tenant).get("/v1/agents");
    assertEquals(200, reply.status(), reply.raw().body());
    for (JsonNode a : reply.body().get("agents")) if (a.get("name").asText().equals(name)) return a;
    throw new AssertionError("no agent " + name + " in " + reply.body());
  }

  @Test
  @Order(1)
  void channelsAreValidated() throws Exception {
    ApiClient api = api("valid");
    Reply badType = api.put("/v1/agents/notifications/channels",
        "{\"channels\":[{\"type\":\"email\",\"url\":\"https://example.com/hook\"}]}");
    assertEquals(400, badType.status());
    assertTrue(badType.body().get("detail").asText().contains("channels[0].type"), badType.raw().body());
    Reply badUrl = api.put("/v1/agents/notifications/channels",
        "{\"channels\":[{\"type\":\"slack\",\"url\":\"ftp://example.com\"}]}");
    assertEquals(400, badUrl.status());
    assertTrue(badUrl.body().get("detail").asText().contains("channels[0].url"), badUrl.raw().body());
    assertEquals(400, api.put("/v1/agents/notifications/channels", "{\"channel\":[]}").status());
    Reply good = api.put("/v1/agents/notifications/channels",
        "{\"channels\":[{\"type\":\"slack\",\"url\":\"https://hooks.example.com/T1\"}]}");
    assertEquals(200, good.status(), good.raw().body());
    Reply read = api.get("/v1/agents/notifications/channels");
    assertEquals("slack", read.body().get("channels").get(0).get("type").asText());
    assertEquals("https://hooks.example.com/T1", read.body().get("channels").get(0).get("url").asText());
  }

  @Test
  @Order(2)
  void failedDeliveryIsRetriedParkedAndReplayedOnceWithTheSameKey() throws Exception {
    webhook("dl", "/dl");
    receiver.answer(500);
    churn("dl", "u1", "c1");
    JsonNode letter = Eventually.value(WAIT, () -> {
      JsonNode letters = deadLetters("dl", "notifications");
      assertEquals(1, letters.size(), letters.toString());
      return letters.get(0);
    });
    assertEquals(3, letter.get("attempts").asInt());
    assertEquals("ProductEventsRecorded", letter.get("eventType").asText());
    String key = letter.get("idempotencyKey").asText();
    List<Hit> failed = receiver.hits("/dl");
    assertEquals(3, failed.size());
    for (Hit hit : failed) {
      assertEquals(key, hit.idempotencyKey());
      assertEquals(key, hit.body().get("idempotencyKey").asText());
      assertEquals("churn", hit.body().get("kind").asText());
    }
    JsonNode figures = agent("dl", "notifications");
    assertEquals(1, figures.get("parked").asInt());
    assertTrue(figures.get("failures").asInt() >= 3, figures.toString());
    assertEquals(0, agent("valid", "notifications").get("parked").asInt(), "another tenant's figures");
    assertEquals(0, deadLetters("valid", "notifications").size(), "another tenant's dead letters");
    assertEquals(404, api("valid").post("/v1/dead-letters/" + letter.get("id").asLong() + "/replay", "").status());

    receiver.answer(200);
    Reply replay = api("dl").post("/v1/dead-letters/" + letter.get("id").asLong() + "/replay", "");
    assertEquals(200, replay.status(), replay.raw().body());
    List<Hit> all = receiver.hits("/dl");
    assertEquals(4, all.size());
    assertEquals(key, all.get(3).idempotencyKey());
    assertEquals(200, all.get(3).answered());
    Reply again = api("dl").post("/v1/dead-letters/" + letter.get("id").asLong() + "/replay", "");
    assertEquals(409, again.status(), again.raw().body());
    assertEquals(4, receiver.hits("/dl").size());
    assertEquals(0, agent("dl", "notifications").get("parked").asInt());
    assertTrue(deadLetters("dl", "notifications").get(0).hasNonNull("replayedAt"));
  }

  @Test
  @Order(3)
  void sequenceModeKeepsPerEntityOrderAcrossAParkedEvent() throws Exception {
    sequencer.failing = true;
    post("seq", "s1", "a1", "purchase");
    post("seq", "s1", "a2-poison", "purchase");
    post("seq", "s1", "a3", "purchase");
    post("seq", "s2", "b1", "purchase");
    post("seq", "s1", "a4", "purchase");
    Eventually.within(WAIT, () -> {
      assertEquals(List.of("b1"), sequencer.deliveredIds("s2"));
      assertEquals(3, deadLetters("seq", "sequencer").size());
    });
    assertEquals(List.of("a1"), sequencer.deliveredIds("s1"));
    JsonNode letters = deadLetters("seq", "sequencer");
    JsonNode head = letters.get(2);
    assertEquals(3, head.get("attempts").asInt());
    assertTrue(head.get("blockedBy").isNull());
    assertEquals(head.get("id").asLong(), letters.get(0).get("blockedBy").asLong());
    assertEquals(head.get("id").asLong(), letters.get(1).get("blockedBy").asLong());
    Reply early = api("seq").post("/v1/dead-letters/" + letters.get(1).get("id").asLong() + "/replay", "");
    assertEquals(409, early.status(), early.raw().body());

    Reply stillFailing = api("seq").post("/v1/dead-letters/" + head.get("id").asLong() + "/replay", "");
    assertEquals(502, stillFailing.status(), stillFailing.raw().body());
    sequencer.failing = false;
    Reply replay = api("seq").post("/v1/dead-letters/" + head.get("id").asLong() + "/replay", "");
    assertEquals(200, replay.status(), replay.raw().body());
    assertEquals(3, replay.body().get("delivered").asInt());
    assertEquals(List.of("a1", "a2-poison", "a3", "a4"), sequencer.deliveredIds("s1"));
    post("seq", "s1", "a5", "purchase");
    Eventually.within(WAIT, () ->
        assertEquals(List.of("a1", "a2-poison", "a3", "a4", "a5"), sequencer.deliveredIds("s1")));
    assertEquals(0, agent("seq", "sequencer").get("parked").asInt());
  }

  @Test
  @Order(4)
  void pauseAndResumeOverHttp() throws Exception {
    webhook("pause", "/pause");
    receiver.answer(200);
    assertEquals(403, api("dl").post("/v1/agents/notifications/pause", "").status(), "an admin of one tenant only");
    Reply pause = api("pause").post("/v1/agents/notifications/pause", "");
    assertEquals(200, pause.status(), pause.raw().body());
    assertEquals("paused", agent("pause", "notifications").get("state").asText());
    assertEquals(404, api("pause").post("/v1/agents/nobody/pause", "").status());
    for (int i = 0; i < 3; i++) churn("pause", "p" + i, "pc" + i);
    // The recorder reads the same tags: once it has the events, a running notification agent would have too.
    Eventually.within(WAIT, () -> {
      Set<String> seen = recorder.seen().stream()
          .map(e -> ((io.limbic.protocol.user.UserEvent) e.event()).tenant()).filter("pause"::equals)
          .collect(Collectors.toSet());
      assertEquals(Set.of("pause"), seen);
      assertEquals(3, recorder.seen().stream()
          .filter(e -> ((io.limbic.protocol.user.UserEvent) e.event()).tenant().equals("pause")).count());
    });
    assertEquals(0, receiver.hits("/pause").size(), "delivered while paused");
    Reply resume = api("pause").post("/v1/agents/notifications/resume", "");
    assertEquals(200, resume.status(), resume.raw().body());
    Eventually.within(WAIT, () -> assertEquals(3, receiver.hits("/pause").size()));
    assertEquals("running", agent("pause", "notifications").get("state").asText());
  }

  @Test
  @Order(5)
  void twoAgentsReactToTheSameEvents() throws Exception {
    webhook("two", "/two");
    receiver.answer(200);
    for (int i = 0; i < 4; i++) churn("two", "w" + i, "wc" + i);
    Eventually.within(WAIT, () -> {
      Set<String> notified = receiver.hits("/two").stream().map(Hit::idempotencyKey).collect(Collectors.toSet());
      Set<String> recorded = recorder.seen().stream()
          .filter(e -> e.tenant().equals("two")).map(e -> e.idempotencyKey()).collect(Collectors.toSet());
      assertEquals(4, notified.size());
      assertEquals(notified, recorded);
    });
    JsonNode figures = agent("two", "recorder");
    assertEquals("running", figures.get("state").asText());
    assertTrue(figures.get("eventsPerSecond").asDouble() >= 0);
  }

  @Test
  @Order(6)
  void retryAfterOfTheReceiverIsHonoured() throws Exception {
    webhook("retry", "/retry");
    receiver.answer(200);
    receiver.answerNextOnce(429, "2");
    churn("retry", "r1", "rc1");
    Eventually.within(WAIT, () -> assertEquals(2, receiver.hits("/retry").size()));
    List<Hit> hits = receiver.hits("/retry");
    assertEquals(429, hits.get(0).answered());
    assertEquals(200, hits.get(1).answered());
    long gapMillis = (hits.get(1).arrivedNanos() - hits.get(0).arrivedNanos()) / 1_000_000;
    assertTrue(gapMillis >= 2000, "the second call came " + gapMillis + " ms after a Retry-After of 2 s");
  }

  @Test
  @Order(7)
  void theChannelBreakerOpensAndHalfOpens() throws Exception {
    webhook("breaker", "/breaker");
    receiver.answer(500);
    churn("breaker", "k1", "kc1");
    churn("breaker", "k2", "kc2");
    Eventually.within(WAIT, () -> assertEquals(2, deadLetters("breaker", "notifications").size()));
    // Six attempts in all; after four failures in a row the breaker fails the rest without calling.
    int hits = receiver.hits("/breaker").size();
    assertTrue(hits < 6, "the receiver was called " + hits + " times for 6 attempts");
    receiver.answer(200);
    for (JsonNode letter : deadLetters("breaker", "notifications")) {
      long id = letter.get("id").asLong();
      Eventually.within(WAIT, () -> {
        Reply replay = api("breaker").post("/v1/dead-letters/" + id + "/replay", "");
        assertEquals(200, replay.status(), replay.raw().body());
      });
    }
    assertEquals(0, agent("breaker", "notifications").get("parked").asInt());
  }

  @Test
  @Order(8)
  void aRestartLosesNoEventAndRepeatsOnlyWithTheSameKey() throws Exception {
    webhook("restart", "/restart");
    receiver.answer(200);
    for (int i = 0; i < 5; i++) churn("restart", "x" + i, "xc" + i);
    Eventually.within(WAIT, () -> assertTrue(receiver.hits("/restart").size() >= 1));
    node.stop();
    node = startNode();
    for (int i = 5; i < 10; i++) churn("restart", "x" + i, "xc" + i);
    Eventually.within(WAIT, () -> {
      Set<String> users = new HashSet<>();
      for (Hit hit : receiver.hits("/restart")) users.add(hit.body().get("userId").asText());
      assertEquals(10, users.size(), users.toString());
    });
    Map<String, Set<String>> bodiesByKey = new HashMap<>();
    for (Hit hit : receiver.hits("/restart")) {
      assertEquals(hit.idempotencyKey(), hit.body().get("idempotencyKey").asText());
      bodiesByKey.computeIfAbsent(hit.idempotencyKey(), k -> new HashSet<>()).add(hit.body().toString());
    }
    assertEquals(10, bodiesByKey.size());
    bodiesByKey.forEach((k, bodies) -> assertEquals(1, bodies.size(), "one event per key: " + bodies));
  }

  /**
   * One request's chain across two agents: a churn event (request) -> the user-engagement agent's UserAtRisk (its
   * cause: the product event) -> the notification agent's webhook call (its cause: the UserAtRisk), all with the
   * request's correlation id.
   */
  @Test
  @Order(9)
  void oneRequestsCorrelationChainCrossesTwoAgents() throws Exception {
    Reply channels = api("chain").put("/v1/agents/notifications/channels",
        "{\"channels\":[{\"type\":\"webhook\",\"url\":\"" + receiver.url("/chain") + "\",\"kinds\":[\"at_risk\"]}]}");
    assertEquals(200, channels.status(), channels.raw().body());
    receiver.answer(200);
    // No earlier event of c1: an assessment caused by it could see the churn and start a chain of its own.
    String correlation = "chain-" + System.nanoTime();
    Reply churn = api("chain").send("POST", "/v1/events", "{\"events\":[{\"userId\":\"c1\",\"type\":\"churn\","
        + "\"id\":\"cc1\",\"at\":\"" + java.time.Instant.now() + "\"}]}", "X-Correlation-Id", correlation);
    assertEquals(200, churn.status(), churn.raw().body());
    String requestId = churn.header("X-Request-Id");

    Hit hit = Eventually.value(WAIT, () -> {
      List<Hit> hits = receiver.hits("/chain");
      assertEquals(1, hits.size(), "only the at_risk kind reaches this channel");
      return hits.get(0);
    });
    assertEquals("at_risk", hit.body().get("kind").asText());
    assertEquals(correlation, hit.body().get("correlationId").asText());

    JsonNode chain = Eventually.value(WAIT, () -> {
      JsonNode events = api("chain").get("/v1/events?correlationId=" + correlation).body().get("events");
      assertEquals(2, events.size(), events.toString());
      return events;
    });
    JsonNode recorded = chain.get(0);
    JsonNode atRisk = chain.get(1);
    assertEquals("ProductEventsRecorded", recorded.get("type").asText());
    assertEquals(requestId, recorded.get("causationId").asText(), "the request caused the product event");
    assertEquals("UserAtRisk", atRisk.get("type").asText());
    String recordedId = recorded.get("persistenceId").asText() + ":" + recorded.get("sequenceNr").asLong();
    assertEquals(recordedId, atRisk.get("causationId").asText(), "the engagement agent acted on the product event");
    String atRiskId = atRisk.get("persistenceId").asText() + ":" + atRisk.get("sequenceNr").asLong();
    assertEquals(atRiskId, hit.body().get("causationId").asText(), "the notification agent acted on the UserAtRisk");
    assertEquals(atRiskId, hit.idempotencyKey());
  }
}
