package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.tracing.LimbicTracing;
import io.limbic.projections.tracing.TraceParents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /metrics} on the management port (README "Metrics and traces"): after some traffic, the request timers
 * are per route template (two users, one series), the journal writes, live entities, read model and agent lag, the
 * idle scheduler, detection and the JVM are there, and the counters moved. {@code /metrics/detection} still answers.
 * Tracing is off by default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsH2IT {
  private static final String KEY = "metrics-key-0123456789abcdef";
  private static final Duration WAIT = Duration.ofSeconds(60);

  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.h2();
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY));
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
  }

  private String management(String path) {
    return "http://127.0.0.1:" + node.system().settings().config().getInt("pekko.management.http.port") + path;
  }

  private String scrape() throws Exception {
    Reply reply = ApiClient.getUrl(management("/metrics"));
    assertEquals(200, reply.status(), reply.raw().body());
    assertTrue(reply.contentType().startsWith("text/plain"), reply.contentType());
    return reply.raw().body();
  }

  @Test
  void theScrapeShowsTheNodesFiguresAndTheyMove() throws Exception {
    assertFalse(LimbicTracing.get(node.system()).enabled(), "no OTLP endpoint configured: tracing is off");
    String before = scrape();
    String heartbeats = "limbic_http_server_requests_seconds_count{method=\"POST\",route=\"/v1/heartbeat\","
        + "status=\"2xx\"}";
    double heartbeatsBefore = value(before, heartbeats);
    double writesBefore = value(before, "limbic_journal_write_seconds_count");

    ApiClient api = new ApiClient(node.httpPort(), KEY);
    // Off: a request (even one naming a caller's trace) starts no span, so nothing is remembered to continue.
    Reply traced = api.send("POST", "/v1/heartbeat", "{\"userId\":\"m-0\"}",
        "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertEquals(200, traced.status(), traced.raw().body());
    assertTrue(TraceParents.find(traced.header("X-Request-Id")).isEmpty(), "no span of the request");
    for (String user : List.of("m-1", "m-2")) {
      assertEquals(200, api.post("/v1/heartbeat", "{\"userId\":\"" + user + "\"}").status());
      assertEquals(200, api.get("/v1/users/" + user).status());
    }
    assertEquals(404, api.get("/v1/no-such-thing/at-all").status());

    String after = Eventually.value(WAIT, () -> {
      String text = scrape();
      assertTrue(value(text, "limbic_entities_live{type=\"User\"}") >= 2, "users live: " + text);
      assertTrue(text.contains("limbic_read_model_lag_seconds{read_model="), "read model lag");
      assertTrue(text.contains("limbic_agent_lag_seconds{agent=\"notifications\"}"), "agent lag");
      return text;
    });
    assertEquals(heartbeatsBefore + 3, value(after, heartbeats), "three heartbeats, one series");
    assertEquals(2, value(after, "limbic_http_server_requests_seconds_count{method=\"GET\","
        + "route=\"/v1/users/{userId}\",status=\"2xx\"}"), "two users' reads, one template");
    assertEquals(1, value(after, "limbic_http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\","
        + "status=\"4xx\"}"));
    assertFalse(after.contains("/v1/users/m-1"), "no raw paths in the labels");
    assertTrue(after.contains("limbic_http_server_requests_seconds_bucket{method=\"POST\",route=\"/v1/heartbeat\""),
        "a latency histogram");
    assertTrue(value(after, "limbic_journal_write_seconds_count") > writesBefore, "journal writes timed");
    for (String name : List.of("limbic_idle_queued{", "limbic_idle_lag_p99_seconds{", "limbic_detections_total",
        "limbic_detection_latency_seconds{quantile=\"0.99\"}", "jvm_memory_used_bytes{", "jvm_threads_live_threads",
        "process_uptime_seconds", "system_cpu_count")) {
      assertTrue(after.contains(name), name + " missing from\n" + after);
    }
    Reply detection = ApiClient.getUrl(management("/metrics/detection"));
    assertEquals(200, detection.status(), detection.raw().body());
    assertTrue(detection.raw().body().contains("\"p99Ms\""), detection.raw().body());
  }

  /** The value of the sample line that starts with {@code series} (label order as Prometheus renders: by name). */
  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*\\})? (\\S+)").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
