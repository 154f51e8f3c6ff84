package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code ./limbic start --nodes 2} as a user runs it (the launcher script, the node jar the build just packaged, the
 * machine's PostgreSQL started for it): both nodes form one cluster, either answers for any user, SIGTERM stops
 * them all and the database, and a second start finds what the first acknowledged.
 */
class StartNodesIT {
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void twoNodesFormOneClusterOnTheMachinesPostgresAndStopTogether() throws Exception {
    Path data = Files.createTempDirectory("limbic-nodes-");
    Path postgres = Files.createTempDirectory("limbic-nodes-pg-");
    Ports ports = Ports.free();

    Launch first = Launch.start(data, postgres, ports);
    try {
      awaitReady(first, ports);
      assertEquals(2, upMembers(ports.management), "one cluster of two");
      String key = Files.readString(data.resolve("api-key"), StandardCharsets.UTF_8).trim();
      ApiClient second = new ApiClient(ports.http + 1, key);
      // A client retries a 503 (Retry-After) as the README says; on a loaded machine the first asks may time out.
      Eventually.within(WAIT, () ->
          assertEquals(200, second.post("/v1/heartbeat", "{\"userId\":\"nodes-alice\"}").status()));
      ApiClient firstNode = new ApiClient(ports.http, key);
      Eventually.within(WAIT, () -> {
        ApiClient.Reply read = firstNode.get("/v1/users/nodes-alice");
        assertEquals(200, read.status(), "node 1 answers for a user node 2 was sent: " + read.body());
      });
    } finally {
      first.stop();
    }
    assertEquals(0, first.process.exitValue(), "a graceful stop: " + first.summary());
    for (int port : List.of(ports.http, ports.http + 1, ports.postgres)) {
      assertFalse(listening(port), "nothing listens on " + port + " after the stop");
    }
    assertTrue(first.output().stream().anyMatch(line -> line.startsWith("[node 2] ")), "output by node");

    Launch again = Launch.start(data, postgres, ports);
    try {
      awaitReady(again, ports);
      ApiClient second = new ApiClient(ports.http + 1,
          Files.readString(data.resolve("api-key"), StandardCharsets.UTF_8).trim());
      Eventually.within(WAIT, () -> {
        ApiClient.Reply read = second.get("/v1/users/nodes-alice");
        assertEquals(200, read.status(), "the acknowledged heartbeat outlived the stop: " + read.body());
      });
    } finally {
      again.stop();
    }
    deleteTree(data);
    deleteTree(postgres);
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
    }
  }

  private static void awaitReady(Launch launch, Ports ports) throws Exception {
    try {
      Eventually.within(WAIT, () -> {
        assertTrue(launch.process.isAlive(), "the launcher runs");
        for (int i = 0; i < 2; i++) {
          assertEquals(200, ApiClient.getUrl("http://127.0.0.1:" + (ports.management + i) + "/ready").status(),
              "node " + (i + 1) + " ready");
        }
      });
    } catch (Exception | AssertionError notReady) {
      throw new AssertionError("not ready: " + notReady + "\n" + launch.summary(), notReady);
    }
  }

  private static long upMembers(int managementPort) throws Exception {
    JsonNode members = new ObjectMapper().readTree(
        ApiClient.getUrl("http://127.0.0.1:" + managementPort + "/cluster/members").raw().body());
    return StreamSupport.stream(members.path("members").spliterator(), false)
        .filter(member -> member.path("status").asText().equals("Up"))
        .count();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** The first of two consecutive free ports for each of HTTP, management and remoting, and one for PostgreSQL. */
  private record Ports(int http, int management, int remote, int postgres) {
    static Ports free() throws IOException {
      List<Integer> bases = new ArrayList<>();
      while (bases.size() < 4) {
        // Below the ephemeral range (32768+ on Linux), so no outgoing connection takes one between the two starts.
        int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
        if (bases.stream().noneMatch(b -> Math.abs(b - base) < 2) && isFree(base) && isFree(base + 1)) bases.add(base);
      }
      return new Ports(bases.get(0), bases.get(1), bases.get(2), bases.get(3));
    }

    private static boolean isFree(int port) {
      try (ServerSocket socket = new ServerSocket(port)) {
        return true;
      } catch (IOException taken) {
        return false;
      }
    }
  }

  /** The launcher script in a process of its own, its output collected line by line. */
  private record Launch(Process process, Path log) {
    static Launch start(Path data, Path postgres, Ports ports) throws IOException {
      ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("limbic").toString(), "start", "--nodes", "2")
          .directory(ROOT.toFile())
          .redirectErrorStream(true);
      builder.environment().keySet().removeIf(name -> name.startsWith("LIMBIC_"));
      builder.environment().put("LIMBIC_SKIP_BUILD", "1"); // the build under test packaged the jar already
      builder.environment().put("LIMBIC_DATA_DIR", data.toString());
      builder.environment().put("LIMBIC_POSTGRES_DIR", postgres.toString());
      builder.environment().put("LIMBIC_POSTGRES_PORT", Integer.toString(ports.postgres));
      builder.environment().put("LIMBIC_HTTP_PORT", Integer.toString(ports.http));
      builder.environment().put("LIMBIC_MANAGEMENT_PORT", Integer.toString(ports.management));
      builder.environment().put("LIMBIC_REMOTE_PORT", Integer.toString(ports.remote));
      builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx512m");
      Path log = Files.createTempFile(Path.of("target"), "start-nodes-", ".log");
      builder.redirectOutput(log.toFile());
      return new Launch(builder.start(), log);
    }

    /** What the launcher and its nodes have written so far. */
    List<String> output() {
      try {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return List.of("(output unreadable: " + e + ")");
      }
    }

    /** The launcher's own lines, and the nodes' lines that are not log lines (how they started or failed). */
    String summary() {
      return String.join("\n", output().stream()
          .filter(line -> !line.matches("\\[node \\d+\\] (\\d\\d:|\\s+at ).*"))
          .limit(60)
          .toList()) + "\n(whole output in " + log + ")";
    }

    /** SIGTERM to the launcher, as Ctrl-C would; what is left after a minute is killed (and the test fails). */
    void stop() throws InterruptedException {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      boolean stopped = process.waitFor(90, TimeUnit.SECONDS);
      children.forEach(child -> {
        if (child.isAlive()) child.destroyForcibly();
      });
      if (!stopped) {
        process.destroyForcibly();
        throw new AssertionError("the launcher did not stop within 90 s: " + summary());
      }
      for (ProcessHandle child : children) {
        child.onExit().orTimeout(30, TimeUnit.SECONDS).join();
      }
    }
  }
}
