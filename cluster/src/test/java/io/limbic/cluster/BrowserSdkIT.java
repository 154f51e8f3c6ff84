package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.DevToolsConnection;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.HeadlessChromium;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The browser SDK in a real headless Chromium against a real node (H2): the demo checkout page is loaded from the
 * node, a person types a coupon code, applies it (a live click), then hammers the dead "Pay now" button; the
 * session must show a rage click and exactly one dead click, and the emotion the node pushes must reach the page.
 * The WebSocket frames the page sent are read back from the browser to check what went over the wire. A second
 * page has its WebSocket blocked and must deliver its telemetry over HTTP instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSdkIT {
  private static final String KEY = "browser-key-0123456789abcdef";
  private static final Set<String> STATES = Set.of("rage", "frustration", "confusion", "hesitation", "engagement", "calm");
  private static final Set<String> SAMPLE_FIELDS =
      Set.of("t", "type", "x", "y", "button", "target", "section", "scrollY", "url");
  private static final String TYPED = "SECRET42";
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

  private ApiClient api() {
    return new ApiClient(node.httpPort(), KEY);
  }

  @Test
  void aDeadPayButtonBecomesRageAndADeadClickAndTheEmotionIsPushedToThePage() throws Exception {
    String session = "browser-" + UUID.randomUUID();
    String user = "buyer-" + UUID.randomUUID();
    try (HeadlessChromium chromium = HeadlessChromium.launch(); DevToolsConnection page = chromium.newPage()) {
      page.call("Network.enable");
      openDemo(page, session);

      JsonNode identified = page.evaluate("Limbic.identify('" + user + "', {email: 'jane@acme.com'})");
      assertEquals("acme.com", identified.path("company").asText(), identified.toString());

      page.evaluate("document.getElementById('coupon-code').focus()");
      for (char c : TYPED.toCharArray()) type(page, c);
      assertEquals(TYPED, page.evaluate("document.getElementById('coupon-code').value").asText());

      double[] coupon = centerOf(page, "#coupon");
      moveAlong(page, new double[] {40, 40}, coupon);
      click(page, coupon, 1);
      Eventually.within(Duration.ofSeconds(5), () ->
          assertEquals(1, page.evaluate("document.querySelectorAll('#discounts li').length").asInt()));

      double[] pay = centerOf(page, "#pay");
      moveAlong(page, coupon, pay);
      for (int i = 1; i <= 5; i++) {
        click(page, pay, i);
        Thread.sleep(80); // a person's rapid clicking, well inside the 1,000 ms rage gap
      }
      assertTrue(page.evaluate("Limbic.flush().then(() => true)").asBoolean(), "flush resolves once all is acked");

      // The dead-click window (2,500 ms) has to pass on the server before the burst counts as dead.
      JsonNode view = Eventually.value(Duration.ofSeconds(20), () -> {
        JsonNode v = api().get("/v1/sessions/" + session).body();
        assertEquals(user, v.path("userId").asText(), v.toString());
        assertTrue(v.path("signals").path("rageClicks").asInt() >= 1, v.path("signals").toString());
        // The coupon click changed the page, so only the pay burst is dead, and a burst counts once.
        assertEquals(1, v.path("signals").path("deadClicks").asInt(), v.path("signals").toString());
        assertTrue(STATES.contains(v.path("emotion").path("state").asText()), v.toString());
        return v;
      });
      assertTrue(view.get("physics").get("session").get("pathLengthPx").asDouble() > 0, view.toString());

      Eventually.within(Duration.ofSeconds(15), () -> {
        String server = api().get("/v1/sessions/" + session).body().path("emotion").path("state").asText();
        assertEquals(server, page.evaluate("document.getElementById('emotion').dataset.state || ''").asText(),
            "the page shows the emotion the node pushed");
      });

      List<JsonNode> samples = sentSamples(page);
      checkWire(samples, pay);
      int accepted = acks(page).stream().mapToInt(a -> a.path("accepted").asInt()).sum();
      int rejected = acks(page).stream().mapToInt(a -> a.path("rejected").asInt()).sum();
      assertEquals(0, rejected, "the server rejected samples: " + acks(page));
      assertEquals(samples.size(), accepted);
      assertEquals(accepted, api().get("/v1/sessions/" + session).body().path("samples").asInt());

      JsonNode buyer = api().get("/v1/users/" + user).body();
      assertFalse(buyer.path("lastActiveAt").isMissingNode() || buyer.path("lastActiveAt").isNull(),
          "identify sent a heartbeat: " + buyer);
    }
  }

  @Test
  void whenTheWebSocketCannotOpenTelemetryGoesOverHttp() throws Exception {
    String session = "browser-http-" + UUID.randomUUID();
    try (HeadlessChromium chromium = HeadlessChromium.launch(); DevToolsConnection page = chromium.newPage()) {
      page.call("Network.enable");
      // Before any page script runs, the page's WebSocket is pointed at a closed port: it is refused, as behind a
      // proxy that drops WebSockets. (DevTools' URL blocking does not apply to WebSockets.)
      page.call("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
          "{ const Real = WebSocket; window.WebSocket = function (url) { return new Real(url.replace(/:\\d+\\//, ':1/')); }; }"));
      openDemo(page, session);
      double[] pay = centerOf(page, "#pay");
      moveAlong(page, new double[] {40, 40}, pay);
      click(page, pay, 1);
      assertTrue(page.evaluate("Limbic.flush().then(() => true)").asBoolean(), "flush resolves once all is acked");

      assertTrue(page.events("Network.webSocketFrameSent").isEmpty(), "the socket did not open");
      long posts = page.events("Network.requestWillBeSent").stream()
          .map(r -> r.path("request"))
          .filter(r -> r.path("method").asText().equals("POST"))
          .filter(r -> r.path("url").asText().endsWith("/v1/sessions/" + session + "/telemetry"))
          .count();
      assertTrue(posts >= 1, "telemetry was posted");
      JsonNode view = api().get("/v1/sessions/" + session).body();
      assertTrue(view.path("samples").asInt() > 0, view.toString());
    }
  }

  private void openDemo(DevToolsConnection page, String session) throws Exception {
    page.call("Page.enable");
    page.call("Page.navigate",
        Map.of("url", "http://127.0.0.1:" + node.httpPort() + "/sdk/demo.html?key=" + KEY + "&session=" + session));
    Eventually.within(Duration.ofSeconds(20), () -> assertFalse(page.events("Page.loadEventFired").isEmpty()));
    assertEquals(session, page.evaluate("Limbic.sessionId()").asText());
  }

  /** What went over the wire: every sample in the WebSocket frames the page sent. */
  private static List<JsonNode> sentSamples(DevToolsConnection page) throws Exception {
    List<JsonNode> samples = new ArrayList<>();
    for (JsonNode frame : page.events("Network.webSocketFrameSent")) {
      String payload = frame.path("response").path("payloadData").asText();
      assertFalse(payload.contains(TYPED), "what was typed went over the wire: " + payload);
      MAPPER.readTree(payload).path("samples").forEach(samples::add);
    }
    assertFalse(samples.isEmpty(), "the page sent telemetry over the WebSocket");
    return samples;
  }

  private static List<JsonNode> acks(DevToolsConnection page) throws Exception {
    List<JsonNode> acks = new ArrayList<>();
    for (JsonNode frame : page.events("Network.webSocketFrameReceived")) {
      JsonNode message = MAPPER.readTree(frame.path("response").path("payloadData").asText());
      if (message.path("type").asText().equals("ack")) acks.add(message);
    }
    return acks;
  }

  private static void checkWire(List<JsonNode> samples, double[] pay) {
    long previous = Long.MIN_VALUE;
    int keys = 0;
    int payClicks = 0;
    boolean mutation = false;
    for (JsonNode s : samples) {
      s.fieldNames().forEachRemaining(f -> assertTrue(SAMPLE_FIELDS.contains(f), "unexpected field " + f + " in " + s));
      long t = s.get("t").asLong();
      assertTrue(t > previous, "samples go out in increasing t: " + s);
      previous = t;
      switch (s.get("type").asText()) {
        case "key" -> {
          keys++;
          assertEquals("input#coupon-code", s.path("target").asText(), s.toString());
          assertEquals("checkout", s.path("section").asText(), s.toString());
        }
        case "click" -> {
          if (s.path("target").asText().equals("button#pay")) {
            payClicks++;
            assertEquals("checkout", s.path("section").asText(), s.toString());
            assertEquals(pay[0], s.get("x").asDouble(), 1.0, "page coordinates of the click: " + s);
          }
        }
        case "mutation" -> mutation = true;
        default -> { }
      }
    }
    assertEquals(TYPED.length(), keys, "one key sample per key press");
    assertEquals(5, payClicks);
    assertTrue(mutation, "the coupon's change of the page was reported");
  }

  private static double[] centerOf(DevToolsConnection page, String selector) throws Exception {
    JsonNode box = page.evaluate("(() => { const r = document.querySelector('" + selector + "').getBoundingClientRect();"
        + " return [r.left + r.width / 2, r.top + r.height / 2]; })()");
    return new double[] {box.get(0).asDouble(), box.get(1).asDouble()};
  }

  /** Moves the pointer in small steps, paced like a hand (the SDK keeps at most one move per 50 ms). */
  private static void moveAlong(DevToolsConnection page, double[] from, double[] to) throws Exception {
    int steps = 15;
    for (int i = 1; i <= steps; i++) {
      double x = from[0] + (to[0] - from[0]) * i / steps;
      double y = from[1] + (to[1] - from[1]) * i / steps;
      page.call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
      Thread.sleep(20);
    }
  }

  private static void click(DevToolsConnection page, double[] at, int clickCount) throws Exception {
    for (String type : List.of("mousePressed", "mouseReleased")) {
      page.call("Input.dispatchMouseEvent", Map.of(
          "type", type, "x", at[0], "y", at[1], "button", "left", "clickCount", clickCount,
          "buttons", type.equals("mousePressed") ? 1 : 0));
    }
  }

  private static void type(DevToolsConnection page, char c) throws Exception {
    String key = String.valueOf(c);
    String code = Character.isDigit(c) ? "Digit" + c : "Key" + Character.toUpperCase(c);
    int keyCode = Character.toUpperCase(c);
    page.call("Input.dispatchKeyEvent", Map.of(
        "type", "keyDown", "key", key, "code", code, "text", key, "windowsVirtualKeyCode", keyCode));
    page.call("Input.dispatchKeyEvent", Map.of(
        "type", "keyUp", "key", key, "code", code, "windowsVirtualKeyCode", keyCode));
  }
}
