package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM on one PostgreSQL, formed into a cluster by pekko-management bootstrap from each other's
 * management endpoints: users are sharded over both, either node answers for any user, idle phases run for users on
 * both, and when one node leaves its users are recovered on the other with nothing acknowledged lost.
 */
class TwoNodeClusterIT {
  static final String KEY = "acme-key-0123456789abcdef";
  static final int USERS = 40;

  @Test
  void usersAreShardedOverBothNodesAndSurviveOneLeaving() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    int managementA = TestNode.freePort();
    int managementB = TestNode.freePort();
    String contactPoints = "127.0.0.1:" + managementA + ",127.0.0.1:" + managementB;
    CompletableFuture<LimbicNode> startA = CompletableFuture.supplyAsync(() -> start(db, managementA, contactPoints));
    CompletableFuture<LimbicNode> startB = CompletableFuture.supplyAsync(() -> start(db, managementB, contactPoints));
    LimbicNode a = startA.join();
    LimbicNode b = startB.join();
    try {
      Eventually.within(Duration.ofSeconds(30), () -> assertEquals(2, members(a)));
      ApiClient viaA = new ApiClient(a.httpPort(), KEY);
      ApiClient viaB = new ApiClient(b.httpPort(), KEY);
      for (int i = 0; i < USERS; i++) {
        ApiClient api = i % 2 == 0 ? viaA : viaB;
        for (int beat = 0; beat < 3; beat++) {
          assertEquals(200, api.post("/v1/heartbeat", "{\"userId\":\"c" + i + "\"}").status());
        }
      }
      for (int i = 0; i < USERS; i++) {
        // Whichever node is asked, the one entity of the user answers.
        assertEquals(3, (i % 2 == 0 ? viaB : viaA).get("/v1/users/c" + i).body().get("heartbeatCount").asLong());
      }
      Eventually.within(Duration.ofSeconds(30), () -> {
        JsonNode status = management(managementA, "/scheduler/status");
        assertEquals(2, status.get("nodes").size(), status.toString());
        long light = status.get("cluster").get("phases").get(0).get("completed").asLong();
        assertEquals(USERS, light, status.toString());
        // Phases run where the user's entity lives: both nodes host some of them.
        for (JsonNode node : status.get("nodes")) {
          assertTrue(node.get("phases").get(0).get("completed").asLong() > 0, status.toString());
        }
        // The tenant's own figures are summed over both nodes, whichever node is asked.
        for (ApiClient api : List.of(viaA, viaB)) {
          JsonNode mine = api.get("/v1/scheduler/status").body();
          assertEquals(USERS, mine.get("phases").get(0).get("completed").asLong(), mine.toString());
        }
      });

      b.stop();
      b = null;
      Eventually.within(Duration.ofSeconds(30), () -> assertEquals(1, members(a)));
      for (int i = 0; i < USERS; i++) {
        JsonNode user = viaA.get("/v1/users/c" + i).body();
        assertEquals(3, user.get("heartbeatCount").asLong(), user.toString());
        assertTrue(user.get("idle").get("completedPhases").asInt() >= 1, user.toString());
      }
    } finally {
      a.stop();
      if (b != null) b.stop();
    }
  }

  private static JsonNode management(int port, String path) throws Exception {
    ApiClient.Reply reply = ApiClient.getUrl("http://127.0.0.1:" + port + path);
    assertEquals(200, reply.status(), reply.raw().body());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.raw().body());
  }

  private static int members(LimbicNode node) {
    int up = 0;
    for (var member : Cluster.get(node.system()).state().getMembers()) {
      if (member.status() == org.apache.pekko.cluster.MemberStatus.up()) up++;
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
    settings.put("limbic.idle.phases", "2s,60m,120m");
    settings.put("limbic.idle.sweep-interval", "500ms");
    try {
      return TestNode.start(db, settings);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
