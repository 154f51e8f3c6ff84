package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import io.limbic.protocol.Tags;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.UserEvent.BecameActive;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** X-Correlation-Id and the event chains of GET /v1/events, over HTTP on a real node; once per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CorrelationContract {
  static final String ACME_KEY = "acme-key-0123456789abcdef";
  static final String GLOBEX_KEY = "globex-key-0123456789abcdef";
  static final Duration WAIT = Duration.ofSeconds(30);

  TestDatabase db;
  LimbicNode node;

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + ACME_KEY + ",globex:" + GLOBEX_KEY));
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

  static String heartbeat(String userId) {
    return "{\"userId\":\"" + userId + "\",\"sessionId\":\"s1\",\"at\":\"" + Instant.now() + "\"}";
  }

  static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  @Test
  void aGivenIdComesBackAndAMissingOneIsGenerated() throws Exception {
    Reply given = acme().send("POST", "/v1/heartbeat", heartbeat(newId("u")), "X-Correlation-Id", "order-42:a/b+c=");
    assertEquals(200, given.status());
    assertEquals("order-42:a/b+c=", given.header("X-Correlation-Id"));
    assertNotNull(given.header("X-Request-Id"));

    Reply generated = acme().post("/v1/heartbeat", heartbeat(newId("u")));
    assertEquals(200, generated.status());
    UUID.fromString(generated.header("X-Correlation-Id"));
    assertNotEquals(generated.header("X-Correlation-Id"), acme().post("/v1/heartbeat", heartbeat(newId("u")))
        .header("X-Correlation-Id"));
  }

  @Test
  void errorsCarryTheIdToo() throws Exception {
    Reply unauthorized =
        new ApiClient(node.httpPort(), "wrong-key").validating(openApi)
            .send("GET", "/v1/activity", null, "X-Correlation-Id", "c-401");
    assertEquals(401, unauthorized.status());
    assertEquals("c-401", unauthorized.header("X-Correlation-Id"));
    Reply notFound = acme().send("GET", "/v1/no-such-thing", null, "X-Correlation-Id", "c-404");
    assertEquals(404, notFound.status());
    assertEquals("c-404", notFound.header("X-Correlation-Id"));
    String big = "{\"userId\":\"" + "x".repeat(70_000) + "\"}";
    Reply tooLarge = acme().send("POST", "/v1/heartbeat", big, "X-Correlation-Id", "c-413");
    assertEquals(413, tooLarge.status());
    assertEquals("c-413", tooLarge.header("X-Correlation-Id"));
    Reply badBody = acme().send("POST", "/v1/heartbeat", "{", "X-Correlation-Id", "c-400");
    assertEquals(400, badBody.status());
    assertEquals("c-400", badBody.header("X-Correlation-Id"));
  }

  @Test
  void badIdsAreRefused() throws Exception {
    for (String bad : List.of("has space", "x".repeat(256), "semi;colon", "\u00e9")) {
      Reply reply = acme().send("POST", "/v1/heartbeat", heartbeat(newId("u")), "X-Correlation-Id", bad);
      assertEquals(400, reply.status(), bad);
      assertTrue(reply.body().get("type").asText().endsWith("/invalid_correlation_id"), reply.raw().body());
      assertTrue(reply.contentType().startsWith("application/problem+json"));
      assertNotEquals(bad, reply.header("X-Correlation-Id"));
      assertNotNull(reply.header("X-Correlation-Id"));
    }
    assertEquals(200, acme().send("POST", "/v1/heartbeat", heartbeat(newId("u")), "X-Correlation-Id",
        "x".repeat(255)).status());
    // The name of a chain an agent started: its first event, persistenceId:sequenceNr.
    assertEquals(200, acme().send("POST", "/v1/heartbeat", heartbeat(newId("u")), "X-Correlation-Id",
        "User|acme/" + "u".repeat(128) + ":42").status());
    assertEquals(400, acme().get("/v1/events").status());
    assertEquals(400, acme().get("/v1/events?correlationId=").status());
  }

  @Test
  void aHeartbeatsChainIsItsBecameActiveForItsTenantOnly() throws Exception {
    String user = newId("u");
    String correlation = newId("c");
    Reply reply = acme().send("POST", "/v1/heartbeat", heartbeat(user), "X-Correlation-Id", correlation);
    assertEquals(200, reply.status());
    String requestId = reply.header("X-Request-Id");
    JsonNode events = Eventually.value(WAIT, () -> nonEmptyChain(acme(), correlation));
    assertEquals(1, events.size(), events.toString());
    JsonNode e = events.get(0);
    assertEquals("User|acme/" + user, e.get("persistenceId").asText());
    assertEquals(1, e.get("sequenceNr").asLong());
    assertEquals("BecameActive", e.get("type").asText());
    assertEquals(requestId, e.get("causationId").asText());
    Instant.parse(e.get("at").asText());

    Reply other = new ApiClient(node.httpPort(), GLOBEX_KEY).validating(openApi)
        .get("/v1/events?correlationId=" + correlation);
    assertEquals(200, other.status());
    assertEquals(correlation, other.body().get("correlationId").asText());
    assertEquals(0, other.body().get("events").size(), "another tenant sees nothing of acme's chain");
  }

  @Test
  void telemetrysChainRunsFromTheSessionToTheUser() throws Exception {
    String user = newId("u");
    String session = newId("s");
    String correlation = newId("c");
    Set<String> requestIds = new HashSet<>();
    for (String message : Traces.messages(11, EmotionalState.RAGE, user)) {
      Reply reply =
          acme().send("POST", "/v1/sessions/" + session + "/telemetry", message, "X-Correlation-Id", correlation);
      assertEquals(202, reply.status(), reply.raw().body());
      assertEquals(correlation, reply.header("X-Correlation-Id"));
      requestIds.add(reply.header("X-Request-Id"));
    }
    String sessionPid = "Session|acme/" + session;
    String userPid = "User|acme/" + user;
    // Each entity type's tags have their own projection instances: wait until all of the chain has arrived.
    Eventually.within(WAIT, () -> assertChain(nonEmptyChain(acme(), correlation), requestIds, sessionPid, userPid));
  }

  private static void assertChain(JsonNode events, Set<String> requestIds, String sessionPid, String userPid) {
    Map<String, Integer> position = new HashMap<>();
    List<String> types = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      position.put(e.get("persistenceId").asText() + ":" + e.get("sequenceNr").asLong(), i);
      types.add(e.get("type").asText());
    }
    assertTrue(types.contains("SignalDetected"), types.toString());
    assertTrue(types.contains("EmotionDetected"), types.toString());
    assertTrue(types.contains("EmotionObserved"), types.toString());
    long lastSessionSeq = 0;
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String pid = e.get("persistenceId").asText();
      String cause = e.get("causationId").asText();
      if (pid.equals(sessionPid)) {
        assertTrue(requestIds.contains(cause), "a session event is caused by one of the requests: " + e);
        assertTrue(e.get("sequenceNr").asLong() > lastSessionSeq, "the session's events come in order: " + events);
        lastSessionSeq = e.get("sequenceNr").asLong();
      } else if (e.get("type").asText().equals("Identified")) {
        // The session's first telemetry names its user: the user's entity records the session first (README
        // "Erasing and exporting a person"), caused by that request.
        assertEquals(userPid, pid, events.toString());
        assertTrue(requestIds.contains(cause), "the user records the session for one of the requests: " + e);
      } else {
        assertEquals(userPid, pid, events.toString());
        assertEquals("EmotionObserved", e.get("type").asText());
        Integer causeAt = position.get(cause);
        assertNotNull(causeAt, "the user's event names a session event of the chain: " + cause);
        assertEquals("EmotionDetected", events.get(causeAt).get("type").asText());
        assertTrue(causeAt < i, "the cause comes before its effect: " + events);
      }
    }
  }

  /**
   * An event written before traces existed (a journal row with no metadata) replays into the entity and is
   * projected into the read models; the chain projection passes over it and goes on to later traced events.
   */
  @Test
  void anOldEventWithoutTraceReplaysAndProjects() throws Exception {
    String user = newId("old");
    String entityId = new TenantScopedId("acme", user).entityId();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    writeUntraced("User|" + entityId, Tags.forEntity("User", entityId), new BecameActive("acme", user, at, "s1", 1));

    Reply replayed = acme().get("/v1/users/" + user);
    assertEquals(200, replayed.status(), replayed.raw().body());
    assertEquals(at, Instant.parse(replayed.body().get("lastActiveAt").asText()));
    Eventually.within(WAIT, () -> {
      Reply activity = acme().get("/v1/activity");
      assertTrue(activity.raw().body().contains(user), "the activity read model has the old event");
    });

    String later = sameTag(entityId);
    String correlation = newId("c");
    acme().send("POST", "/v1/heartbeat", heartbeat(later), "X-Correlation-Id", correlation);
    JsonNode chain = Eventually.value(WAIT, () -> nonEmptyChain(acme(), correlation));
    assertEquals("User|acme/" + later, chain.get(0).get("persistenceId").asText());
  }

  /** A new user whose events share the tag of {@code entityId}'s, so one projection instance sees both. */
  private static String sameTag(String entityId) {
    String tag = Tags.forEntity("User", entityId);
    while (true) {
      String candidate = newId("u");
      if (Tags.forEntity("User", new TenantScopedId("acme", candidate).entityId()).equals(tag)) return candidate;
    }
  }

  private void writeUntraced(String persistenceId, String tag, Object event) throws Exception {
    Serialization serialization = SerializationExtension.get(node.system().classicSystem());
    Serializer serializer = serialization.findSerializerFor(event);
    byte[] payload = serialization.serialize(event).get();
    try (Connection c = db.connect()) {
      long ordering;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO \"event_journal\" (\"deleted\", \"persistence_id\", \"sequence_number\", \"writer\","
              + " \"write_timestamp\", \"adapter_manifest\", \"event_payload\", \"event_ser_id\","
              + " \"event_ser_manifest\") VALUES (FALSE, ?, 1, 'before-traces', ?, '', ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, persistenceId);
        ps.setLong(2, System.currentTimeMillis());
        ps.setBytes(3, payload);
        ps.setInt(4, serializer.identifier());
        ps.setString(5, Serializers.manifestFor(serializer, event));
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          ordering = keys.getLong("ordering");
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
        ps.setLong(1, ordering);
        ps.setString(2, tag);
        ps.executeUpdate();
      }
    }
  }

  private static JsonNode nonEmptyChain(ApiClient client, String correlation) throws Exception {
    Reply reply = client.get("/v1/events?correlationId=" + correlation);
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(correlation, reply.body().get("correlationId").asText());
    JsonNode events = reply.body().get("events");
    assertFalse(events.isEmpty(), "no events yet for " + correlation);
    return events;
  }
}
