package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.session.SessionPushes;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import io.limbic.protocol.session.SessionCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket keeps getting its session's pushes when the session entity passivates, lives on the other node, or
 * moves there when its node leaves: pushes go through the session's pub-sub topic, not the entity's memory.
 */
class SessionPushesIT {
  private static final String KEY = "acme-key-0123456789abcdef";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void aSocketStillGetsEmotionPushesAfterItsSessionPassivated() throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.api-keys", "acme:" + KEY);
    settings.put("pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout", "2s");
    LimbicNode node = TestNode.start(TestDatabase.h2(), settings);
    try {
      String session = "p-" + UUID.randomUUID();
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      // A node that has just started may take a moment before sessions answer (a busy machine): retried.
      WebSocket socket = Eventually.value(Duration.ofSeconds(40), () -> open(node, session, received));
      ApiClient api = new ApiClient(node.httpPort(), KEY);
      // The socket was counted by the session's entity (it answered Subscribe), so the entity ran.
      // Nothing is sent for a while: the entity passivates while the socket stays open.
      Eventually.within(Duration.ofSeconds(30), () -> assertTrue(!hosts(node).contains("acme/" + session)));
      send(api, session, EmotionalState.RAGE);
      Eventually.within(Duration.ofSeconds(20), () -> assertTrue(hasEmotion(received), received.toString()));
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    } finally {
      node.stop();
    }
  }

  @Test
  void aSocketGetsPushesFromTheSessionOnTheOtherNodeAndAfterThatNodeLeaves() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    int managementA = TestNode.freePort();
    int managementB = TestNode.freePort();
    String contactPoints = "127.0.0.1:" + managementA + ",127.0.0.1:" + managementB;
    var startA = java.util.concurrent.CompletableFuture.supplyAsync(() -> start(db, managementA, contactPoints));
    var startB = java.util.concurrent.CompletableFuture.supplyAsync(() -> start(db, managementB, contactPoints));
    LimbicNode a = startA.join();
    LimbicNode b = startB.join();
    try {
      Eventually.within(Duration.ofSeconds(30), () -> assertEquals(2, members(a)));
      ApiClient viaA = new ApiClient(a.httpPort(), KEY);
      // A session whose entity lives on B; its socket is on A.
      String session = null;
      for (int i = 0; session == null && i < 50; i++) {
        String candidate = "m-" + UUID.randomUUID();
        // Asking for a session starts its entity (one with no samples yet reads as 404).
        assertEquals(404, viaA.get("/v1/sessions/" + candidate).status());
        if (hosts(b).contains("acme/" + candidate)) session = candidate;
      }
      assertTrue(session != null, "some session lives on B");
      String onB = session;
      LimbicNode nodeB = b;
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      WebSocket socket = Eventually.value(Duration.ofSeconds(40), () -> open(a, onB, received));
      // The topic on B learns of A's socket through the receptionist; pushes before that would find no one.
      Eventually.within(Duration.ofSeconds(20), () ->
          assertTrue(SessionPushes.get(nodeB.system()).stats(nodeB.system(), "acme", onB).toCompletableFuture()
              .get(5, TimeUnit.SECONDS).topicInstanceCount() >= 1));
      send(viaA, onB, EmotionalState.RAGE);
      Eventually.within(Duration.ofSeconds(20), () -> assertTrue(hasEmotion(received), received.toString()));
      assertTrue(hosts(b).contains("acme/" + onB), "the session is still on B");

      b.stop();
      b = null;
      Eventually.within(Duration.ofSeconds(30), () -> assertEquals(1, members(a)));
      received.clear();
      // The session starts again on A (a fresh analysis of its samples), and its push reaches the same socket.
      send(viaA, onB, EmotionalState.RAGE);
      Eventually.within(Duration.ofSeconds(20), () -> assertTrue(hasEmotion(received), received.toString()));
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    } finally {
      a.stop();
      if (b != null) b.stop();
    }
  }

  private static WebSocket open(LimbicNode node, String session, BlockingQueue<String> received) throws Exception {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(
            URI.create("ws://127.0.0.1:" + node.httpPort() + "/v1/stream?sessionId=" + session + "&access_token=" + KEY),
            new WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                  received.add(text.toString());
                  text.setLength(0);
                }
                webSocket.request(1);
                return null;
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  private static void send(ApiClient api, String session, EmotionalState state) throws Exception {
    for (String message : Traces.messages(11, state, "u-" + session)) {
      ApiClient.Reply reply = api.post("/v1/sessions/" + session + "/telemetry", message);
      assertEquals(202, reply.status(), reply.raw().body());
    }
  }

  private static boolean hasEmotion(BlockingQueue<String> received) throws Exception {
    for (String text : List.copyOf(received)) {
      JsonNode push = MAPPER.readTree(text);
      if (push.get("type").asText().equals("emotion")) return true;
      assertTrue(!push.get("type").asText().equals("census"), "a census never reaches the browser");
    }
    return false;
  }

  /** The session entities the node holds now. */
  private static Set<String> hosts(LimbicNode node) throws Exception {
    var system = node.system();
    ShardRegion.CurrentShardRegionState state =
        AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
                ClusterSharding.get(system).shardState(),
                r -> new GetShardRegionState(SessionCommand.ENTITY_TYPE, r), Duration.ofSeconds(5), system.scheduler())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    Set<String> ids = new java.util.HashSet<>();
    state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
    return ids;
  }

  private static int members(LimbicNode node) {
    int up = 0;
    for (var member : Cluster.get(node.system()).state().getMembers()) {
      if (member.status() == MemberStatus.up()) up++;
    }
    return up;
  }

  private static LimbicNode start(TestDatabase db, int managementPort, String contactPoints) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.api-keys", "acme:" + KEY);
    settings.put("pekko.management.http.port", managementPort);
    settings.put("limbic.cluster.contact-points", contactPoints);
    settings.put("pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr", 2);
    settings.put("pekko.management.cluster.bootstrap.contact-point-discovery.stable-margin", "1s");
    try {
      return TestNode.start(db, settings);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
