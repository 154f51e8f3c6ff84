package io.limbic.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The heartbeat benchmark's sender loops against a small HTTP server on a socket: every request arrives with its key
 * and body, every 2xx is counted once, and {@code concurrency} loops keep no more keep-alive connections than that;
 * each check runs with both clients of the loops ({@code client=raw}, the default, and {@code client=library}).
 */
class HeartbeatBenchmarkTest {
  private static final String KEY = "test-key-0123456789";

  private final Set<String> bodies = ConcurrentHashMap.newKeySet();
  private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
  private final Set<String> wrongKeys = ConcurrentHashMap.newKeySet();
  private ExecutorService threads;
  private HttpServer server;

  @BeforeAll
  static void answerWithoutNagle() {
    // the JDK server writes head and body apart; without this each answer waits for the client's delayed ACK
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  @BeforeEach
  void start() throws IOException {
    threads = Executors.newFixedThreadPool(8);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(threads);
    server.createContext("/v1/heartbeat/validate", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void answer(HttpExchange exchange) throws IOException {
    clients.add(exchange.getRemoteAddress());
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer " + KEY).equals(auth)) wrongKeys.add(String.valueOf(auth));
    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    byte[] reply = "{\"valid\":true}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  @ParameterizedTest
  @EnumSource(SenderClient.class)
  void onePassSendsEveryRequestOnceOverAtMostTheGivenConnections(SenderClient client) throws Exception {
    int port = server.getAddress().getPort();
    HeartbeatBenchmark.Requests requests =
        HeartbeatBenchmark.requests(client, port, KEY, "/v1/heartbeat/validate", 300);

    LatencySummary s = HeartbeatBenchmark.run(requests, 120, 4, true);

    assertEquals(300, s.ok());
    assertEquals(0, s.errors());
    assertEquals(300, bodies.size());
    assertTrue(bodies.contains("{\"userId\":\"bench-299\"}"), bodies.toString());
    assertEquals(Set.of(), wrongKeys);
    assertTrue(clients.size() <= 4, "connections: " + clients);
    assertTrue(s.p50Ms() > 0 && s.p50Ms() <= s.p99Ms(), s.toString());
  }

  @ParameterizedTest
  @EnumSource(SenderClient.class)
  void anAnswerThatIsNot2xxIsAnErrorNotALatency(SenderClient client) throws Exception {
    int port = server.getAddress().getPort();
    HeartbeatBenchmark.Requests requests = HeartbeatBenchmark.requests(client, port, KEY, "/v1/missing", 10);

    LatencySummary s = HeartbeatBenchmark.run(requests, 120, 2, true);

    assertEquals(0, s.ok());
    assertEquals(10, s.errors());
    assertTrue(Double.isNaN(s.p50Ms()) && Double.isNaN(s.p99Ms()), s.toString());
  }

  @ParameterizedTest
  @EnumSource(SenderClient.class)
  void aNodeThatIsGoneIsOneErrorPerLoop(SenderClient client) throws Exception {
    int port = server.getAddress().getPort();
    server.stop(0);
    HeartbeatBenchmark.Requests requests = HeartbeatBenchmark.requests(client, port, KEY, "/v1/heartbeat", 10);

    LatencySummary s = HeartbeatBenchmark.run(requests, 120, 3, true);

    assertEquals(0, s.ok());
    assertEquals(3, s.errors());
  }

  @Test
  void theClientOptionIsRawUnlessLibraryIsAsked() {
    assertEquals(SenderClient.RAW, SenderClient.of(Map.of()));
    assertEquals(SenderClient.RAW, SenderClient.of(Map.of("client", "raw")));
    assertEquals(SenderClient.LIBRARY, SenderClient.of(Map.of("client", "library")));
    assertThrows(IllegalArgumentException.class, () -> SenderClient.of(Map.of("client", "apache")));
  }
}
