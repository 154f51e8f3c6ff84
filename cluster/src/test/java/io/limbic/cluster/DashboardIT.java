package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.http.ApiKeys;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.BrowserPage;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.HeadlessChromium;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import io.limbic.cluster.testkit.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard in a real headless Chromium against a node (H2) seeded over HTTP: a heartbeat, a valuable user's
 * session whose telemetry becomes rage, and the incident that rage opens. The operator signs in through the form;
 * every page must show the seeded data with no console error, and leaves a screenshot in
 * {@code target/dashboard-screenshots/}; the Acknowledge button must reach the incident. The session cookie is
 * HttpOnly and SameSite=Strict and holds no key, no URL the page requested holds the key, and a request with the
 * cookie but without the CSRF header (or from another origin) is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {
  private static final String KEY = "dashboard-key-0123456789abcdef";
  private static final String INGEST_ONLY = "dashboard-ingest-0123456789abcdef";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final String USER = "ops-vip";
  private static final String SESSION = "ops-s1";

  private LimbicNode node;
  private WebhookReceiver receiver;
  private String incidentId;

  @BeforeAll
  void startAndSeed() throws Exception {
    receiver = new WebhookReceiver();
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.api-keys", "ops:" + KEY + ":ingest+read+admin,ops:" + INGEST_ONLY + ":ingest");
    settings.put("limbic.escalation.delivery.allow-private-hosts", true);
    settings.put("limbic.agents.notifications.allow-private-hosts", true);
    settings.put("limbic.http.ask-timeout", "15s");
    settings.put("limbic.dashboard.live-interval", "500ms");
    node = TestNode.start(TestDatabase.h2(), settings);

    // The first request meets a cold node on a loaded machine: a heartbeat repeated is harmless.
    Eventually.within(WAIT, () -> assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + USER
        + "\",\"sessionId\":\"" + SESSION + "\",\"at\":\"" + Instant.now() + "\"}").status()));
    Reply purchase = api().post("/v1/events", "{\"events\":[{\"userId\":\"" + USER + "\",\"type\":\"purchase\","
        + "\"amount\":100000,\"currency\":\"USD\",\"id\":\"ops-p1\",\"at\":\"2026-01-01T10:00:00Z\"}]}");
    assertEquals(200, purchase.status(), purchase.raw().body());
    Eventually.within(WAIT, () -> assertEquals(100000,
        api().get("/v1/users/" + USER).body().path("lifetimeValue").path("USD").asInt()));
    Reply policy = api().put("/v1/escalation/policy", "{\"trigger\":{\"minConfidence\":0.0},\"escalateAfter\":"
        + "\"PT10M\",\"contacts\":[{\"name\":\"Ann\",\"channels\":[{\"type\":\"webhook\",\"url\":\""
        + receiver.url("/ops/ann") + "\"}]}]}");
    assertEquals(200, policy.status(), policy.raw().body());
    for (String message : Traces.messages(11, EmotionalState.RAGE, USER)) {
      assertEquals(202, api().post("/v1/sessions/" + SESSION + "/telemetry", message).status());
    }
    incidentId = Eventually.value(WAIT, () -> {
      JsonNode list = api().get("/v1/incidents").body().path("incidents");
      assertEquals(1, list.size(), list.toString());
      return list.get(0).path("id").asText();
    });
    Eventually.within(WAIT, () -> {
      JsonNode sessions = api().get("/v1/sessions?activeWithin=PT15M").body();
      assertEquals(SESSION, sessions.path("sessions").path(0).path("sessionId").asText(), sessions.toString());
    });
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
    if (receiver != null) receiver.close();
  }

  private ApiClient api() {
    return new ApiClient(node.httpPort(), KEY);
  }

  private String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  @Test
  void anOperatorSignsInSeesEveryPageAndAcknowledgesTheIncident() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    try (HeadlessChromium chromium = HeadlessChromium.launch(); BrowserPage page = chromium.newPage()) {
      page.call("Network.enable");
      page.call("Page.enable");
      page.call("Page.navigate", Map.of("url", base() + "/dashboard"));
      Eventually.within(WAIT, () -> assertEquals("signed-out", bodyState(page)));
      screenshot(page, "sign-in");

      page.evaluate("document.getElementById('key').value = '" + KEY + "'; true");
      page.evaluate("document.getElementById('sign-in-button').click(); true");
      Eventually.within(WAIT, () -> assertEquals("signed-in", bodyState(page)));
      assertEquals("", page.evaluate("document.getElementById('key').value").asText(), "the form forgets the key");

      show(page, "overview");
      Eventually.within(WAIT, () -> {
        assertTrue(text(page, "#active-users .card-value").matches("[1-9]\\d*"), text(page, "#active-users"));
        assertTrue(text(page, "#session-count .card-value").matches("[1-9]\\d*"), text(page, "#session-count"));
        assertTrue(text(page, "#by-state").contains("rage"), text(page, "#by-state"));
        assertTrue(text(page, "#by-state").contains("n = "), "the confidence carries its spread");
      });
      finish(chromium, page, "overview");

      show(page, "sessions");
      Eventually.within(WAIT, () -> {
        assertTrue(text(page, "#sessions-table").contains(SESSION), text(page, "#sessions-table"));
        assertTrue(text(page, "#sessions-table").contains(USER), text(page, "#sessions-table"));
        assertFalse(text(page, "#sessions-table").contains("…"), "every session's evidence is shown");
        assertTrue(page.evaluate("document.querySelectorAll('#sessions-table dl.evidence dt').length").asInt() > 0,
            "the evidence is listed: " + text(page, "#sessions-table"));
        assertFalse(text(page, "#sessions-table").contains("[object"), text(page, "#sessions-table"));
        assertEquals("live", page.evaluate("document.getElementById('live-status').dataset.state").asText());
        assertTrue(text(page, "#feed").contains(SESSION), "the feed pushed the session's emotion: "
            + text(page, "#feed"));
      });
      finish(chromium, page, "sessions");

      show(page, "incidents");
      String button = "button.ack[data-incident='" + incidentId + "']";
      Eventually.within(WAIT, () -> assertTrue(text(page, "#incident-list").contains(USER)));
      assertTrue(page.evaluate("document.querySelector(\"" + button + "\") !== null").asBoolean());
      finish(chromium, page, "incidents");
      page.evaluate("document.querySelector(\"" + button + "\").click(); true");
      JsonNode incident = Eventually.value(WAIT, () -> {
        JsonNode i = api().get("/v1/incidents/" + incidentId).body();
        assertEquals("acknowledged", i.path("status").asText(), i.toString());
        return i;
      });
      assertEquals("dashboard", incident.path("acknowledgedBy").asText());
      // The audit log names the dashboard session of the key, never the key.
      JsonNode audit = api().get("/v1/audit?action=incident.ack").body();
      assertEquals("dashboard:" + ApiKeys.nameOf(KEY), audit.path("entries").path(0).path("who").asText(),
          audit.toString());
      assertEquals(incidentId, audit.path("entries").path(0).path("target").asText(), audit.toString());
      Eventually.within(WAIT, () -> assertTrue(text(page, "#incident-list").contains("Acknowledged by dashboard")));
      assertEquals(List.of(), chromium.consoleErrors(), "console errors after acknowledging");

      String cookie = sessionCookie(page);
      checkKeyNeverInAUrl(page);
      checkCsrf(cookie);

      page.evaluate("document.getElementById('sign-out').click(); true");
      Eventually.within(WAIT, () -> assertEquals("signed-out", bodyState(page)));
      assertTrue(page.call("Network.getCookies").path("cookies").findValues("name").stream()
          .noneMatch(n -> n.asText().equals("limbic_dashboard")), "signing out clears the cookie");
    }
  }

  @Test
  void aKeyThatCannotReadOrIsNotASecretKeyCannotSignIn() throws Exception {
    assertEquals(403, signIn(INGEST_ONLY, true).statusCode());
    assertEquals(401, signIn("not-a-key-0123456789abcdef", true).statusCode());
    HttpResponse<String> withoutHeader = signIn(KEY, false);
    assertEquals(403, withoutHeader.statusCode(), withoutHeader.body());
    assertTrue(withoutHeader.headers().allValues("set-cookie").isEmpty());
    HttpResponse<String> ok = signIn(KEY, true);
    assertEquals(200, ok.statusCode(), ok.body());
    String setCookie = ok.headers().firstValue("set-cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
    assertFalse(setCookie.contains("Secure"), "no TLS here: " + setCookie);
    assertFalse(setCookie.contains(KEY), setCookie);
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/dashboard/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("content-security-policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    assertFalse(page.body().contains("<script>"), "no inline script");
    HttpResponse<String> uplot = HTTP.send(HttpRequest.newBuilder(
        URI.create(base() + "/dashboard/vendor/uplot/uPlot.esm.js")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, uplot.statusCode());
    assertTrue(uplot.headers().firstValue("cache-control").orElse("").contains("immutable"));
  }

  private HttpResponse<String> signIn(String key, boolean withHeader) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/dashboard/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\"}"));
    if (withHeader) b.header("X-Limbic-Dashboard", "1");
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The session cookie as the browser holds it: HttpOnly, SameSite=Strict, and no key in it. */
  private String sessionCookie(BrowserPage page) {
    JsonNode cookie = null;
    for (JsonNode c : page.call("Network.getCookies").path("cookies")) {
      if (c.path("name").asText().equals("limbic_dashboard")) cookie = c;
    }
    assertTrue(cookie != null, "the browser holds the session cookie");
    assertTrue(cookie.path("httpOnly").asBoolean(), cookie.toString());
    assertEquals("Strict", cookie.path("sameSite").asText(), cookie.toString());
    assertFalse(cookie.path("value").asText().contains(KEY), "the cookie holds no key");
    String payload = cookie.path("value").asText().split("\\.")[1];
    assertFalse(new String(Base64.getUrlDecoder().decode(payload)).contains(KEY), "nor does the token's payload");
    assertFalse(page.evaluate("document.cookie").asText().contains("limbic_dashboard"), "the page cannot read it");
    return cookie.path("value").asText();
  }

  private static void checkKeyNeverInAUrl(BrowserPage page) {
    List<String> urls = new ArrayList<>();
    page.events("Network.requestWillBeSent").forEach(r -> urls.add(r.path("request").path("url").asText()));
    assertTrue(urls.stream().anyMatch(u -> u.contains("/v1/incidents")), urls.toString());
    assertTrue(urls.stream().noneMatch(u -> u.contains(KEY)), "a URL holds the key: " + urls);
  }

  private void checkCsrf(String cookie) throws Exception {
    String body = "{\"escalateAfter\":\"PT10M\"}";
    HttpResponse<String> noHeader = cookieRequest("PUT", "/v1/escalation/policy", body, cookie);
    assertEquals(403, noHeader.statusCode(), noHeader.body());
    assertTrue(noHeader.body().contains("csrf_refused"), noHeader.body());
    HttpResponse<String> otherOrigin = cookieRequest("PUT", "/v1/escalation/policy", body, cookie,
        "X-Limbic-Dashboard", "1", "Origin", "https://evil.example");
    assertEquals(403, otherOrigin.statusCode(), otherOrigin.body());
    HttpResponse<String> ackWithoutHeader = cookieRequest("POST", "/v1/incidents/" + incidentId + "/ack", null, cookie);
    assertEquals(403, ackWithoutHeader.statusCode(), ackWithoutHeader.body());
    HttpResponse<String> read = cookieRequest("GET", "/v1/incidents", null, cookie);
    assertEquals(200, read.statusCode(), read.body());
    HttpResponse<String> forged = cookieRequest("GET", "/v1/incidents", null, cookie.substring(0, cookie.length() - 4)
        + "AAAA");
    assertEquals(401, forged.statusCode(), forged.body());
  }

  private HttpResponse<String> cookieRequest(String method, String path, String body, String cookie, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
        .header("Cookie", "limbic_dashboard=" + cookie)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void show(BrowserPage page, String id) throws Exception {
    page.evaluate("location.hash = '#/" + id + "'; true");
    Eventually.within(WAIT, () -> assertEquals("true", page.evaluate(
        "(document.getElementById('page-" + id + "') || {dataset: {}}).dataset.ready || ''").asText()));
  }

  /** The page's screenshot, and no console error on the way to it. */
  private static void finish(HeadlessChromium chromium, BrowserPage page, String name) throws Exception {
    screenshot(page, name);
    assertEquals(List.of(), chromium.consoleErrors(), "console errors on " + name);
  }

  private static void screenshot(BrowserPage page, String name) throws Exception {
    String png = page.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
        .path("data").asText();
    Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode(png));
  }

  private static String bodyState(BrowserPage page) {
    return page.evaluate("document.body.dataset.state || ''").asText();
  }

  private static String text(BrowserPage page, String selector) {
    return page.evaluate("(document.querySelector(\"" + selector + "\") || {textContent: ''}).textContent").asText();
  }
}
