package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

    NodeProcess first = NodeProcess.start(dataDir, httpPort);
    String key = Files.readString(dataDir.resolve("api-key")).trim();
    Eventually.within(
        Duration.ofSeconds(10),
        () -> assertTrue(first.output().stream().anyMatch(l -> l.contains(key)), "the generated key is printed"));
    ApiClient api = new ApiClient(httpPort, key);
    assertEquals(200, api.post("/v1/heartbeat", "{\"userId\":\"alice\"}").status());
    first.sigtermAndAwaitExit();

    NodeProcess second = NodeProcess.start(dataDir, httpPort);
    assertEquals(key, Files.readString(dataDir.resolve("api-key")).trim(), "the key is kept, not regenerated");
    ApiClient.Reply alice = api.get("/v1/users/alice");
    assertEquals(200, alice.status(), alice.raw().body());
    assertEquals(1, alice.body().get("heartbeatCount").asLong());
    second.sigtermAndAwaitExit();
  }

  /** A node in a child JVM, with its output collected. */
  private record NodeProcess(Process process, List<String> output) {

    static NodeProcess start(Path dataDir, int httpPort) throws Exception {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName())
              .redirectErrorStream(true);
      builder.environment().put("LIMBIC_DATA_DIR", dataDir.toString());
      builder.environment().put("LIMBIC_HTTP_PORT", Integer.toString(httpPort));
      builder.environment().put("LIMBIC_MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
      builder.environment().put("LIMBIC_REMOTE_PORT", Integer.toString(TestNode.freePort()));
      builder.environment().remove("LIMBIC_API_KEYS");
      builder.environment().remove("LIMBIC_DB_URL");
      Process process = builder.start();
      List<String> output = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> up = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("Limbic is up")) up.complete(null);
                  }
                } catch (Exception ignored) {
                  // the process ended
                }
                up.completeExceptionally(new AssertionError("the node exited before it was up: " + output));
              });
      reader.setDaemon(true);
      reader.start();
      up.get(120, TimeUnit.SECONDS);
      return new NodeProcess(process, output);
    }

    void sigtermAndAwaitExit() throws Exception {
      process.destroy(); // SIGTERM: the JVM's shutdown hook runs CoordinatedShutdown
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the node stops within a minute");
      List<String> errors = output.stream().filter(l -> l.contains(" ERROR ")).toList();
      assertEquals(List.of(), errors, "no error is logged while stopping");
      assertFalse(process.isAlive());
    }
  }
}
