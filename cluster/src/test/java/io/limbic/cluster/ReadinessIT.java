package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.TestNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness means ready: a node process watched from its first instant. The moment {@code /ready} first answers 200,
 * the API takes a heartbeat of a user never seen (200, not a refused connection or a 503 while the entity recovers)
 * and reads another unknown user (404, not 503). Before that moment the probes see refused connections or 503.
 */
class ReadinessIT {
  private static final String KEY = "ready-tenant-key-0123456789abcdef";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void theFirstRequestsAfterReadyAreServed() throws Exception {
    int httpPort = TestNode.freePort();
    int managementPort = TestNode.freePort();
    NodeProcess node = NodeProcess.launch(Map.of(
        "LIMBIC_DATA_DIR", Files.createTempDirectory("limbic-ready-").toString(),
        "LIMBIC_API_KEYS", "acme:" + KEY,
        "LIMBIC_HTTP_PORT", Integer.toString(httpPort),
        "LIMBIC_MANAGEMENT_PORT", Integer.toString(managementPort),
        "LIMBIC_REMOTE_PORT", Integer.toString(TestNode.freePort())));
    try {
      List<String> before = new ArrayList<>();
      Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
      while (!ready(managementPort, before)) {
        assertTrue(node.process().isAlive(), "the node exited: " + node.output());
        assertTrue(Instant.now().isBefore(giveUp), "never ready: " + node.output());
        Thread.onSpinWait();
      }
      ApiClient api = new ApiClient(httpPort, KEY);
      ApiClient.Reply heartbeat = api.post("/v1/heartbeat", "{\"userId\":\"first-after-ready\"}");
      assertEquals(200, heartbeat.status(), heartbeat.raw().body() + " (probes before ready: " + before.size() + ")");
      ApiClient.Reply unknown = api.get("/v1/users/never-seen");
      assertEquals(404, unknown.status(), unknown.raw().body());

      assertTrue(node.terminate(), "the node stops within a minute");
    } finally {
      node.kill();
    }
  }

  /** One probe of {@code /ready}: true on 200; otherwise what it got (a status or the failure) is noted. */
  private static boolean ready(int managementPort, List<String> seen) throws InterruptedException {
    try {
      HttpResponse<Void> reply = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/ready"))
              .timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (reply.statusCode() == 200) return true;
      seen.add(Integer.toString(reply.statusCode()));
    } catch (IOException e) {
      seen.add(e.getClass().getSimpleName());
    }
    return false;
  }
}
