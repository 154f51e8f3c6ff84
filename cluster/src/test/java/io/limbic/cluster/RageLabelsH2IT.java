package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.CalmClicking;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The labels hold end to end (issue 9): a labelled rage trace reads as rage on the session and on the user, over
 * HTTP and over the WebSocket; a calm session with triple-click selections and stepper clicks does not, and raises
 * no rage click at all. Default tenant settings (default rage prior), capabilities declared as the SDK does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RageLabelsH2IT {
  static final String KEY = "acme-key-0123456789abcdef";
  /** A generator rage trace that the live replay reads as escalation-grade rage and still as rage when it ends. */
  static final long RAGE_SEED = 11;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of("h2");
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  ApiClient api() {
    return new ApiClient(node.httpPort(), KEY);
  }

  static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  void overHttp(String session, List<String> messages) throws Exception {
    for (String message : messages) {
      Reply reply = api().post("/v1/sessions/" + session + "/telemetry", message);
      assertEquals(202, reply.status(), reply.raw().body());
    }
  }

  void overSocket(String session, List<String> messages) throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + node.httpPort() + "/v1/stream?sessionId=" + session
            + "&access_token=" + KEY), new Collector(received))
        .get(10, TimeUnit.SECONDS);
    for (String message : messages) {
      socket.sendText(message, true).get(10, TimeUnit.SECONDS);
      while (true) {
        JsonNode reply = MAPPER.readTree(received.poll(10, TimeUnit.SECONDS));
        if (reply.get("type").asText().equals("emotion")) continue;
        assertEquals("ack", reply.get("type").asText(), reply.toString());
        break;
      }
    }
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }

  private record Collector(BlockingQueue<String> received) implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      received.add(data.toString());
      webSocket.request(1);
      return null;
    }
  }

  void assertRage(String session, String user) throws Exception {
    Eventually.within(Duration.ofSeconds(20), () -> {
      JsonNode view = api().get("/v1/sessions/" + session).body();
      JsonNode emotion = view.get("emotion");
      assertNotNull(emotion, view.toString());
      assertEquals("rage", emotion.get("state").asText(), view.toString());
      JsonNode rage = emotion.get("evidence").get("rage");
      assertEquals(0.0025, rage.get("prior").asDouble(), 1e-12, "the tenant's default prior is shown");
      assertTrue(rage.get("likelihoodRatio").asDouble() > 1, rage.toString());
      assertTrue(view.get("signals").path("deadClicks").asInt() + view.get("signals").path("errorClicks").asInt() > 0,
          "the client declared mutations: " + view.get("signals"));
      JsonNode userView = api().get("/v1/users/" + user).body();
      assertEquals("rage", userView.get("emotion").get("state").asText(), userView.toString());
    });
  }

  void assertNotRage(String session, String user) throws Exception {
    Eventually.within(Duration.ofSeconds(20), () -> {
      JsonNode view = api().get("/v1/sessions/" + session).body();
      assertTrue(view.get("samples").asLong() > 200, view.toString());
      assertEquals(0, view.get("signals").path("rageClicks").asInt(), view.get("signals").toString());
      assertEquals(0, view.get("signals").path("deadClicks").asInt(), view.get("signals").toString());
      JsonNode emotion = view.get("emotion");
      if (emotion != null && !emotion.isNull()) assertNotEquals("rage", emotion.get("state").asText(), view.toString());
      JsonNode userEmotion = api().get("/v1/users/" + user).body().path("emotion");
      if (!userEmotion.isMissingNode() && !userEmotion.isNull()) {
        assertNotEquals("rage", userEmotion.get("state").asText(), userEmotion.toString());
      }
    });
  }

  @Test
  void aLabelledRageTraceReadsAsRageOverHttp() throws Exception {
    String session = id("s");
    String user = id("u");
    overHttp(session, Traces.messages(RAGE_SEED, EmotionalState.RAGE, user));
    assertRage(session, user);
  }

  @Test
  void aLabelledRageTraceReadsAsRageOverTheWebSocket() throws Exception {
    String session = id("ws");
    String user = id("u");
    overSocket(session, Traces.messages(RAGE_SEED, EmotionalState.RAGE, user));
    assertRage(session, user);
  }

  @Test
  void aCalmSessionWithTripleClickSelectionsAndStepperClicksIsNotRageOverHttp() throws Exception {
    String session = id("s");
    String user = id("u");
    overHttp(session, Traces.messages(CalmClicking.samples(), user));
    assertNotRage(session, user);
  }

  @Test
  void aCalmSessionWithTripleClickSelectionsAndStepperClicksIsNotRageOverTheWebSocket() throws Exception {
    String session = id("ws");
    String user = id("u");
    overSocket(session, Traces.messages(CalmClicking.samples(), user));
    assertNotRage(session, user);
  }

  @Test
  void capabilitiesAreValidated() throws Exception {
    String session = id("s");
    String body = "{\"capabilities\": %s, \"samples\": [{\"t\": 1, \"type\": \"move\", \"x\": 1, \"y\": 1}]}";
    for (String bad : List.of("true", "{\"mutations\": \"yes\"}", "{\"mutation\": true}")) {
      Reply reply = api().post("/v1/sessions/" + session + "/telemetry", String.format(body, bad));
      assertEquals(400, reply.status(), bad + ": " + reply.raw().body());
      assertTrue(reply.body().get("type").asText().endsWith("/invalid_capabilities"), reply.raw().body());
    }
  }

  @Test
  void aClientThatNeverDeclaredMutationsGetsNoDeadClicks() throws Exception {
    String session = id("s");
    long t = 1_700_000_000_000L;
    String clicks = "{\"samples\": [{\"t\": %d, \"type\": \"click\", \"x\": 10, \"y\": 10, \"target\": \"#a\"},"
        + " {\"t\": %d, \"type\": \"click\", \"x\": 500, \"y\": 10, \"target\": \"#b\"}]}";
    assertEquals(202, api().post("/v1/sessions/" + session + "/telemetry", String.format(clicks, t, t + 4_000)).status());
    assertEquals(202, api().post("/v1/sessions/" + session + "/telemetry",
        "{\"samples\": [{\"t\": " + (t + 9_000) + ", \"type\": \"move\", \"x\": 20, \"y\": 20}]}").status());
    String declared = id("s");
    assertEquals(202, api().post("/v1/sessions/" + declared + "/telemetry", String.format(
        clicks.replace("{\"samples\"", "{\"capabilities\": {\"mutations\": true}, \"samples\""), t, t + 4_000)).status());
    assertEquals(202, api().post("/v1/sessions/" + declared + "/telemetry",
        "{\"samples\": [{\"t\": " + (t + 9_000) + ", \"type\": \"move\", \"x\": 20, \"y\": 20}]}").status());
    Eventually.within(Duration.ofSeconds(15), () -> {
      assertTrue(api().get("/v1/sessions/" + declared).body().get("signals").path("deadClicks").asInt() >= 1);
      assertEquals(0, api().get("/v1/sessions/" + session).body().get("signals").path("deadClicks").asInt());
    });
  }
}
