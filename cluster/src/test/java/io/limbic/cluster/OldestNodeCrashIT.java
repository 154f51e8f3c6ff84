package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.Management;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the README's two-node setup (the same environment on both nodes, the first on the lower ports) on one
 * PostgreSQL, each node a JVM of its own. The oldest node, the first one, is killed with SIGKILL. The survivor must
 * stay up: its split-brain resolver (lease-majority) takes the lease in the database and downs the oldest
 * ({@code AcquireLeaseAndDownUnreachable}), never itself (keep-majority's {@code DownReachable ... including
 * myself}, which took the whole service down), and then serves reads and writes for the users whose entities lived
 * on the killed node, with every acknowledged heartbeat counted.
 *
 * <p>Test-only settings: {@code stable-after = 5s} (production: 15 s), so the decision comes sooner; a failure
 * detector acceptable pause of 10 s (production: 3 s), because this test's machine runs at a load of 20 to 40 and a
 * starved JVM would otherwise be taken for a dead one before the kill; every heartbeat persisted before it is
 * acknowledged (persist interval 0), so that "every acknowledged heartbeat" holds across a crash (README "What an
 * acknowledged heartbeat guarantees").
 */
class OldestNodeCrashIT {
  private static final String KEY = "acme-key-0123456789abcdef";
  private static final int USERS = 40;
  private static final int BEATS = 3;
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final List<String> TEST_USERS =
      java.util.stream.IntStream.range(0, USERS).mapToObj(i -> "c" + i).toList();

  @Test
  void killingTheOldestOfTwoNodesLeavesTheSurvivorServingItsUsers() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    // The README's first node has the lower ports: bootstrap lets the lowest contact point form the cluster (so it
    // is the oldest), and keep-majority kept the side of the lowest address when the two sides were equal (with
    // lease-majority that side is the "majority" of a tie: the survivor waits acquire-lease-delay-for-minority).
    int[] management = twoFreePorts();
    int[] remote = twoFreePorts();
    Ports first = new Ports(TestNode.freePort(), management[0], remote[0]);
    Ports second = new Ports(TestNode.freePort(), management[1], remote[1]);
    String contactPoints = "127.0.0.1:" + first.management + ",127.0.0.1:" + second.management;
    NodeProcess oldest = NodeProcess.launch(environment(db, first, contactPoints), jvmOptions());
    NodeProcess survivor = null;
    try {
      survivor = NodeProcess.launch(environment(db, second, contactPoints), jvmOptions());
      for (NodeProcess node : List.of(oldest, survivor)) {
        Eventually.within(Duration.ofMinutes(4), () -> assertTrue(node.isUp(), "not up yet:\n" + tail(node)));
      }
      for (Ports ports : List.of(first, second)) {
        Eventually.within(WAIT, () -> assertEquals(200,
            ApiClient.getUrl("http://127.0.0.1:" + ports.management + "/ready").status(), "ready"));
      }
      JsonNode members = Management.json(second.management, "/cluster/members");
      assertTrue(members.get("oldest").asText().endsWith(":" + first.remote), members.toString());
      assertEquals(2, members.get("members").size(), members.toString());

      ApiClient viaFirst = new ApiClient(first.http, KEY);
      ApiClient viaSecond = new ApiClient(second.http, KEY);
      Counts counts = new Counts();
      for (int i = 0; i < USERS; i++) {
        for (int beat = 0; beat < BEATS; beat++) {
          counts.beat((i + beat) % 2 == 0 ? viaFirst : viaSecond, "c" + i);
        }
      }
      List<String> moved = Management.usersLivingOn(first.management, "acme", TEST_USERS);
      assertFalse(moved.isEmpty(), "some users live on the oldest node");

      oldest.kill();
      long killedAt = System.nanoTime();
      NodeProcess alive = survivor;
      for (String user : moved) {
        Eventually.within(WAIT, () -> {
          assertTrue(alive.process().isAlive(), "the survivor exited:\n" + tail(alive));
          ApiClient.Reply reply = viaSecond.get("/v1/users/" + user);
          assertEquals(200, reply.status(), reply.raw().body() + "\n" + tail(alive));
          counts.check(user, reply.body());
        });
      }
      double seconds = (System.nanoTime() - killedAt) / 1e9;
      System.out.printf("OldestNodeCrashIT: the survivor served the %d users of the killed node again %.1f s after "
          + "the kill%n", moved.size(), seconds);

      for (String user : moved) counts.beat(viaSecond, user);
      for (int i = 0; i < USERS; i++) counts.check("c" + i, viaSecond.get("/v1/users/c" + i).body());
      assertTrue(survivor.process().isAlive(), "the survivor is still running");
      JsonNode after = Management.json(second.management, "/cluster/members");
      assertEquals(1, after.get("members").size(), after.toString());
      assertEquals("Up", after.get("members").get(0).get("status").asText(), after.toString());
      assertEquals(200, ApiClient.getUrl("http://127.0.0.1:" + second.management + "/ready").status());

      List<String> decisions = survivor.output().stream().filter(line -> line.contains("SBR took decision")).toList();
      assertFalse(decisions.isEmpty(), "the survivor logged its decision");
      for (String decision : decisions) {
        assertTrue(decision.contains("DownUnreachable"), decision);
        assertFalse(decision.contains("including myself"), decision);
      }
      // The survivor took the lease before downing: its row was written, by the survivor (owner '' once released).
      try (Connection connection = DriverManager.getConnection(db.url, db.user, db.password);
          Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT owner, version FROM cluster_leases")) {
        assertTrue(row.next(), "a lease row");
        String owner = row.getString(1);
        System.out.println("OldestNodeCrashIT: lease row owner '" + owner + "', version " + row.getLong(2));
        assertTrue(owner.isEmpty() || owner.contains(":" + second.remote), owner);
        assertFalse(row.next(), "one lease row");
      }
      System.out.println("OldestNodeCrashIT: " + decisions.get(0));
    } finally {
      if (oldest.process().isAlive()) oldest.kill();
      if (survivor != null) survivor.kill();
    }
  }

  /**
   * Heartbeats sent and what they must have counted. Under this machine's load a request can reach the ask timeout
   * (503, README "Readiness") and is sent again; such a heartbeat may or may not have been persisted, so a user's
   * count must lie between its acknowledged heartbeats and those plus its unanswered ones.
   */
  private static final class Counts {
    private final Map<String, Integer> acknowledged = new HashMap<>();
    private final Map<String, Integer> unanswered = new HashMap<>();

    void beat(ApiClient api, String user) throws Exception {
      Eventually.within(WAIT, () -> {
        ApiClient.Reply reply = api.post("/v1/heartbeat", "{\"userId\":\"" + user + "\"}");
        if (reply.status() != 200) unanswered.merge(user, 1, Integer::sum);
        assertEquals(200, reply.status(), user + ": " + reply.raw().body());
      });
      acknowledged.merge(user, 1, Integer::sum);
    }

    void check(String user, JsonNode body) {
      long count = body.get("heartbeatCount").asLong();
      int acked = acknowledged.getOrDefault(user, 0);
      int extra = unanswered.getOrDefault(user, 0);
      assertTrue(count >= acked && count <= acked + extra,
          user + ": " + count + " counted, " + acked + " acknowledged, " + extra + " unanswered");
    }
  }

  /** The node's last lines, for a failure message. */
  private static String tail(NodeProcess node) {
    List<String> lines = node.output();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** The README's two-node environment (one data directory each, a shared PostgreSQL, the same keys). */
  private static Map<String, String> environment(TestDatabase db, Ports ports, String contactPoints)
      throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("LIMBIC_DB_URL", db.url);
    environment.put("LIMBIC_DB_USER", db.user);
    environment.put("LIMBIC_DB_PASSWORD", db.password);
    environment.put("LIMBIC_DATA_DIR", Files.createTempDirectory("limbic-oldest-crash-").toString());
    environment.put("LIMBIC_API_KEYS", "acme:" + KEY);
    environment.put("LIMBIC_CONTACT_POINTS", contactPoints);
    environment.put("LIMBIC_REQUIRED_CONTACT_POINTS", "2");
    environment.put("LIMBIC_HTTP_PORT", Integer.toString(ports.http));
    environment.put("LIMBIC_MANAGEMENT_PORT", Integer.toString(ports.management));
    environment.put("LIMBIC_REMOTE_PORT", Integer.toString(ports.remote));
    environment.put("LIMBIC_HEARTBEAT_PERSIST_INTERVAL", "0");
    return environment;
  }

  private static List<String> jvmOptions() {
    return List.of(
        "-Dpekko.cluster.split-brain-resolver.stable-after=5s",
        "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=10s",
        "-Dpekko.management.cluster.bootstrap.contact-point-discovery.stable-margin=1s");
  }

  private static int[] twoFreePorts() throws Exception {
    int a = TestNode.freePort();
    int b = TestNode.freePort();
    while (b == a) b = TestNode.freePort();
    return new int[] {Math.min(a, b), Math.max(a, b)};
  }

  private record Ports(int http, int management, int remote) {}
}
