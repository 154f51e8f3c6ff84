package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * request crosses origins, so CORS for the publishable key's origin is exercised too.
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

  private String page() {
    return "<!doctype html><html><body><button id=\"buy\">Buy</button><script src=\"/posthog.js\"></script><script>"
        + "posthog.init('" + PUBLISHABLE + "', {api_host: 'http://127.0.0.1:" + node.httpPort() + "',"
        + " request_batching: false, persistence: 'memory', opt_out_useragent_filter: true, disable_session_recording: true,"
        + " capture_pageleave: false, loaded: () => { window.phLoaded = true; }});</script></body></html>";
  }

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
      page.call("Page.enable");
      page.call("Network.enable");
      page.call("Page.navigate", Map.of("url", siteOrigin() + "/"));
      Eventually.within(Duration.ofSeconds(20), () -> assertFalse(page.events("Page.loadEventFired").isEmpty()));
      Eventually.within(Duration.ofSeconds(20), () -> assertTrue(page.evaluate("window.phLoaded === true").asBoolean()));
      String session = page.evaluate("posthog.get_session_id()").asText();
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
      // A 503 is the node's "busy, send again" (on a loaded machine its first answers can time out) and posthog-js
      // retries it, as the checks above saw; anything else at error level (a CORS refusal, a 4xx, an exception in
      // posthog-js on one of the node's answers) is a defect.
      List<String> errors = chromium.consoleErrors().stream().filter(e -> !e.contains("status of 503")).toList();
      assertEquals(List.of(), errors, "what the page logged at error level");
    }
  }
}
