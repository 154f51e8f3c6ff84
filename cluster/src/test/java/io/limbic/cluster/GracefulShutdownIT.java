package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node as an operator runs it: its own JVM from {@code Main}, configured by the environment, stopped by SIGTERM.
 * The stop must be clean (no ERROR), and a second start on the same data directory keeps the generated API key and
 * the users' state.
 */
class GracefulShutdownIT {

  @Test
  void sigtermStopsTheNodeCleanlyAndARestartRecoversEverything() throws Exception {
    Path dataDir = Files.createTempDirectory("limbic-node-");
    int httpPort = TestNode.freePort();

    NodeProcess first = startNode(dataDir, httpPort);
    String key = Files.readString(dataDir.resolve("api-key")).trim();
    Eventually.within(
        Duration.ofSeconds(10),
        () -> assertTrue(first.output().stream().anyMatch(l -> l.contains(key)), "the generated key is printed"));
    ApiClient api = new ApiClient(httpPort, key);
    assertEquals(200, api.post("/v1/heartbeat", "{\"userId\":\"alice\"}").status());
    sigtermAndAwaitExit(first);

    NodeProcess second = startNode(dataDir, httpPort);
    assertEquals(key, Files.readString(dataDir.resolve("api-key")).trim(), "the key is kept, not regenerated");
    ApiClient.Reply alice = api.get("/v1/users/alice");
    assertEquals(200, alice.status(), alice.raw().body());
    assertEquals(1, alice.body().get("heartbeatCount").asLong());
    sigtermAndAwaitExit(second);
  }

  private static NodeProcess startNode(Path dataDir, int httpPort) throws Exception {
    return NodeProcess.start(
        Map.of(
            "LIMBIC_DATA_DIR", dataDir.toString(),
            "LIMBIC_HTTP_PORT", Integer.toString(httpPort),
            "LIMBIC_MANAGEMENT_PORT", Integer.toString(TestNode.freePort()),
            "LIMBIC_REMOTE_PORT", Integer.toString(TestNode.freePort())),
        List.of());
  }

  private static void sigtermAndAwaitExit(NodeProcess node) throws Exception {
    assertTrue(node.terminate(), "the node stops within a minute");
    List<String> errors = node.output().stream().filter(l -> l.contains(" ERROR ")).toList();
    assertEquals(List.of(), errors, "no error is logged while stopping");
    assertFalse(node.process().isAlive());
  }
}
