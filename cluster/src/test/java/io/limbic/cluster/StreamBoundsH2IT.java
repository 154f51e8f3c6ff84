package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.RawWebSocket;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bounds of the telemetry WebSocket over real sockets: rate, message size, message time, sockets per session
 * and the Origin check. Small bounds here (5 messages/s, burst 10, 2 s per message, 2 sockets per session).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamBoundsH2IT {
  private static final String KEY = "acme-key-0123456789abcdef";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  TestDatabase db;
  io.limbic.cluster.LimbicNode node;
  String run;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.h2();
    node = TestNode.start(db, Map.of(
        "limbic.api-keys", "acme:" + KEY,
        "limbic.http.allowed-origins", "acme=https://app.acme.example|https://admin.acme.example:8443",
        "limbic.http.websocket.messages-per-second", "5",
        "limbic.http.websocket.burst", "10",
        "limbic.http.websocket.refusals-before-close", "5",
        "limbic.http.websocket.message-timeout", "2s",
        "limbic.http.websocket.max-sockets-per-session", "2"));
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  private String stream(String session) {
    return "/v1/stream?sessionId=" + session + "-" + run + "&access_token=" + KEY;
  }

  @Test
  void aFloodIsAnswered429AndThenClosed() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + node.httpPort() + stream("flood")), new Collector(received, closed))
        .get(10, TimeUnit.SECONDS);
    int sent = 0;
    try {
      for (; sent < 300 && !closed.isDone(); sent++) socket.sendText("{\"samples\":[]}", true).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException closedMeanwhile) {
      // the node closed the socket while we were still sending
    }
    Eventually.within(Duration.ofSeconds(20), () -> assertTrue(closed.isDone(), "the node closed the flooding socket"));
    List<JsonNode> replies = new ArrayList<>();
    for (String text : received) replies.add(MAPPER.readTree(text));
    long limited = replies.stream().filter(r -> r.path("status").asInt() == 429).count();
    long acked = replies.stream().filter(r -> r.path("type").asText().equals("ack")).count();
    assertTrue(limited >= 5, "over-rate messages are answered 429: " + replies);
    assertTrue(acked < 300, "not every message of the flood was processed: " + acked);
    JsonNode last = replies.get(replies.size() - 1);
    assertEquals(429, last.get("status").asInt(), last.toString());
    assertTrue(last.get("closing").asBoolean(), last.toString());
  }

  @Test
  void aMessageOverTheLimitClosesTheSocketWithoutReadingTheRest() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(node.httpPort(), stream("big"), null)) {
      assertEquals(101, socket.status(), socket.response);
      socket.startTextFrame(1 << 20); // announces 1 MiB ...
      socket.sendPayload(264 * 1024); // ... sends a little over 256 KiB, then nothing more
      List<String> texts = socket.textUntilClose();
      JsonNode error = MAPPER.readTree(texts.get(texts.size() - 1));
      assertEquals(413, error.get("status").asInt(), error.toString());
      assertTrue(error.get("closing").asBoolean());
      socket.awaitEndOfStream();
    }
  }

  @Test
  void aFrameAnnouncingTwoToThe63BytesIsClosedWithinTheMessageTime() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(node.httpPort(), stream("endless"), null)) {
      assertEquals(101, socket.status(), socket.response);
      socket.startTextFrame(Long.MAX_VALUE);
      socket.sendPayload(16);
      List<String> texts = socket.textUntilClose();
      JsonNode error = MAPPER.readTree(texts.get(texts.size() - 1));
      assertEquals(408, error.get("status").asInt(), error.toString());
      assertEquals("message_timeout", error.get("code").asText());
      socket.awaitEndOfStream();
    }
  }

  @Test
  void originsOtherThanTheNodesAndTheTenantsAreRefused() throws Exception {
    int port = node.httpPort();
    try (RawWebSocket evil = RawWebSocket.open(port, stream("o1"), "https://evil.example")) {
      assertEquals(403, evil.status(), evil.response);
      assertTrue(evil.response.toLowerCase().contains("application/problem+json"), evil.response);
      assertEquals("origin_not_allowed", MAPPER.readTree(evil.body()).get("type").asText().replaceAll(".*/", ""));
    }
    for (String refused : List.of("null", "http://app.acme.example", "https://app.acme.example:444", "http://127.0.0.1:1")) {
      try (RawWebSocket socket = RawWebSocket.open(port, stream("o2"), refused)) {
        assertEquals(403, socket.status(), refused);
      }
    }
    int session = 0;
    for (String allowed : List.of("https://app.acme.example", "https://admin.acme.example:8443",
        "http://127.0.0.1:" + port)) {
      try (RawWebSocket socket = RawWebSocket.open(port, stream("o3-" + session++), allowed)) {
        assertEquals(101, socket.status(), allowed + "\n" + socket.response);
      }
    }
    try (RawWebSocket noOrigin = RawWebSocket.open(port, stream("o4"), null)) {
      assertEquals(101, noOrigin.status(), noOrigin.response);
    }
  }

  @Test
  void aSessionHasAtMostTwoSocketsHere() throws Exception {
    int port = node.httpPort();
    try (RawWebSocket first = RawWebSocket.open(port, stream("many"), null);
        RawWebSocket second = RawWebSocket.open(port, stream("many"), null)) {
      assertEquals(101, first.status());
      assertEquals(101, second.status());
      try (RawWebSocket third = RawWebSocket.open(port, stream("many"), null)) {
        assertEquals(429, third.status(), third.response);
        assertTrue(third.body().contains("too_many_sockets"));
      }
      first.close();
      Eventually.within(Duration.ofSeconds(10), () -> {
        try (RawWebSocket again = RawWebSocket.open(port, stream("many"), null)) {
          assertEquals(101, again.status(), "a closed socket frees its place");
        }
      });
    }
  }

  /** Collects whole text messages and the close. */
  private record Collector(BlockingQueue<String> received, CompletableFuture<Integer> closed)
      implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      received.add(data.toString());
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}
