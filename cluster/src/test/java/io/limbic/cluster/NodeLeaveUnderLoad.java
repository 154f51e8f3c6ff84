package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a graceful leave (SIGTERM) of one of three node processes under heartbeat load, then a rolling restart
 * of all three (each stopped with SIGTERM, started again, ready before the next), at the default persist interval
 * (60 s), so most acknowledged heartbeats live only in memory until their entity passivates: the leave must flush
 * them within the shutdown phases. One client per node, each retrying a failed request (an idempotent heartbeat) on
 * the next node. Prints the requests that failed before their retry succeeded, the requests no retry saved (0
 * expected), the heartbeats lost (0 expected) and how long each stop took. Not an {@code *IT}: minutes of JVM starts
 * on a 2-core machine; run it with {@code loadtest/node-leave.sh} (README "Benchmarks").
 */
class NodeLeaveUnderLoad {
  private static final String KEY = "acme-key-0123456789abcdef";
  private static final int USERS = Integer.getInteger("leave.users", 3_000);
  private static final int CLIENTS_PER_NODE = Integer.getInteger("leave.clients", 2);
  private static final Duration WAIT = Duration.ofMinutes(5);

  private final Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
  /** First attempts that failed, by cause: "refused" (no node listening, or the connection cut) or the status. */
  private final Map<String, AtomicLong> firstFailures = new ConcurrentHashMap<>();
  private final AtomicLong givenUp = new AtomicLong();
  private volatile boolean running = true;

  @Test
  void leavingAndRollingRestartsFailNoRetriedRequestAndLoseNoHeartbeat() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    int[] http = {TestNode.freePort(), TestNode.freePort(), TestNode.freePort()};
    int[] management = {TestNode.freePort(), TestNode.freePort(), TestNode.freePort()};
    int[] remote = {TestNode.freePort(), TestNode.freePort(), TestNode.freePort()};
    String contactPoints = "127.0.0.1:" + management[0] + ",127.0.0.1:" + management[1] + ",127.0.0.1:"
        + management[2];
    Path dataDir = Files.createTempDirectory("limbic-leave-");
    List<NodeProcess> nodes = new ArrayList<>();
    List<Thread> clients = new ArrayList<>();
    List<String> stops = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(NodeProcess.launch(environment(db, dataDir, http[i], management[i], remote[i], contactPoints)));
      }
      for (int i = 0; i < 3; i++) awaitReady(nodes.get(i), management[i]);
      List<ApiClient> apis = List.of(new ApiClient(http[0], KEY), new ApiClient(http[1], KEY),
          new ApiClient(http[2], KEY));
      int clientCount = 3 * CLIENTS_PER_NODE;
      for (int c = 0; c < clientCount; c++) {
        int first = c;
        Thread client = new Thread(() -> load(apis, first, clientCount), "leave-client-" + c);
        client.start();
        clients.add(client);
      }
      // Every user's entity started (the first heartbeat of each is the slow one).
      Eventually.within(WAIT.multipliedBy(3), () -> assertTrue(total() >= USERS, "every user has heartbeats"));

      // A graceful leave of the youngest (the cluster runs on two while the load goes on), its return, then a
      // rolling restart: 3, 2 and 1 (the oldest) in turn, each ready again before the next stops.
      int[] order = {2, 2, 1, 0};
      for (int step = 0; step < order.length; step++) {
        int i = order[step];
        long start = System.nanoTime();
        assertTrue(nodes.get(i).terminate(), "node " + (i + 1) + " stopped within 60 s");
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> output = nodes.get(i).awaitOutput();
        Files.write(dataDir.resolve("node-" + (i + 1) + "-step-" + step + ".log"), output);
        List<String> shutdown = shutdownLines(output);
        stops.add(String.format("%s node %d: stopped in %.1f s%s", step == 0 ? "leave" : "restart", i + 1, seconds,
            shutdown.isEmpty() ? "" : " (" + String.join("; ", shutdown) + ")"));
        awaitLoad();
        nodes.set(i, NodeProcess.launch(environment(db, dataDir, http[i], management[i], remote[i], contactPoints)));
        awaitReady(nodes.get(i), management[i]);
        awaitLoad();
      }
      running = false;
      for (Thread client : clients) client.join(60_000);

      long lost = 0;
      ApiClient reader = apis.get(0);
      for (int u = 0; u < USERS; u++) {
        String user = "l" + u;
        JsonNode view = readUser(reader, user);
        long count = view.get("heartbeatCount").asLong();
        long acked = acknowledged.getOrDefault(user, new AtomicLong()).get();
        if (count < acked) lost += acked - count;
      }
      System.out.printf("NodeLeaveUnderLoad: %d users, %d acknowledged heartbeats; first attempts that failed and "
              + "were sent again to the next node (all then acknowledged): %s; %d not acknowledged after 30 attempts, "
              + "%d heartbeats lost; %s%n",
          USERS, total(), firstFailures, givenUp.get(), lost, String.join(", ", stops));
      System.out.println("NodeLeaveUnderLoad: node logs in " + dataDir);
      assertEquals(0, givenUp.get(), "every request was acknowledged by some node");
      assertEquals(0, lost, "no acknowledged heartbeat lost");
    } finally {
      running = false;
      for (Thread client : clients) client.join(60_000);
      for (NodeProcess node : nodes) if (node.process().isAlive()) node.kill();
    }
  }

  private static void awaitReady(NodeProcess node, int managementPort) throws Exception {
    Eventually.within(WAIT, () -> assertTrue(node.isUp(), "not up yet"));
    Eventually.within(WAIT, () -> assertEquals(200,
        ApiClient.getUrl("http://127.0.0.1:" + managementPort + "/ready").status()));
  }

  private static JsonNode readUser(ApiClient api, String user) throws Exception {
    JsonNode[] view = new JsonNode[1];
    Eventually.within(WAIT, () -> {
      ApiClient.Reply reply = api.get("/v1/users/" + user);
      assertEquals(200, reply.status(), user);
      view[0] = reply.body();
    });
    return view[0];
  }

  /**
   * Client {@code first} of {@code clients}: heartbeats round robin over its share of the users to node
   * {@code first} mod 3; a failure is sent again to the next node.
   */
  private void load(List<ApiClient> apis, int first, int clients) {
    int n = first;
    while (running) {
      n += clients;
      String user = "l" + (n % USERS);
      String body = "{\"userId\":\"" + user + "\"}";
      boolean done = false;
      for (int attempt = 0; attempt < 30 && !done; attempt++) {
        int status;
        try {
          status = apis.get((first + attempt) % apis.size()).post("/v1/heartbeat", body).status();
        } catch (Exception e) {
          status = -1;
        }
        if (status == 200) {
          acknowledged.computeIfAbsent(user, u -> new AtomicLong()).incrementAndGet();
          done = true;
        } else if (attempt == 0) {
          firstFailures.computeIfAbsent(status < 0 ? "refused" : Integer.toString(status), k -> new AtomicLong())
              .incrementAndGet();
        }
      }
      if (!done) givenUp.incrementAndGet();
    }
  }

  /** Waits until the clients got another half round of acknowledgements, so every step runs under load. */
  private void awaitLoad() throws Exception {
    long before = total();
    Eventually.within(WAIT, () -> assertTrue(total() >= before + USERS / 2, "load goes on"));
  }

  /**
   * What the stopped node said about its hand-off ({@code HandOffTiming}) and any shutdown phase that timed out
   * (which cuts the entities' flush short).
   */
  private static List<String> shutdownLines(List<String> output) {
    return output.stream()
        .filter(line -> line.contains("Shards handed off") || line.contains("hand-off took")
            || (line.contains("timed out") && (line.contains("WARN") || line.contains("ERROR"))))
        .map(line -> line.replaceFirst("^.* - ", ""))
        .map(line -> line.length() > 200 ? line.substring(0, 200) : line)
        .distinct()
        .toList();
  }

  private long total() {
    return acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
  }

  private static Map<String, String> environment(TestDatabase db, Path dataDir, int http, int management, int remote,
      String contactPoints) {
    return Map.ofEntries(
        Map.entry("LIMBIC_DB_URL", db.url),
        Map.entry("LIMBIC_DB_USER", db.user),
        Map.entry("LIMBIC_DB_PASSWORD", db.password),
        Map.entry("LIMBIC_DATA_DIR", dataDir.toString()),
        Map.entry("LIMBIC_API_KEYS", "acme:" + KEY),
        Map.entry("LIMBIC_CONTACT_POINTS", contactPoints),
        Map.entry("LIMBIC_REQUIRED_CONTACT_POINTS", "3"),
        Map.entry("LIMBIC_HTTP_PORT", Integer.toString(http)),
        Map.entry("LIMBIC_MANAGEMENT_PORT", Integer.toString(management)),
        Map.entry("LIMBIC_REMOTE_PORT", Integer.toString(remote)));
  }
}
