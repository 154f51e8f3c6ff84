package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.cluster.testkit.DatabaseProxy;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.RawWebSocket;
import io.limbic.cluster.testkit.SocketReplies;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * While the database is unreachable, the entry points beside {@code /v1} answer as {@code /v1} does: PostHog and
 * Segment capture 503 {@code database_unavailable} with Retry-After at once, a WebSocket does not open (503), and
 * an open socket stays open but refuses each message at once with an error {@code database_unavailable}.
 */
class DatabaseOutageEntryPointsPostgresIT {
  private static final String KEY = "acme-key-0123456789abcdef";
  private static final String PUBLISHABLE = "acme-pub-0123456789abcdef";
  private static final String SAMPLES = "\"samples\":[{\"t\":1000,\"type\":\"move\",\"x\":1,\"y\":1}]";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void captureAndTheWebSocketAnswer503AtOnceWhileTheDatabaseIsLost() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    DatabaseProxy proxy = new DatabaseProxy(portOf(db.url));
    Map<String, Object> settings = new HashMap<>(db.nodeSettings());
    settings.put("limbic.db.url", proxy.through(db.url));
    settings.put("limbic.api-keys", "acme:" + KEY);
    settings.put("limbic.publishable-keys", "acme:" + PUBLISHABLE);
    LimbicNode node = TestNode.start(settings);
    int port = node.httpPort();
    SocketReplies listener = new SocketReplies();
    WebSocket open = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/stream?sessionId=s-" + UUID.randomUUID()
            + "&access_token=" + KEY), listener)
        .get(30, TimeUnit.SECONDS);
    try {
      assertEquals("ack", exchange(open, listener).path("type").asText(), "the socket works before the cut");
      assertEquals(200, postHog(port).statusCode(), "capture works before the cut");

      proxy.cut();
      // The node's breaker opens after a few failed database calls (its probe's, the journal's).
      Eventually.within(Duration.ofSeconds(60), () -> assertEquals("database_unavailable",
          code(post(port, "/v1/heartbeat", "Bearer " + KEY, "{\"userId\":\"u1\"}"))));

      assertUnavailable(postHog(port));
      assertUnavailable(post(port, "/segment/v1/track", basic(PUBLISHABLE),
          "{\"userId\":\"u1\",\"event\":\"Signed Up\",\"messageId\":\"m-" + UUID.randomUUID() + "\"}"));
      try (RawWebSocket refused = RawWebSocket.open(port,
          "/v1/stream?sessionId=s-" + UUID.randomUUID() + "&access_token=" + KEY, null)) {
        assertEquals(503, refused.status(), refused.response);
        assertEquals("database_unavailable", code(refused.body()));
      }
      JsonNode message = exchange(open, listener);
      assertEquals("error", message.path("type").asText(), message.toString());
      assertEquals(503, message.path("status").asInt(), message.toString());
      assertEquals("database_unavailable", message.path("code").asText(), message.toString());
      assertEquals(false, message.path("closing").asBoolean(false), "the open socket stays open");

      proxy.restore();
      Eventually.within(Duration.ofSeconds(60), () -> assertEquals(200, postHog(port).statusCode()));
      Eventually.within(Duration.ofSeconds(30),
          () -> assertEquals("ack", exchange(open, listener).path("type").asText()));
    } finally {
      open.abort();
      node.stop();
      proxy.close();
    }
  }

  private static void assertUnavailable(HttpResponse<String> reply) throws Exception {
    assertEquals(503, reply.statusCode(), reply.body());
    assertEquals("1", reply.headers().firstValue("Retry-After").orElse(null));
    assertEquals("database_unavailable", code(reply.body()));
  }

  private static JsonNode exchange(WebSocket socket, SocketReplies listener) throws Exception {
    socket.sendText("{" + SAMPLES + "}", true).get(10, TimeUnit.SECONDS);
    String reply = listener.replies.poll(30, TimeUnit.SECONDS);
    assertNotNull(reply, "a reply on the socket");
    return MAPPER.readTree(reply);
  }

  private static HttpResponse<String> postHog(int port) throws Exception {
    return post(port, "/batch/", null, "{\"api_key\":\"" + PUBLISHABLE + "\",\"batch\":[{\"event\":\"signed_up\","
        + "\"distinct_id\":\"u1\",\"uuid\":\"" + UUID.randomUUID() + "\",\"properties\":{}}]}");
  }

  private static String basic(String writeKey) {
    return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(int port, String path, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) request.header("Authorization", authorization);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String code(HttpResponse<String> reply) throws Exception {
    return code(reply.body());
  }

  private static String code(String problem) throws Exception {
    String type = MAPPER.readTree(problem).path("type").asText("");
    return type.substring(type.lastIndexOf('/') + 1);
  }

  private static int portOf(String jdbcUrl) {
    Matcher m = Pattern.compile("//[^:/]+:(\\d+)/").matcher(jdbcUrl);
    if (!m.find()) throw new IllegalArgumentException(jdbcUrl);
    return Integer.parseInt(m.group(1));
  }
}
