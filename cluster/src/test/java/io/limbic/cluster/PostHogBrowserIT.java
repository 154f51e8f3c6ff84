package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.BrowserPage;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.HeadlessChromium;
import io.limbic.cluster.testkit.NpmPackages;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real posthog-js (pinned by the committed lock file, installed with {@code npm ci}) in headless Chromium, on a
 * page the test serves from another origin than the node's, with only {@code api_host} pointing at the node: its
 * pageview becomes the session's telemetry and its anonymous purchase, once identified, the user's value. Every
 * request crosses origins, so CORS for the publishable key's origin is exercised too. Three quick clicks on the
 * page's button are posthog-js's autocapture clicks and its own {@code $rageclick} of the burst: one rage click of the
 * session's own, corroborated by the summary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostHogBrowserIT {
  static final String SECRET = "shop-secret-0123456789abcdef";
  static final String PUBLISHABLE = "phc_shop0123456789abcdef";

  HttpServer site;
  LimbicNode node;
  Path posthogJs;

  @BeforeAll
  void start() throws Exception {
    posthogJs = NpmPackages.install("posthog-js").resolve("node_modules/posthog-js/dist/array.full.no-external.js");
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/posthog.js", exchange -> serve(exchange, "text/javascript", Files.readAllBytes(posthogJs)));
    site.createContext("/", exchange -> serve(exchange, "text/html", page().getBytes(StandardCharsets.UTF_8)));
    site.start();
    node = TestNode.start(TestDatabase.h2(), Map.of("limbic.api-keys", "shop:" + SECRET,
        "limbic.publishable-keys", "shop:" + PUBLISHABLE + ":" + siteOrigin()));
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
    if (site != null) site.stop(0);
  }

  private String siteOrigin() {
    return "http://127.0.0.1:" + site.getAddress().getPort();
  }

  /**
   * The shop page. While {@code window.holdAfterRage} is true, {@link #HOLD} keeps back the events posthog-js
   * captures after a {@code $rageclick} (the burst's third click) in {@code window.held}, so the test decides that
   * the report reaches the node first; {@link #RELEASE} then sends them as they were (same uuid and time).
   */
  private String page() {
    return "<!doctype html><html><body><button id=\"buy\">Buy</button><script src=\"/posthog.js\"></script><script>"
        + "window.held = []; posthog.init('" + PUBLISHABLE + "', {api_host: 'http://127.0.0.1:" + node.httpPort() + "',"
        + " request_batching: false, persistence: 'memory', opt_out_useragent_filter: true, disable_session_recording: true,"
        + " capture_pageleave: false, before_send: e => {"
        + " if (window.holdAfterRage && window.rageSent) { window.held.push(e); return null; }"
        + " if (e.event === '$rageclick') window.rageSent = true; return e; },"
        + " loaded: () => { window.phLoaded = true; }});</script></body></html>";
  }

  static final String HOLD = "window.holdAfterRage = true";
  static final String RELEASE = "window.holdAfterRage = false; window.held.splice(0).forEach(e =>"
      + " posthog.capture(e.event, e.properties, {uuid: e.uuid, timestamp: e.timestamp})); true";

  private static void serve(com.sun.net.httpserver.HttpExchange exchange, String type, byte[] body)
      throws java.io.IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** What the page sent and got back, for a failure message. */
  private static String traffic(BrowserPage page) {
    StringBuilder out = new StringBuilder();
    page.events("Network.requestWillBeSent").forEach(e -> out.append("-> ")
        .append(e.path("request").path("method").asText()).append(' ').append(e.path("request").path("url").asText())
        .append('\n'));
    page.events("Network.responseReceived").forEach(e -> out.append("<- ")
        .append(e.path("response").path("status").asInt()).append(' ').append(e.path("response").path("url").asText())
        .append('\n'));
    page.events("Network.loadingFailed").forEach(e -> out.append("!! ").append(e.path("errorText").asText())
        .append(' ').append(e.path("corsErrorStatus").toString()).append('\n'));
    return out.toString();
  }

  @Test
  void aPageviewAndAnIdentifiedPurchaseArriveFromTheBrowser() throws Exception {
    String user = "js-" + UUID.randomUUID();
    ApiClient api = new ApiClient(node.httpPort(), SECRET);
    try (HeadlessChromium chromium = HeadlessChromium.launch(); BrowserPage page = chromium.newPage()) {
      String session = open(page);
      page.evaluate("posthog.capture('purchase', {amount: 4, currency: 'EUR'})");
      page.evaluate("posthog.identify('" + user + "', {email: 'ana@globex.example'})");

      Eventually.within(Duration.ofSeconds(30), () -> {
        Reply view = api.get("/v1/sessions/" + session);
        assertEquals(200, view.status(), view.raw().body() + "\n" + traffic(page));
        assertTrue(view.body().get("samples").asInt() >= 1, view.raw().body());
      });
      Eventually.within(Duration.ofSeconds(30), () -> {
        Reply reply = api.get("/v1/users/" + user);
        assertEquals(200, reply.status(), reply.raw().body());
        assertEquals(0, new BigDecimal("4").compareTo(reply.body().path("lifetimeValue").path("EUR").decimalValue()),
            reply.raw().body());
      });
      assertNoErrors(chromium);
    }
  }

  /**
   * posthog-js (rageclick on by default: 3 clicks within 30 px, each within 1 s of the last) captures its
   * {@code $rageclick} on the third click, before that click's own {@code $autocapture}, and sends each event in a
   * request of its own, so the report can reach the session before the click that completes the burst. The page holds
   * that click back until the node has the report (client-reported: two clicks are no rage yet), then sends it as it
   * was: the session's own detector fires and corroborates the waiting report, and the burst counts once.
   */
  @Test
  void aRageClickReportThatArrivesBeforeItsLastClickIsCorroboratedAndCountedOnce() throws Exception {
    ApiClient api = new ApiClient(node.httpPort(), SECRET);
    try (HeadlessChromium chromium = HeadlessChromium.launch(); BrowserPage page = chromium.newPage()) {
      String session = open(page);
      // Autocapture starts once the remote configuration has said the project does not opt out of it.
      Eventually.within(Duration.ofSeconds(20), () -> assertTrue(
          page.evaluate("posthog.autocapture.isEnabled === true").asBoolean(), traffic(page)));
      page.evaluate(HOLD);
      page.click("#buy", 3);
      Eventually.within(Duration.ofSeconds(10), () ->
          assertEquals(1, page.evaluate("window.held.length").asInt(), "the third click's event is held"));
      assertEquals("$autocapture", page.evaluate("window.held[0].event").asText());

      Eventually.within(Duration.ofSeconds(30), () -> {
        Reply view = api.get("/v1/sessions/" + session);
        assertEquals(200, view.status(), view.raw().body() + "\n" + traffic(page));
        JsonNode reported = view.body().path("clientSignals");
        assertEquals(1, reported.size(), view.raw().body() + "\n" + traffic(page));
        assertEquals("clientReported", reported.get(0).path("verdict").asText(), view.raw().body());
        assertEquals(0, view.body().path("signals").path("rageClicks").asInt(), view.raw().body());
      });
      assertTrue(page.evaluate(RELEASE).asBoolean());

      Eventually.within(Duration.ofSeconds(30), () -> {
        Reply view = api.get("/v1/sessions/" + session);
        assertEquals(1, view.body().path("signals").path("rageClicks").asInt(), view.raw().body() + "\n" + traffic(page));
        JsonNode reported = view.body().path("clientSignals");
        assertEquals(1, reported.size(), view.raw().body());
        assertEquals("rageClicks", reported.get(0).path("kind").asText(), view.raw().body());
        assertEquals("posthog", reported.get(0).path("source").asText(), view.raw().body());
        assertEquals("corroborated", reported.get(0).path("verdict").asText(), view.raw().body());
        assertTrue(reported.get(0).path("target").asText().startsWith("button"), view.raw().body());
      });
      // The burst is one signal: the raw clicks and the summary are not counted twice.
      Reply view = api.get("/v1/sessions/" + session);
      assertEquals(1, view.body().path("signals").path("rageClicks").asInt(), view.raw().body());
      assertTrue(view.body().get("samples").asInt() >= 4, "a pageview and three clicks: " + view.raw().body());
      assertNoErrors(chromium);
    }
  }

  /** Loads the page and waits for posthog-js; the session id it uses. */
  private String open(BrowserPage page) throws Exception {
    page.call("Page.enable");
    page.call("Network.enable");
    page.call("Page.navigate", Map.of("url", siteOrigin() + "/"));
    Eventually.within(Duration.ofSeconds(20), () -> assertFalse(page.events("Page.loadEventFired").isEmpty()));
    Eventually.within(Duration.ofSeconds(20), () -> assertTrue(page.evaluate("window.phLoaded === true").asBoolean()));
    return page.evaluate("posthog.get_session_id()").asText();
  }

  /**
   * A 503 is the node's "busy, send again" (on a loaded machine its first answers can time out) and posthog-js
   * retries it, as the checks saw; anything else at error level (a CORS refusal, a 4xx, an exception in posthog-js on
   * one of the node's answers) is a defect.
   */
  private static void assertNoErrors(HeadlessChromium chromium) {
    List<String> errors = chromium.consoleErrors().stream().filter(e -> !e.contains("status of 503")).toList();
    assertEquals(List.of(), errors, "what the page logged at error level");
  }
}
