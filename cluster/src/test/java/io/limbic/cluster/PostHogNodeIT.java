package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.NpmPackages;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real posthog-node SDK (pinned by the committed package-lock.json, installed here with {@code npm ci}) pointed
 * at a node with only its {@code host} changed; plus what a publishable key may and may not do, over HTTP on H2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostHogNodeIT {
  static final String SECRET = "acme-secret-0123456789abcdef";
  static final String PUBLISHABLE = "phc_acme0123456789abcdef";
  static final String PAGE = "https://shop.acme.example";
  static final String ADMIN = "acme-admin-0123456789abcdef";

  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of("h2");
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + SECRET + ",acme:" + ADMIN + ":admin",
        "limbic.publishable-keys", "acme:" + PUBLISHABLE + ":" + PAGE));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  @Test
  void postHogNodeEventsArriveOnceAndIdentifyTheUser() throws Exception {
    Path dir = NpmPackages.install("posthog-node");
    String user = "ph-" + UUID.randomUUID();
    String anonymous = "anon-" + UUID.randomUUID();
    NpmPackages.run(dir, "capture.mjs", "http://127.0.0.1:" + node.httpPort(), PUBLISHABLE, user, anonymous);

    ApiClient api = new ApiClient(node.httpPort(), SECRET);
    Eventually.within(Duration.ofSeconds(20), () -> {
      Reply reply = api.get("/v1/users/" + user);
      assertEquals(200, reply.status(), reply.raw().body());
      // 3 EUR bought anonymously and aliased to the user, 5 EUR sent twice under one uuid (counted once), 2 EUR once.
      assertEquals(0, new BigDecimal("10").compareTo(reply.body().path("lifetimeValue").path("EUR").decimalValue()),
          reply.raw().body());
      assertNotNull(reply.body().get("company").textValue(), "identify set the company: " + reply.raw().body());
    });
  }

  /**
   * posthog-js sends a rage click twice: as its raw clicks and as the {@code $rageclick} summary. Sent by the real
   * posthog-node, the clicks make one rage-click signal of the session's own and the summary corroborates it (one
   * detection, not two); a summary with no clicks behind it is kept as client-reported, at a lower confidence, and
   * raises no signal of the session's own.
   */
  @Test
  void aRageClickSummaryCorroboratesTheSessionsOwnDetectionWithoutCountingTwice() throws Exception {
    Path dir = NpmPackages.install("posthog-node");
    String session = "phr-" + UUID.randomUUID();
    String lonely = "phl-" + UUID.randomUUID();
    NpmPackages.run(dir, "signals.mjs", "http://127.0.0.1:" + node.httpPort(), PUBLISHABLE,
        "anon-" + UUID.randomUUID(), session, lonely);

    ApiClient api = new ApiClient(node.httpPort(), SECRET);
    Eventually.within(Duration.ofSeconds(20), () -> {
      Reply view = api.get("/v1/sessions/" + session);
      assertEquals(200, view.status(), view.raw().body());
      assertEquals(1, view.body().path("signals").path("rageClicks").asInt(), view.raw().body());
      JsonNode reported = view.body().path("clientSignals");
      assertEquals(1, reported.size(), view.raw().body());
      assertEquals("rageClicks", reported.get(0).path("kind").asText());
      assertEquals("posthog", reported.get(0).path("source").asText());
      assertEquals("corroborated", reported.get(0).path("verdict").asText(), view.raw().body());
      assertEquals("2026-01-01T10:00:00.600Z", reported.get(0).path("at").asText());
      assertEquals("https://shop.acme.example/cart", reported.get(0).path("url").asText());
      assertTrue(reported.get(0).path("evidence").asText().contains("same element"), view.raw().body());
    });
    Eventually.within(Duration.ofSeconds(20), () -> {
      Reply view = api.get("/v1/sessions/" + lonely);
      assertEquals(200, view.status(), view.raw().body());
      assertEquals(0, view.body().path("signals").path("rageClicks").asInt(), view.raw().body());
      JsonNode reported = view.body().path("clientSignals");
      assertEquals(2, reported.size(), view.raw().body());
      assertEquals("clientReported", reported.get(0).path("verdict").asText(), view.raw().body());
      assertEquals(120, reported.get(0).path("x").asInt(), view.raw().body());
      assertEquals("deadClicks", reported.get(1).path("kind").asText(), view.raw().body());
      JsonNode corroborated = api.get("/v1/sessions/" + session).body().path("clientSignals").get(0);
      assertTrue(reported.get(0).path("confidence").asDouble() < corroborated.path("confidence").asDouble());
    });
    // A retry carries the same uuid: the report is recorded once (the product event counts once too).
    String retried = "{\"api_key\":\"" + PUBLISHABLE + "\",\"batch\":[{\"event\":\"$rageclick\",\"uuid\":\""
        + UUID.randomUUID() + "\",\"distinct_id\":\"a-1\",\"timestamp\":\"2026-01-01T10:01:00Z\","
        + "\"properties\":{\"$session_id\":\"" + lonely + "\",\"$elements_chain\":\"a.help\"}}]}";
    assertEquals(200, api.post("/batch/", retried).status());
    Reply again = api.post("/batch/", retried);
    assertEquals(200, again.status(), again.raw().body());
    assertEquals(1, again.body().path("duplicates").asInt(), again.raw().body());
    Reply view = api.get("/v1/sessions/" + lonely);
    assertEquals(3, view.body().path("clientSignals").size(), view.raw().body());
  }

  @Test
  void aPublishableKeyIngestsButNeverReadsNorAdministers() throws Exception {
    ApiClient page = new ApiClient(node.httpPort(), PUBLISHABLE);
    String user = "pk-" + UUID.randomUUID();
    Reply events = page.post("/v1/events", "{\"events\":[{\"userId\":\"" + user
        + "\",\"type\":\"signup\",\"at\":\"2026-01-01T10:00:00Z\",\"id\":\"e-1\"}]}");
    assertEquals(200, events.status(), events.raw().body());
    Reply read = page.get("/v1/users/" + user);
    assertEquals(403, read.status(), read.raw().body());
    Reply admin = page.get("/v1/agents");
    assertEquals(403, admin.status(), admin.raw().body());
    Reply unknown = page.get("/v1/no-such-thing");
    assertEquals(404, unknown.status());
    Reply otherPage = page.send("POST", "/v1/events", "{\"events\":[]}", "Origin", "https://evil.example");
    assertEquals(403, otherPage.status(), otherPage.raw().body());
    Reply ownPage = page.send("POST", "/v1/events", "{\"events\":[]}", "Origin", PAGE);
    assertEquals(200, ownPage.status(), ownPage.raw().body());
    assertEquals(PAGE, ownPage.header("Access-Control-Allow-Origin"));
  }

  @Test
  void preflightsAreAnsweredForTheKeysOriginsOnly() throws Exception {
    ApiClient anonymous = new ApiClient(node.httpPort(), SECRET);
    Reply allowed = anonymous.send("OPTIONS", "/batch/", null,
        "Origin", PAGE, "Access-Control-Request-Method", "POST");
    assertEquals(204, allowed.status());
    assertEquals(PAGE, allowed.header("Access-Control-Allow-Origin"));
    Reply refused = anonymous.send("OPTIONS", "/batch/", null,
        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
    assertNotEquals(204, refused.status());
    assertEquals(null, refused.header("Access-Control-Allow-Origin"));
  }

  @Test
  void badBodiesAndKeysAreFinalErrorsAndFlagsAreEmpty() throws Exception {
    ApiClient client = new ApiClient(node.httpPort(), SECRET);
    Reply malformed = client.post("/batch/", "{not json");
    assertEquals(400, malformed.status());
    assertTrue(malformed.contentType().contains("json"));
    Reply secretAsApiKey = client.post("/batch/", "{\"api_key\":\"" + SECRET + "\",\"batch\":[]}");
    assertEquals(401, secretAsApiKey.status());
    Reply flags = client.post("/flags/?v=2", "{\"api_key\":\"" + PUBLISHABLE + "\",\"distinct_id\":\"x\"}");
    assertEquals(200, flags.status());
    assertEquals(0, flags.body().path("featureFlags").size());
    Reply wrongMethod = client.get("/batch/");
    assertEquals(405, wrongMethod.status());
  }

  @Test
  void keysCreatedThroughTheAdminRouteCaptureUntilRevoked() throws Exception {
    ApiClient admin = new ApiClient(node.httpPort(), SECRET);
    Reply created = admin.post("/v1/publishable-keys", "{\"origins\":[\"https://app.acme.example\"]}");
    assertEquals(201, created.status(), created.raw().body());
    String key = created.body().get("key").asText();
    String id = created.body().get("id").asText();
    Reply listed = admin.get("/v1/publishable-keys");
    assertEquals(200, listed.status());
    assertTrue(listed.raw().body().contains(id) && !listed.raw().body().contains(key), listed.raw().body());
    String user = "adm-" + UUID.randomUUID();
    String capture = "{\"api_key\":\"" + key + "\",\"batch\":[{\"event\":\"purchase\",\"distinct_id\":\"" + user
        + "\",\"uuid\":\"0190c3a8-7a5e-7cc1-9b3e-6c1f2a9d0e02\",\"timestamp\":\"2026-01-01T10:00:00Z\","
        + "\"properties\":{\"amount\":3,\"currency\":\"EUR\"}}]}";
    Reply accepted = admin.post("/e/", capture);
    assertEquals(200, accepted.status(), accepted.raw().body());
    assertEquals(1, accepted.body().get("accepted").asInt(), accepted.raw().body());
    ApiClient asPage = new ApiClient(node.httpPort(), key);
    assertEquals(403, asPage.post("/v1/publishable-keys", "{}").status());
    assertEquals(403, asPage.get("/v1/publishable-keys").status());
    Reply revoked = admin.send("DELETE", "/v1/publishable-keys/" + id, null);
    assertEquals(204, revoked.status());
    assertEquals(401, admin.post("/e/", capture).status());
    assertEquals(404, admin.send("DELETE", "/v1/publishable-keys/" + id, null).status());
  }

  @Test
  void pageviewsAndAutocaptureClicksWithASessionBecomeItsTelemetry() throws Exception {
    String session = "phs-" + UUID.randomUUID();
    String anonymous = "anon-" + UUID.randomUUID();
    String properties = "\"token\":\"" + PUBLISHABLE + "\",\"distinct_id\":\"" + anonymous
        + "\",\"$session_id\":\"" + session + "\",\"$is_identified\":false";
    // As posthog-js sends it: a JSON array of events, gzip, ?compression=gzip-js, text/plain.
    String events = "[{\"event\":\"$pageview\",\"uuid\":\"" + UUID.randomUUID()
        + "\",\"timestamp\":\"2026-01-01T10:00:00.000Z\",\"properties\":{" + properties
        + ",\"$current_url\":\"https://shop.acme.example/cart\"}},"
        + "{\"event\":\"$autocapture\",\"uuid\":\"" + UUID.randomUUID()
        + "\",\"timestamp\":\"2026-01-01T10:00:01.000Z\",\"properties\":{" + properties
        + ",\"$event_type\":\"click\",\"$elements_chain\":\"button.buy:nth-child=\\\"1\\\"\"}},"
        + "{\"event\":\"$pageleave\",\"uuid\":\"" + UUID.randomUUID()
        + "\",\"timestamp\":\"2026-01-01T10:00:02.000Z\",\"properties\":{" + properties + "}}]";
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
      gzip.write(events.getBytes(StandardCharsets.UTF_8));
    }
    java.net.http.HttpResponse<String> sent = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + node.httpPort() + "/e/?compression=gzip-js&ver=1.200.0"))
            .header("Content-Type", "text/plain")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, sent.statusCode(), sent.body());
    assertTrue(sent.body().contains("\"accepted\":3"), sent.body());
    ApiClient api = new ApiClient(node.httpPort(), SECRET);
    Eventually.within(Duration.ofSeconds(20), () -> {
      Reply view = api.get("/v1/sessions/" + session);
      assertEquals(200, view.status(), view.raw().body());
      assertEquals(2, view.body().get("samples").asInt(), view.raw().body());
    });
  }

  /**
   * Issue 15: a batch holding an erased person's session answers those items {@code user_erased} and accepts the
   * rest, rather than refusing the whole batch with 410 (posthog-node would drop every event of it).
   */
  @Test
  void anErasedSessionRefusesOnlyItsOwnItemsOfABatch() throws Exception {
    ApiClient api = new ApiClient(node.httpPort(), SECRET);
    String user = "gone-" + UUID.randomUUID();
    String erased = "phs-gone-" + UUID.randomUUID();
    String live = "phs-live-" + UUID.randomUUID();
    assertEquals(200, api.post("/v1/heartbeat", "{\"userId\":\"" + user + "\",\"sessionId\":\"" + erased + "\"}")
        .status());
    Reply gone = new ApiClient(node.httpPort(), ADMIN).send("DELETE", "/v1/users/" + user, null);
    assertEquals(200, gone.status(), gone.raw().body());
    String batch = "{\"api_key\":\"" + PUBLISHABLE + "\",\"batch\":["
        + pageview(erased) + "," + pageview(live) + ",{\"event\":\"signup\",\"uuid\":\"" + UUID.randomUUID()
        + "\",\"distinct_id\":\"a-" + UUID.randomUUID() + "\",\"timestamp\":\"2026-01-01T10:00:00Z\"}]}";
    Reply answer = api.post("/batch/", batch);
    assertEquals(200, answer.status(), answer.raw().body());
    assertEquals(1, answer.body().path("errors").size(), answer.raw().body());
    assertEquals(0, answer.body().path("errors").get(0).path("index").asInt(), answer.raw().body());
    assertEquals("user_erased", answer.body().path("errors").get(0).path("code").asText(), answer.raw().body());
    assertEquals(2, answer.body().path("accepted").asInt(), answer.raw().body());
    Eventually.within(Duration.ofSeconds(20), () ->
        assertEquals(1, api.get("/v1/sessions/" + live).body().path("samples").asInt()));
    assertEquals(404, api.get("/v1/sessions/" + erased).status());
  }

  private static String pageview(String session) {
    return "{\"event\":\"$pageview\",\"uuid\":\"" + UUID.randomUUID() + "\",\"distinct_id\":\"a-" + session
        + "\",\"timestamp\":\"2026-01-01T10:00:00Z\",\"properties\":{\"$session_id\":\"" + session
        + "\",\"$current_url\":\"https://shop.acme.example/cart\"}}";
  }
}
