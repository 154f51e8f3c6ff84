package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.ProductEvents;
import io.limbic.cluster.testkit.LoggedErrors;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Live sessions over HTTP and WebSocket against a real node and database; once per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionApiContract {
  static final String KEY = "acme-key-0123456789abcdef";
  static final Set<String> STATES = Set.of("rage", "frustration", "confusion", "hesitation", "engagement", "calm");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  TestDatabase db;
  LimbicNode node;

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY));
  }

  /** Every response these tests receive is checked against openapi.json. */
  final ContractViolations openApi = new ContractViolations();

  @AfterEach
  void responsesMatchTheOpenApiDescription() {
    openApi.assertNone();
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  ApiClient api() {
    return new ApiClient(node.httpPort(), KEY).validating(openApi);
  }

  static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private void send(String session, List<String> messages) throws Exception {
    for (String message : messages) {
      Reply reply = api().post("/v1/sessions/" + session + "/telemetry", message);
      assertEquals(202, reply.status(), reply.raw().body());
    }
  }

  @Test
  void rageTelemetryOverHttpBecomesSignalsAndAnEmotionWithEvidenceOnSessionAndUser() throws Exception {
    String session = id("s");
    String user = id("u");
    send(session, Traces.messages(11, EmotionalState.RAGE, user));

    Eventually.within(Duration.ofSeconds(15), () -> {
      JsonNode view = api().get("/v1/sessions/" + session).body();
      assertEquals(user, view.get("userId").asText());
      assertTrue(view.get("samples").asLong() > 100, view.toString());
      assertTrue(view.get("physics").get("session").get("pathLengthPx").asDouble() > 0);
      assertTrue(view.get("signals").path("rageClicks").asInt() >= 1, view.get("signals").toString());
      JsonNode emotion = view.get("emotion");
      assertNotNull(emotion, view.toString());
      assertTrue(STATES.contains(emotion.get("state").asText()));
      double confidence = emotion.get("confidence").asDouble();
      assertTrue(confidence >= 0 && confidence <= 1);
      assertFalse(emotion.get("evidence").get("reasons").isEmpty());
      // The hot path: the user's entity was told directly.
      JsonNode userView = api().get("/v1/users/" + user).body();
      assertEquals(emotion.get("state").asText(), userView.get("emotion").get("state").asText());
      assertEquals(session, userView.get("emotion").get("sessionId").asText());
    });
  }

  @Test
  void theWebSocketAcksEachMessageAndPushesEmotions() throws Exception {
    String session = id("ws");
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + node.httpPort() + "/v1/stream?sessionId=" + session + "&access_token=" + KEY),
                new Collector(received))
            .get(10, TimeUnit.SECONDS);
    List<String> messages = Traces.messages(11, EmotionalState.RAGE, null);
    int accepted = 0;
    boolean pushed = false;
    for (String message : messages) {
      socket.sendText(message, true).get(10, TimeUnit.SECONDS);
      while (true) {
        JsonNode reply = MAPPER.readTree(received.poll(10, TimeUnit.SECONDS));
        if (reply.get("type").asText().equals("emotion")) {
          pushed = true;
          continue;
        }
        assertEquals("ack", reply.get("type").asText(), reply.toString());
        accepted += reply.get("accepted").asInt();
        break;
      }
    }
    socket.sendText("{\"samples\": 7}", true).get(10, TimeUnit.SECONDS);
    JsonNode error = nextNonPush(received);
    assertEquals("error", error.get("type").asText());
    assertEquals(400, error.get("status").asInt());

    assertTrue(accepted > 100);
    long samples = api().get("/v1/sessions/" + session).body().get("samples").asLong();
    assertEquals(accepted, samples);
    String last = received.poll(5, TimeUnit.SECONDS);
    assertTrue(pushed || last != null, "an emotion change was pushed on the socket");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }

  private static JsonNode nextNonPush(BlockingQueue<String> received) throws Exception {
    while (true) {
      JsonNode reply = MAPPER.readTree(received.poll(10, TimeUnit.SECONDS));
      if (!reply.get("type").asText().equals("emotion")) return reply;
    }
  }

  /** Collects whole text messages. */
  private record Collector(BlockingQueue<String> received) implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      received.add(data.toString());
      webSocket.request(1);
      return null;
    }
  }

  @Test
  void sessionStateSurvivesARestart() throws Exception {
    String session = id("r");
    send(session, Traces.messages(11, EmotionalState.RAGE, null));
    JsonNode before =
        Eventually.value(Duration.ofSeconds(15), () -> {
          JsonNode v = api().get("/v1/sessions/" + session).body();
          assertNotNull(v.get("emotion"));
          return v;
        });
    node.stop();
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY));
    JsonNode after = api().get("/v1/sessions/" + session).body();
    assertEquals(before.get("signals"), after.get("signals"));
    assertEquals(before.get("samples").asLong(), after.get("samples").asLong());
    assertEquals(before.get("emotion").get("state"), after.get("emotion").get("state"));
  }

  @Test
  void identifyAndProductEventsShapeTheUser() throws Exception {
    String user = id("u");
    String session = id("s");
    String anonymous = id("anon");
    // Bought before identifying: held under the anonymous id.
    Reply early = api().post("/v1/events", "{\"events\":[{\"anonymousId\":\"" + anonymous
        + "\",\"type\":\"purchase\",\"amount\":20,\"currency\":\"EUR\",\"at\":\"2026-01-01T10:00:00Z\",\"id\":\"a1\"}]}");
    assertEquals(1, early.body().get("accepted").asInt(), early.raw().body());

    Reply identify = api().post("/v1/identify", "{\"sessionId\":\"" + session + "\",\"userId\":\"" + user
        + "\",\"anonymousId\":\"" + anonymous + "\",\"traits\":{\"email\":\"Jane@Acme.com\"}}");
    assertEquals(200, identify.status(), identify.raw().body());
    assertEquals("acme.com", identify.body().get("company").asText());

    String events = "{\"events\":["
        + "{\"userId\":\"" + user + "\",\"type\":\"purchase\",\"amount\":100.50,\"currency\":\"EUR\",\"at\":\"2026-01-02T10:00:00Z\",\"id\":\"e1\"},"
        + "{\"userId\":\"" + user + "\",\"type\":\"refund\",\"amount\":30,\"currency\":\"EUR\",\"at\":\"2026-01-03T10:00:00Z\",\"id\":\"e2\"},"
        + "{\"userId\":\"" + user + "\",\"type\":\"signup\",\"at\":\"2026-01-01T09:00:00Z\",\"id\":\"e0\"},"
        + "{\"userId\":\"" + user + "\",\"type\":\"purchase\",\"amount\":5,\"at\":\"2026-01-03T10:00:00Z\",\"id\":\"bad\"}]}";
    Reply first = api().post("/v1/events", events);
    assertEquals(3, first.body().get("accepted").asInt(), first.raw().body());
    assertEquals(1, first.body().get("rejected").asInt());
    assertEquals(3, first.body().get("errors").get(0).get("index").asInt());
    Reply retry = api().post("/v1/events", events);
    assertEquals(3, retry.body().get("duplicates").asInt(), retry.raw().body());

    Eventually.within(Duration.ofSeconds(15), () -> {
      JsonNode view = api().get("/v1/users/" + user).body();
      assertEquals("acme.com", view.get("company").asText());
      assertEquals(0, view.get("lifetimeValue").get("EUR").decimalValue().compareTo(new java.math.BigDecimal("90.50")),
          view.toString());
    });
    assertEquals(user, api().get("/v1/sessions/" + session).body().get("userId").asText());

    Reply freeMail = api().post("/v1/identify",
        "{\"sessionId\":\"" + id("s") + "\",\"userId\":\"" + id("u") + "\",\"traits\":{\"email\":\"x@gmail.com\"}}");
    assertTrue(freeMail.body().get("company").isNull());
    Reply taken = api().post("/v1/identify",
        "{\"sessionId\":\"" + id("s") + "\",\"userId\":\"" + id("u") + "\",\"anonymousId\":\"" + anonymous + "\"}");
    assertEquals(409, taken.status(), taken.raw().body());
  }

  @Test
  void beyondTheDefaultHoldItemsAreRefusedAndNothingCountsTwice() throws Exception {
    String anonymous = id("full");
    String user = id("u");
    // The default hold, 10,000 events: ten full requests fit.
    for (int r = 0; r < 10; r++) {
      Reply held = api().post("/v1/events", ProductEvents.anonymousPurchases(anonymous, "h" + r, 0, 1000));
      assertEquals(1000, held.body().get("accepted").asInt(), held.raw().body());
    }
    String eleventh = ProductEvents.anonymousPurchases(anonymous, "h10", 0, 1000);
    Reply full = api().post("/v1/events", eleventh);
    assertStatus(429, full);
    assertEquals("60", full.header("Retry-After"));
    assertTrue(full.body().get("type").asText().endsWith("/hold_full"), full.raw().body());
    // Half retries of held events (duplicates), half new ones (refused one by one).
    String mixed = "{\"events\":[" + items(ProductEvents.anonymousPurchases(anonymous, "h0", 0, 500)) + ","
        + items(ProductEvents.anonymousPurchases(anonymous, "h10", 500, 500)) + "]}";
    Reply partly = api().post("/v1/events", mixed);
    assertEquals(200, partly.status(), partly.raw().body());
    assertEquals(500, partly.body().get("duplicates").asInt());
    assertEquals(500, partly.body().get("rejected").asInt());
    assertEquals("hold_full", partly.body().get("errors").get(0).get("code").asText());
    assertEquals(500, partly.body().get("errors").get(0).get("index").asInt());

    Reply identify = api().post("/v1/identify", ProductEvents.identify(id("s"), user, anonymous));
    assertEquals(200, identify.status(), identify.raw().body());
    awaitEuros(user, 10_000);
    // Linked now: what was refused can be sent again, and counts once; everything else is a duplicate.
    assertEquals(1000, api().post("/v1/events", eleventh).body().get("accepted").asInt());
    awaitEuros(user, 11_000);
    for (int r = 0; r <= 10; r++) {
      Reply again = api().post("/v1/events", ProductEvents.anonymousPurchases(anonymous, "h" + r, 0, 1000));
      assertEquals(1000, again.body().get("duplicates").asInt(), again.raw().body());
    }
    assertEquals(1000, api().post("/v1/events", mixed).body().get("duplicates").asInt());
    awaitEuros(user, 11_000);
  }

  /** The items of an events body, without the envelope. */
  private static String items(String body) {
    return body.substring("{\"events\":[".length(), body.length() - 2);
  }

  private void awaitEuros(String user, int euros) throws Exception {
    Eventually.within(Duration.ofSeconds(20), () -> {
      JsonNode view = api().get("/v1/users/" + user).body();
      assertEquals(0, new java.math.BigDecimal(euros).compareTo(view.get("lifetimeValue").get("EUR").decimalValue()),
          view.toString());
    });
  }

  @Test
  void tenantThresholdsApplyToNewSessions() throws Exception {
    Reply set = api().put("/v1/config/signals", "{\"rageMinClicks\": 6}");
    assertEquals(200, set.status(), set.raw().body());
    assertEquals(6, api().get("/v1/config/signals").body().get("rageMinClicks").asInt());
    try {
      String session = id("cfg");
      StringBuilder samples = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        samples.append(i == 0 ? "" : ",").append("{\"t\":").append(1000 + i * 200)
            .append(",\"type\":\"click\",\"x\":100,\"y\":100,\"target\":\"#b\"}");
      }
      samples.append(",{\"t\":1900,\"type\":\"mutation\"}");
      send(session, List.of("{\"samples\":[" + samples + "]}"));
      JsonNode view = api().get("/v1/sessions/" + session).body();
      assertEquals(0, view.get("signals").path("rageClicks").asInt(), view.toString());
    } finally {
      assertEquals(200, api().put("/v1/config/signals", "{\"rageMinClicks\": 3}").status());
    }
  }

  /** Issue 7, defect 3: after a restart the tenant's stored thresholds came back untyped and sessions got 503. */
  @Test
  void savedThresholdsSurviveARestartAndNewSessionsUseThem() throws Exception {
    Reply set = api().put("/v1/config/signals", "{\"rageMinClicks\": 5, \"ignoredTargets\": [\"#ad*\"]}");
    assertEquals(200, set.status(), set.raw().body());
    try {
      node.stop();
      node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY));
      JsonNode config = api().get("/v1/config/signals").body();
      assertEquals(5, config.get("rageMinClicks").asInt(), config.toString());
      assertEquals(MAPPER.readTree("[\"#ad*\"]"), config.get("ignoredTargets"), config.toString());
      assertEquals(3000, config.get("scrollMinDistancePx").asDouble(), config.toString());

      String fourClicks = id("cfg4");
      send(fourClicks, List.of(clicks(4, "#b")));
      String fiveOnAnAd = id("cfg-ad");
      send(fiveOnAnAd, List.of(clicks(5, "#ad-banner")));
      String fiveClicks = id("cfg5");
      send(fiveClicks, List.of(clicks(5, "#b")));
      Eventually.within(Duration.ofSeconds(15), () -> {
        JsonNode rage = api().get("/v1/sessions/" + fiveClicks).body();
        assertEquals(1, rage.get("signals").path("rageClicks").asInt(), rage.toString());
      });
      JsonNode belowThreshold = api().get("/v1/sessions/" + fourClicks).body();
      assertEquals(4, belowThreshold.get("samples").asInt(), belowThreshold.toString());
      assertEquals(0, belowThreshold.get("signals").path("rageClicks").asInt(), belowThreshold.toString());
      JsonNode ignored = api().get("/v1/sessions/" + fiveOnAnAd).body();
      assertEquals(0, ignored.get("signals").path("rageClicks").asInt(), ignored.toString());
    } finally {
      assertEquals(200, api().put("/v1/config/signals", "{}").status());
    }
  }

  /** {@code n} clicks 200 ms apart on one spot: a rage burst under the default thresholds from the third. */
  private static String clicks(int n, String target) {
    StringBuilder samples = new StringBuilder();
    for (int i = 0; i < n; i++) {
      samples.append(i == 0 ? "" : ",").append("{\"t\":").append(1000 + i * 200)
          .append(",\"type\":\"click\",\"x\":100,\"y\":100,\"target\":\"").append(target).append("\"}");
    }
    return "{\"samples\":[" + samples + "]}";
  }

  @Test
  void badInputIsRejectedAndPersistsNothing() throws Exception {
    String session = id("bad");
    String[] touched = {"Session|acme/" + session, "Session|acme/s", "User|acme/u", "Visitor|acme/a", "Tenant|acme"};
    long before = db.journalRows(touched);
    StringBuilder many = new StringBuilder("{\"samples\":[");
    for (int i = 0; i < 1001; i++) many.append(i == 0 ? "" : ",").append("{\"t\":").append(i).append(",\"type\":\"move\",\"x\":1,\"y\":1}");
    many.append("]}");
    assertStatus(400, api().post("/v1/sessions/" + session + "/telemetry", "{\"samples\":"));
    assertStatus(400, api().post("/v1/sessions/" + session + "/telemetry", "{\"samples\":{}}"));
    assertStatus(413, api().post("/v1/sessions/" + session + "/telemetry", many.toString()));
    assertStatus(400, api().post("/v1/sessions/bad%20id/telemetry", "{\"samples\":[]}"));
    Reply partly = api().post("/v1/sessions/" + session + "/telemetry",
        "{\"samples\":[{\"t\":1,\"type\":\"move\",\"x\":1e7,\"y\":1},{\"t\":2,\"type\":\"teleport\"},{\"t\":3,\"type\":\"key\",\"key\":\"a\"},{\"t\":\"4\",\"type\":\"move\",\"x\":1,\"y\":1}]}");
    assertEquals(202, partly.status());
    assertEquals(0, partly.body().get("accepted").asInt());
    assertEquals(4, partly.body().get("rejected").asInt());
    assertStatus(404, api().get("/v1/sessions/" + session));
    assertStatus(400, api().post("/v1/identify", "{\"sessionId\":\"s\"}"));
    assertStatus(400, api().post("/v1/identify", "{\"sessionId\":\"s\",\"userId\":\"u\",\"traits\":{\"email\":\"nope\"}}"));
    assertStatus(400, api().post("/v1/events", "{\"events\":{}}"));
    assertEquals(1, api().post("/v1/events", "{\"events\":[{\"userId\":\"u\",\"anonymousId\":\"a\",\"type\":\"purchase\",\"at\":\"2026-01-01T00:00:00Z\",\"id\":\"x\"}]}")
        .body().get("rejected").asInt());
    assertStatus(400, api().put("/v1/config/signals", "{\"rageMinClicks\": 0}"));
    assertStatus(400, api().put("/v1/config/signals", "{\"rageMinClicks\": 3.5}"));
    assertStatus(400, api().put("/v1/config/signals", "{\"noSuchThing\": 1}"));
    assertEquals(before, db.journalRows(touched), "rejected requests persisted nothing");
  }

  /**
   * Issue 7, defect 5: 1e400 was a 500 with a stack trace, literals beyond 64 bits were wrapped (2^64+1000 became
   * 1000, 10^999 became 0). Each is now refused on its own, with a reason, and changes nothing.
   */
  @Test
  void nonFiniteAndOutOfRangeNumbersAreRefusedNeverWrapped() throws Exception {
    String twoTo64Plus1000 = "18446744073709552616";
    String tenTo999 = "1" + "0".repeat(999);
    int mark = LoggedErrors.mark();

    String user = id("u");
    String at = "\"currency\":\"EUR\",\"at\":\"2026-01-02T10:00:00Z\"";
    Reply events = api().post("/v1/events", "{\"events\":["
        + "{\"userId\":\"" + user + "\",\"type\":\"purchase\",\"amount\":1e400," + at + ",\"id\":\"inf\"},"
        + "{\"userId\":\"" + user + "\",\"type\":\"purchase\",\"amount\":" + tenTo999 + "," + at + ",\"id\":\"big\"},"
        // In range, but a billion decimal places: adding it to the value would break every replay of the user.
        + "{\"userId\":\"" + user + "\",\"type\":\"purchase\",\"amount\":1e-999999999," + at + ",\"id\":\"tiny\"},"
        + "{\"userId\":\"" + user + "\",\"type\":\"purchase\",\"amount\":10," + at + ",\"id\":\"ok\"}]}");
    assertEquals(200, events.status(), events.raw().body());
    assertEquals(1, events.body().get("accepted").asInt(), events.raw().body());
    assertEquals(List.of(0, 1, 2), indices(events.body().get("errors")));
    assertEquals("invalid_field", events.body().get("errors").get(0).get("code").asText());
    assertEquals("amount must be a number between 0 and 1000000000000 with at most 8 decimal places",
        events.body().get("errors").get(0).get("message").asText());
    Eventually.within(Duration.ofSeconds(15), () -> {
      JsonNode view = api().get("/v1/users/" + user).body();
      assertEquals(0, view.get("lifetimeValue").get("EUR").decimalValue().compareTo(new java.math.BigDecimal("10")),
          view.toString());
    });

    String session = id("num");
    Reply telemetry = api().post("/v1/sessions/" + session + "/telemetry", "{\"samples\":["
        + "{\"t\":" + twoTo64Plus1000 + ",\"type\":\"move\",\"x\":1,\"y\":1},"
        + "{\"t\":1,\"type\":\"move\",\"x\":" + tenTo999 + ",\"y\":1},"
        + "{\"t\":2,\"type\":\"move\",\"x\":1e400,\"y\":1},"
        + "{\"t\":3,\"type\":\"click\",\"x\":1,\"y\":1,\"button\":" + twoTo64Plus1000 + "}]}");
    assertEquals(202, telemetry.status(), telemetry.raw().body());
    assertEquals(0, telemetry.body().get("accepted").asInt(), telemetry.raw().body());
    assertEquals(List.of(0, 1, 2, 3), indices(telemetry.body().get("errors")));
    assertEquals("t must be a whole number between 0 and 9007199254740992",
        telemetry.body().get("errors").get(0).get("message").asText());
    assertStatus(404, api().get("/v1/sessions/" + session));

    JsonNode config = api().get("/v1/config/signals").body();
    assertStatus(400, api().put("/v1/config/signals", "{\"rageMaxGapMs\": " + twoTo64Plus1000 + "}"));
    assertStatus(400, api().put("/v1/config/signals", "{\"rageMinClicks\": 4294967299}"));
    assertStatus(400, api().put("/v1/config/signals", "{\"rageMaxRadiusPx\": 1e400}"));
    assertStatus(400, api().put("/v1/config/signals", "{\"scrollMinDistancePx\": " + tenTo999 + "}"));
    assertEquals(config, api().get("/v1/config/signals").body());
    assertEquals(List.of(), LoggedErrors.since(mark), "refused input logs no error");
  }

  private static List<Integer> indices(JsonNode errors) {
    List<Integer> indices = new java.util.ArrayList<>();
    for (JsonNode e : errors) indices.add(e.get("index").asInt());
    return indices;
  }

  private static void assertStatus(int status, Reply reply) {
    assertEquals(status, reply.status(), reply.raw().body());
    assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
  }
}
