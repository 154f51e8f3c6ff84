package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.SocketReplies;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.protocol.session.Capabilities;
import io.limbic.protocol.session.TelemetryFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SDK's binary framing on {@code /v1/stream} over a real socket: a frame is acked as its JSON twin would be,
 * with the same per-sample refusals and the same sample limit; a frame off the layout gets a malformed_frame
 * error and the socket stays open for the next message, binary or JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamFramingH2IT {
  private static final String KEY = "frames-key-0123456789abcdef";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    node = TestNode.start(TestDatabase.h2(), Map.of("limbic.api-keys", "shop:" + KEY));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  @Test
  void aBinaryBatchIsAckedWithItsRefusalsAndABrokenOneLeavesTheSocketOpen() throws Exception {
    String session = "frames-" + UUID.randomUUID();
    SocketReplies listener = new SocketReplies();
    BlockingQueue<String> replies = listener.replies;
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + node.httpPort() + "/v1/stream?sessionId=" + session
            + "&access_token=" + KEY), listener)
        .get(10, TimeUnit.SECONDS);
    try {
      long t = 1_764_600_000_000L;
      List<Map<String, Object>> samples = List.of(
          Map.of("t", t, "type", "nav", "url", "/checkout", "scrollY", 0L),
          Map.of("t", t + 40, "type", "move", "x", 120L, "y", 300L, "url", "/checkout"),
          Map.of("t", t + 90, "type", "move", "url", "/checkout"), // a move without a position
          Map.of("t", t + 130, "type", "click", "x", 130L, "y", 310L, "button", 0L, "target", "button#pay",
              "section", "checkout", "url", "/checkout"));
      byte[] frame = new TelemetryFrame(Optional.of("buyer-1"), Optional.of(new Capabilities(true, true)), samples)
          .encode();
      JsonNode ack = exchange(socket, replies, ByteBuffer.wrap(frame));
      assertEquals("ack", ack.path("type").asText(), ack.toString());
      assertEquals(3, ack.path("accepted").asInt(), ack.toString());
      assertEquals(1, ack.path("rejected").asInt(), ack.toString());
      assertEquals(2, ack.path("errors").get(0).path("index").asInt(), ack.toString());

      byte[] broken = java.util.Arrays.copyOf(frame, frame.length - 1);
      JsonNode error = exchange(socket, replies, ByteBuffer.wrap(broken));
      assertEquals("error", error.path("type").asText(), error.toString());
      assertEquals(400, error.path("status").asInt(), error.toString());
      assertEquals("malformed_frame", error.path("code").asText(), error.toString());
      assertTrue(error.path("detail").asText().contains("at byte"), error.toString());
      assertTrue(error.path("closing").isMissingNode(), "the socket stays open: " + error);

      TelemetryFrame tooMany = new TelemetryFrame(Optional.empty(), Optional.empty(),
          Collections.nCopies(1001, Map.of("t", t + 200, "type", "key")));
      JsonNode refused = exchange(socket, replies, ByteBuffer.wrap(tooMany.encode()));
      assertEquals(413, refused.path("status").asInt(), refused.toString());
      assertEquals("too_many_samples", refused.path("code").asText(), refused.toString());

      socket.sendText("{\"samples\":[{\"t\":" + (t + 300) + ",\"type\":\"key\"}]}", true).get(10, TimeUnit.SECONDS);
      JsonNode json = MAPPER.readTree(replies.poll(10, TimeUnit.SECONDS));
      assertEquals(1, json.path("accepted").asInt(), "JSON text still works on the same socket: " + json);

      ApiClient api = new ApiClient(node.httpPort(), KEY);
      Eventually.within(Duration.ofSeconds(10), () -> {
        JsonNode view = api.get("/v1/sessions/" + session).body();
        assertEquals(4, view.path("samples").asInt(), view.toString());
        assertEquals("buyer-1", view.path("userId").asText(), view.toString());
      });
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }

  private static JsonNode exchange(WebSocket socket, BlockingQueue<String> replies, ByteBuffer frame) throws Exception {
    socket.sendBinary(frame, true).get(10, TimeUnit.SECONDS);
    String reply = replies.poll(10, TimeUnit.SECONDS);
    assertNotNull(reply, "a reply to the binary message");
    return MAPPER.readTree(reply);
  }
}
