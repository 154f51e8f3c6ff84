package io.limbic.cluster.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.LimbicNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.projections.agents.AgentEvent;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.EngagementChanged;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import io.limbic.protocol.user.UserEvent.UserAtRisk;
import io.limbic.protocol.user.UserEvent.UserEngaged;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The user-engagement agent against a real node (H2): real events from HTTP, read back from the journal as the
 * agent platform would hand them over, {@code react()} called directly, the result read over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserEngagementAgentH2IT {
  private static final String KEY = "acme-key-0123456789abcdef";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private LimbicNode node;
  private UserEngagementAgent agent;

  @BeforeAll
  void start() throws Exception {
    node = TestNode.start(TestDatabase.h2(), Map.of("limbic.api-keys", "acme:" + KEY));
    agent = new UserEngagementAgent(ClusterSharding.get(node.system()), Duration.ofSeconds(5));
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
  }

  private ApiClient api() {
    return new ApiClient(node.httpPort(), KEY);
  }

  private static String product(String user, String type, String id, Instant at) {
    return "{\"userId\":\"" + user + "\",\"type\":\"" + type + "\",\"amount\":5,\"currency\":\"EUR\",\"at\":\""
        + at + "\",\"id\":\"" + id + "\"}";
  }

  private void post(String path, String body) throws Exception {
    Reply reply = api().post(path, body);
    assertEquals(200, reply.status(), reply.raw().body());
  }

  /** The user's events as the platform hands them to an agent: one AgentEvent per journal entry. */
  private List<AgentEvent> journal(String user) {
    String pid = "User|acme/" + user;
    JdbcReadJournal journal =
        PersistenceQuery.get(node.system()).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    List<EventEnvelope> envelopes = journal.currentEventsByPersistenceId(pid, 0, Long.MAX_VALUE)
        .runWith(Sink.seq(), node.system()).toCompletableFuture().join();
    return envelopes.stream()
        .map(e -> new AgentEvent(pid, e.sequenceNr(), "acme", e.event(), Instant.ofEpochMilli(e.timestamp()),
            pid + ":" + e.sequenceNr(), null))
        .toList();
  }

  /** The user's journal once it holds {@code size} events (the write side acknowledges before the read is done). */
  private List<AgentEvent> eventually(String user, int size) throws Exception {
    return Eventually.value(WAIT, () -> {
      List<AgentEvent> events = journal(user);
      assertEquals(size, events.size());
      return events;
    });
  }

  /**
   * The user's journal once it holds {@code batches} recorded product-event batches, and the last of them: the
   * node's own agent may already have published a change after it, so the size is not known.
   */
  private List<AgentEvent> untilBatches(String user, int batches) throws Exception {
    return Eventually.value(WAIT, () -> {
      List<AgentEvent> events = journal(user);
      assertEquals(batches, count(events, ProductEventsRecorded.class), events.toString());
      return events;
    });
  }

  private static AgentEvent lastBatch(List<AgentEvent> events) {
    return events.stream().filter(e -> e.event() instanceof ProductEventsRecorded).reduce((a, b) -> b).orElseThrow();
  }

  private void reactToAllHandled(List<AgentEvent> events) {
    for (AgentEvent e : events) {
      if (agent.handles(e.event())) agent.react(e).toCompletableFuture().join();
    }
  }

  /**
   * The change names {@code expected} as its cause, or an earlier event the agent handles: the node runs its own
   * user-engagement agent beside the test's, and an assessment it makes for an earlier event after {@code expected}
   * was recorded already sees the whole history (the score rests on it, not on the event), so it may be first.
   */
  private void assertCause(List<AgentEvent> events, AgentEvent expected, String cause) {
    List<String> allowed = new ArrayList<>();
    for (AgentEvent e : events) {
      if (e.sequenceNr() <= expected.sequenceNr() && agent.handles(e.event())) allowed.add(e.idempotencyKey());
    }
    assertTrue(allowed.contains(cause), cause + " is not one of " + allowed);
  }

  private static long count(List<AgentEvent> events, Class<?> type) {
    return events.stream().filter(e -> type.isInstance(e.event())).count();
  }

  @Test
  void aChurnThenPurchasesMoveTheUserToAtRiskAndBackOnceEachWhateverTheRedeliveries() throws Exception {
    String user = "u-" + UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    post("/v1/heartbeat", "{\"userId\":\"" + user + "\",\"sessionId\":\"s1\",\"at\":\"" + now + "\"}");
    reactToAllHandled(eventually(user, 1));
    assertTrue(api().get("/v1/users/" + user).body().get("engagement").isNull(), "a new user: between thresholds");

    post("/v1/events", "{\"events\":[" + product(user, "churn", "c1", now) + "]}");
    List<AgentEvent> first = untilBatches(user, 1);
    AgentEvent churn = lastBatch(first);
    agent.react(churn).toCompletableFuture().join();

    JsonNode engagement = api().get("/v1/users/" + user).body().get("engagement");
    assertEquals("at_risk", engagement.get("state").asText());
    assertCause(first, churn, engagement.get("cause").asText());
    assertTrue(engagement.get("score").asDouble() >= 0.7, engagement.toString());
    assertEquals(8, engagement.get("reasons").size());
    assertEquals(1, engagement.get("data").get("losses").asInt());
    assertTrue(engagement.hasNonNull("since"));

    // At-least-once: the same events delivered again publish nothing more.
    reactToAllHandled(first);
    reactToAllHandled(first);
    assertEquals(1, count(journal(user), UserAtRisk.class));

    StringBuilder purchases = new StringBuilder("{\"events\":[");
    for (int i = 0; i < 8; i++) purchases.append(i == 0 ? "" : ",").append(product(user, "purchase", "p" + i, now));
    post("/v1/events", purchases.append("]}").toString());
    List<AgentEvent> all = untilBatches(user, 2);
    reactToAllHandled(all);
    reactToAllHandled(all);

    List<AgentEvent> end = journal(user);
    assertEquals(1, count(end, UserAtRisk.class));
    assertEquals(1, count(end, UserEngaged.class));
    JsonNode after = api().get("/v1/users/" + user).body().get("engagement");
    assertEquals("engaged", after.get("state").asText());
    assertCause(all, lastBatch(all), after.get("cause").asText());
    assertTrue(after.get("score").asDouble() <= 0.35, after.toString());
  }

  @Test
  void theAgentReadsUserTagsAndLeavesHeartbeatsAndItsOwnEventsAlone() throws Exception {
    assertEquals(List.of("user"), agent.entityTypes());
    assertEquals("user-engagement", agent.name());
    String user = "u-" + UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    post("/v1/heartbeat", "{\"userId\":\"" + user + "\",\"sessionId\":\"s1\",\"at\":\"" + now + "\"}");
    post("/v1/events", "{\"events\":[" + product(user, "signup", "x1", now) + "]}");
    List<AgentEvent> events = eventually(user, 2);
    assertTrue(agent.handles(events.get(0).event()), "BecameActive");
    assertFalse(agent.handles(events.get(1).event()), "a signup says nothing about engagement");
    UserEvent.HeartbeatRecorded beat = new UserEvent.HeartbeatRecorded("acme", user, now, "s1", 1);
    assertFalse(agent.handles(beat));
    EngagementChanged own = new UserAtRisk("acme", user, now, 0.9, List.of(), null, "k");
    assertFalse(agent.handles(own));
    // A new user's single period lies between the thresholds: assessed, nothing published.
    reactToAllHandled(events);
    assertTrue(api().get("/v1/users/" + user).body().get("engagement").isNull());
    assertEquals(2, journal(user).size());
  }
}
