package io.limbic.cluster;

import static io.limbic.cluster.testkit.OtlpCollector.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.OtlpCollector;
import io.limbic.cluster.testkit.OtlpCollector.Span;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.tracing.LimbicTracing;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Traces over OTLP (README "Metrics and traces"): a node pointed at a local stand-in collector sends the spans of a
 * request -> entity -> journal, and of a chain that ends in an outbound webhook call, which carries a traceparent of
 * the same trace; every span has the request's correlation id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingH2IT {
  private static final String KEY = "trace-key-0123456789abcdef";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int SERVER = 2;
  private static final int CLIENT = 3;

  TestDatabase db;
  LimbicNode node;
  OtlpCollector collector;
  HttpServer webhook;
  final List<String> traceparents = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.h2();
    collector = new OtlpCollector();
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    webhook.start();
    node = TestNode.start(db, Map.of(
        "limbic.api-keys", "acme:" + KEY,
        "limbic.agents.notifications.allow-private-hosts", true,
        "limbic.tracing.otlp-endpoint", collector.endpoint(),
        "limbic.tracing.export-delay", "100ms"));
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
    if (webhook != null) webhook.stop(0);
    if (collector != null) collector.close();
  }

  ApiClient api() {
    return new ApiClient(node.httpPort(), KEY);
  }

  @Test
  void aRequestsSpansReachTheCollectorBelowEachOther() throws Exception {
    assertTrue(LimbicTracing.get(node.system()).enabled());
    String correlation = "trace-heartbeat-" + System.nanoTime();
    Reply reply = api().send("POST", "/v1/heartbeat", "{\"userId\":\"traced-1\"}", "X-Correlation-Id", correlation);
    assertEquals(200, reply.status(), reply.raw().body());

    Span server = Eventually.value(WAIT, () -> only(correlation, "POST /v1/heartbeat"));
    assertEquals(SERVER, server.kind());
    assertEquals("/v1/heartbeat", server.attributes().get("http.route"));
    assertEquals(reply.header("X-Request-Id"), server.attributes().get("limbic.request_id"));
    Span entity = Eventually.value(WAIT, () -> collector.childOf(server, "User "));
    Span journal = Eventually.value(WAIT, () -> collector.childOf(entity, "journal write"));
    assertEquals(correlation, entity.attributes().get("limbic.correlation_id"));
    assertEquals(correlation, journal.attributes().get("limbic.correlation_id"));
    assertTrue(journal.attributes().get("limbic.persistence_id").startsWith("User|acme"), journal.toString());
    assertTrue(collector.contentTypes().stream().allMatch(t -> t.startsWith("application/x-protobuf")),
        collector.contentTypes().toString());
  }

  /** A churn event -> the engagement agent's UserAtRisk -> the notification agent's webhook call, one trace. */
  @Test
  void anOutboundCallContinuesTheRequestsTrace() throws Exception {
    Reply channels = api().put("/v1/agents/notifications/channels", "{\"channels\":[{\"type\":\"webhook\",\"url\":\""
        + "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook\",\"kinds\":[\"at_risk\"]}]}");
    assertEquals(200, channels.status(), channels.raw().body());
    String correlation = "trace-churn-" + System.nanoTime();
    Reply churn = api().send("POST", "/v1/events", "{\"events\":[{\"userId\":\"traced-2\",\"type\":\"churn\","
        + "\"id\":\"tc1\",\"at\":\"" + Instant.now() + "\"}]}", "X-Correlation-Id", correlation);
    assertEquals(200, churn.status(), churn.raw().body());
    Span server = Eventually.value(WAIT, () -> only(correlation, "POST /v1/events"));

    String traceparent = Eventually.value(WAIT, () -> {
      assertEquals(1, traceparents.size(), traceparents.toString());
      return traceparents.get(0);
    });
    String[] parts = traceparent.split("-");
    assertEquals(4, parts.length, traceparent);
    assertEquals(server.traceId(), parts[1], "the webhook call is in the request's trace");
    Span call = Eventually.value(WAIT, () -> {
      Span found = collector.spans().stream().filter(s -> s.spanId().equals(parts[2])).findFirst().orElse(null);
      assertNotNull(found, "the client span named in traceparent was exported");
      return found;
    });
    assertEquals(CLIENT, call.kind());
    assertEquals(correlation, call.attributes().get("limbic.correlation_id"));
    List<Span> trace = collector.spans().stream().filter(s -> s.traceId().equals(server.traceId())).toList();
    assertTrue(trace.stream().anyMatch(s -> s.name().startsWith("agent user-engagement")), names(trace));
    assertTrue(trace.stream().anyMatch(s -> s.name().startsWith("agent notifications")), names(trace));
    assertTrue(trace.stream().allMatch(s -> correlation.equals(s.attributes().get("limbic.correlation_id"))),
        names(trace));
    assertEquals(List.of(server), trace.stream().filter(s -> s.parentSpanId().isEmpty()).toList(),
        "one root: " + names(trace));
  }

  private Span only(String correlation, String name) {
    List<Span> found = collector.spans().stream()
        .filter(s -> s.name().equals(name) && correlation.equals(s.attributes().get("limbic.correlation_id")))
        .toList();
    assertEquals(1, found.size(), names(collector.spans()));
    return found.get(0);
  }
}
