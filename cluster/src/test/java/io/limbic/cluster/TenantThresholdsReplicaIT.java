package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.tenant.TenantThresholdsReplica;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a tenant's thresholds set through one node reach every node's replica, and a session started afterwards,
 * wherever sharding puts it, judges by them from the replica: its view says it read them there (no ask of the
 * tenant's entity, no stash), and four rapid clicks are no rage burst under {@code rageMinClicks = 6}.
 */
class TenantThresholdsReplicaIT {
  static final String KEY = "acme-key-0123456789abcdef";

  @Test
  void thresholdsSetOnOneNodeReachSessionsOnEveryNodeWithoutAnAsk() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    int managementA = TestNode.freePort();
    int managementB = TestNode.freePort();
    String contactPoints = "127.0.0.1:" + managementA + ",127.0.0.1:" + managementB;
    CompletableFuture<LimbicNode> startA = CompletableFuture.supplyAsync(() -> start(db, managementA, contactPoints));
    CompletableFuture<LimbicNode> startB = CompletableFuture.supplyAsync(() -> start(db, managementB, contactPoints));
    LimbicNode a = startA.join();
    LimbicNode b = startB.join();
    try {
      Eventually.within(Duration.ofSeconds(30), () -> assertEquals(2, Cluster.get(a.system()).state().members().size()));
      ApiClient viaA = new ApiClient(a.httpPort(), KEY);
      ApiClient viaB = new ApiClient(b.httpPort(), KEY);
      // Under the defaults the same four clicks are a rage burst.
      assertEquals(202, viaB.post("/v1/sessions/before-change/telemetry", fourClicks()).status());
      Eventually.within(Duration.ofSeconds(15), () -> {
        JsonNode view = viaB.get("/v1/sessions/before-change").body();
        assertEquals(1, view.get("signals").path("rageClicks").asInt(), view.toString());
      });
      Reply set = viaA.put("/v1/config/signals", "{\"rageMinClicks\": 6}");
      assertEquals(200, set.status(), set.raw().body());
      for (LimbicNode node : new LimbicNode[] {a, b}) {
        Eventually.within(Duration.ofSeconds(20), () -> assertEquals(6,
            TenantThresholdsReplica.get(node.system()).find("acme").orElseThrow().rageMinClicks()));
      }
      for (int i = 0; i < 6; i++) {
        String session = "after-change-" + i;
        Reply sent = viaB.post("/v1/sessions/" + session + "/telemetry", fourClicks());
        assertEquals(202, sent.status(), sent.raw().body());
        JsonNode view = viaB.get("/v1/sessions/" + session).body();
        assertEquals(4, view.get("samples").asInt(), view.toString());
        assertEquals(0, view.get("signals").path("rageClicks").asInt(), view.toString());
        assertEquals("tenant", view.get("thresholds").get("source").asText(), view.toString());
        assertEquals("replica", view.get("thresholds").get("readFrom").asText(), view.toString());
      }
    } finally {
      a.stop();
      b.stop();
    }
  }

  /** Four clicks 200 ms apart on one spot: a rage burst under the default thresholds (three), none under six. */
  private static String fourClicks() {
    StringBuilder samples = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      samples.append(i == 0 ? "" : ",").append("{\"t\":").append(1000 + i * 200)
          .append(",\"type\":\"click\",\"x\":100,\"y\":100,\"target\":\"#b\"}");
    }
    return "{\"samples\":[" + samples + "]}";
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
