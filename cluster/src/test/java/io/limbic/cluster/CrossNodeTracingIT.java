package io.limbic.cluster;

import static io.limbic.cluster.testkit.OtlpCollector.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.Management;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.OtlpCollector;
import io.limbic.cluster.testkit.OtlpCollector.Span;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * One trace across two nodes, each in a JVM of its own (so neither holds the other's spans in memory), sending to
 * the same stand-in OTLP collector (README "Metrics and traces"): a churn event posted to node A for a user whose
 * shard lives on node B gives A's server span, B's entity span below it (continued from the command's
 * traceparent), the journal write below that, a projection span below the write and the agents' spans down to the
 * webhook call, whose traceparent names the same trace, wherever the projections and agents run.
 */
class CrossNodeTracingIT {
  private static final String KEY = "acme-key-0123456789abcdef";
  private static final int USERS = 16;
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final List<String> TEST_USERS =
      java.util.stream.IntStream.range(0, USERS).mapToObj(i -> "x" + i).toList();

  @Test
  void aRequestOnOneNodeAndItsEntityOnTheOtherAreOneTrace() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    List<String> traceparents = new CopyOnWriteArrayList<>();
    HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    webhook.start();
    OtlpCollector collector = new OtlpCollector();
    Ports a = new Ports(TestNode.freePort(), TestNode.freePort(), TestNode.freePort());
    Ports b = new Ports(TestNode.freePort(), TestNode.freePort(), TestNode.freePort());
    String contactPoints = "127.0.0.1:" + a.management + ",127.0.0.1:" + b.management;
    NodeProcess nodeA = null;
    NodeProcess nodeB = null;
    try {
      nodeA = NodeProcess.launch(environment(db, a, contactPoints, collector), jvmOptions());
      nodeB = NodeProcess.launch(environment(db, b, contactPoints, collector), jvmOptions());
      for (NodeProcess node : List.of(nodeA, nodeB)) {
        Eventually.within(Duration.ofMinutes(4), () -> assertTrue(node.isUp(), "not up yet:\n" + tail(node)));
      }
      for (Ports ports : List.of(a, b)) {
        Eventually.within(WAIT, () -> assertEquals(200,
            ApiClient.getUrl("http://127.0.0.1:" + ports.management + "/ready").status(), "ready"));
      }
      Eventually.within(WAIT, () ->
          assertEquals(2, Management.json(a.management, "/cluster/members").get("members").size()));
      ApiClient viaA = new ApiClient(a.http, KEY);
      // Setup is retried: on a busy machine a freshly formed cluster may answer 503 while shards are allocated.
      String hook = "{\"channels\":[{\"type\":\"webhook\",\"url\":\""
          + "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook\",\"kinds\":[\"at_risk\"]}]}";
      Eventually.within(WAIT, () -> {
        Reply channels = viaA.put("/v1/agents/notifications/channels", hook);
        assertEquals(200, channels.status(), channels.raw().body());
      });
      for (int i = 0; i < USERS; i++) {
        String beat = "{\"userId\":\"x" + i + "\"}";
        Eventually.within(WAIT, () -> assertEquals(200, viaA.post("/v1/heartbeat", beat).status()));
      }
      List<String> onB = Management.usersLivingOn(b.management, "acme", TEST_USERS);
      assertFalse(onB.isEmpty(), "some users live on node B");
      String user = onB.get(0);

      String correlation = "cross-node-" + System.nanoTime();
      Reply churn = viaA.send("POST", "/v1/events", "{\"events\":[{\"userId\":\"" + user + "\",\"type\":\"churn\","
          + "\"id\":\"xc1\",\"at\":\"" + Instant.now() + "\"}]}", "X-Correlation-Id", correlation);
      assertEquals(200, churn.status(), churn.raw().body());

      Span server = Eventually.value(WAIT, () -> only(collector, correlation, "POST /v1/events"));
      Span entity = Eventually.value(WAIT, () -> collector.childOf(server, "User "));
      Span journal = Eventually.value(WAIT, () -> collector.childOf(entity, "journal write"));
      assertTrue(journal.attributes().get("limbic.persistence_id").endsWith("acme/" + user), journal.toString());
      Span projection = Eventually.value(WAIT, () -> collector.childOf(journal, "projection "));
      assertEquals(correlation, projection.attributes().get("limbic.correlation_id"));

      // The webhook call is in the request's trace.
      String traceparent = Eventually.value(WAIT, () -> {
        List<String> ours = traceparents.stream().filter(t -> t.split("-").length == 4
            && t.split("-")[1].equals(server.traceId())).toList();
        assertEquals(1, ours.size(), traceparents + " for trace " + server.traceId());
        return ours.get(0);
      });
      Eventually.within(WAIT, () -> {
        List<Span> trace = collector.spans().stream().filter(s -> s.traceId().equals(server.traceId())).toList();
        assertTrue(trace.stream().anyMatch(s -> s.name().startsWith("agent user-engagement")), names(trace));
        assertTrue(trace.stream().anyMatch(s -> s.name().startsWith("agent notifications")), names(trace));
        assertTrue(trace.stream().anyMatch(s -> s.spanId().equals(traceparent.split("-")[2])), names(trace));
        assertTrue(trace.stream().allMatch(s -> correlation.equals(s.attributes().get("limbic.correlation_id"))),
            names(trace));
        assertEquals(List.of(server), trace.stream().filter(s -> s.parentSpanId().isEmpty()).toList(),
            "one root: " + names(trace));
      });
      System.out.printf("CrossNodeTracingIT: user %s on node B, %d spans in the request's trace%n", user,
          collector.spans().stream().filter(s -> s.traceId().equals(server.traceId())).count());
    } finally {
      if (nodeA != null) nodeA.terminate();
      if (nodeB != null) nodeB.terminate();
      // Each node's output, for a failure's diagnosis (target/ of the cluster module).
      if (nodeA != null) Files.write(java.nio.file.Path.of("target", "cross-node-tracing-a.log"), nodeA.output());
      if (nodeB != null) Files.write(java.nio.file.Path.of("target", "cross-node-tracing-b.log"), nodeB.output());
      webhook.stop(0);
      collector.close();
    }
  }

  private static Span only(OtlpCollector collector, String correlation, String name) {
    List<Span> found = collector.spans().stream()
        .filter(s -> s.name().equals(name) && correlation.equals(s.attributes().get("limbic.correlation_id")))
        .toList();
    assertEquals(1, found.size(), names(collector.spans()));
    return found.get(0);
  }

  private static String tail(NodeProcess node) {
    List<String> lines = node.output();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static Map<String, String> environment(TestDatabase db, Ports ports, String contactPoints,
      OtlpCollector collector) throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("LIMBIC_DB_URL", db.url);
    environment.put("LIMBIC_DB_USER", db.user);
    environment.put("LIMBIC_DB_PASSWORD", db.password);
    environment.put("LIMBIC_DATA_DIR", Files.createTempDirectory("limbic-cross-node-trace-").toString());
    environment.put("LIMBIC_API_KEYS", "acme:" + KEY);
    environment.put("LIMBIC_CONTACT_POINTS", contactPoints);
    environment.put("LIMBIC_REQUIRED_CONTACT_POINTS", "2");
    environment.put("LIMBIC_HTTP_PORT", Integer.toString(ports.http));
    environment.put("LIMBIC_MANAGEMENT_PORT", Integer.toString(ports.management));
    environment.put("LIMBIC_REMOTE_PORT", Integer.toString(ports.remote));
    environment.put("LIMBIC_NOTIFICATIONS_ALLOW_PRIVATE_HOSTS", "true");
    environment.put("LIMBIC_OTEL_ENDPOINT", collector.endpoint());
    environment.put("LIMBIC_OTEL_EXPORT_DELAY", "100ms");
    return environment;
  }

  private static List<String> jvmOptions() {
    return List.of("-Dpekko.management.cluster.bootstrap.contact-point-discovery.stable-margin=1s");
  }

  private record Ports(int http, int management, int remote) {}
}
