package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.RawWebSocket;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rate limits over HTTP on a socket: a node whose tenants may send 3 requests at once and then one every 10 s. Past
 * the burst a tenant's requests get 429 with Retry-After, on every authenticated entry point (the /v1 API with any
 * of its keys, the WebSocket upgrade, PostHog capture), while another tenant is served; a refused write changed
 * nothing, and once a token is back the tenant is served again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitsH2IT {
  private static final int BURST = 3;
  private static final String ACME = "acme-ratelimit-key-0123456789";
  private static final String ACME_OTHER = "acme-ratelimit-other-0123456789";
  private static final String GLOBEX = "globex-ratelimit-key-0123456789";
  private static final String ACME_PUBLISHABLE = "phc_acmeratelimit0123456789";

  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of("h2");
    node = TestNode.start(db, Map.of(
        "limbic.api-keys", "acme:" + ACME + ",acme:" + ACME_OTHER + ",globex:" + GLOBEX,
        "limbic.publishable-keys", "acme:" + ACME_PUBLISHABLE,
        "limbic.rate-limit.tenant-per-second", 0.1,
        // A loaded machine must not turn a write into a 503 (which would spend a token too).
        "limbic.http.ask-timeout", "20s",
        "limbic.rate-limit.tenant-burst", BURST));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  private ApiClient client(String key) {
    return new ApiClient(node.httpPort(), key);
  }

  private static String heartbeat(String user) {
    return "{\"userId\":\"" + user + "\",\"sessionId\":\"s1\",\"at\":\"" + Instant.now() + "\"}";
  }

  @Test
  void aTenantPastItsBurstIsRefusedEverywhereUntilATokenIsBackAndOthersAreServed() throws Exception {
    // The burst is spent on validations, which reach no entity (so a slow machine cannot turn one into a 503).
    Reply refused = null;
    for (int i = 0; i < BURST + 10 && refused == null; i++) {
      Reply reply = client(ACME).post("/v1/heartbeat/validate", heartbeat("rl-" + UUID.randomUUID()));
      if (reply.status() == 429) {
        refused = reply;
      } else {
        assertEquals(200, reply.status(), reply.raw().body());
      }
      if (i < BURST) assertEquals(200, reply.status(), "request " + i + " is within the burst");
    }
    assertTrue(refused != null, "a request past the burst is refused");
    String refusedUser = "rl-" + UUID.randomUUID();
    Reply refusedWrite = client(ACME).post("/v1/heartbeat", heartbeat(refusedUser));
    assertEquals(429, refusedWrite.status(), "a write past the burst is refused: " + refusedWrite.raw().body());
    assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
    assertTrue(refused.body().get("type").asText().endsWith("/rate_limited"), refused.raw().body());
    assertEquals(429, refused.body().get("status").asInt());
    int retryAfter = Integer.parseInt(refused.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);

    // The tenant's budget is one, whichever key or entry point spends it.
    assertEquals(429, client(ACME_OTHER).get("/v1/users/" + refusedUser).status(), "another key of the tenant");
    // A real upgrade: a plain GET of the stream is refused as no upgrade before it counts against a budget.
    try (RawWebSocket upgrade = RawWebSocket.open(node.httpPort(), "/v1/stream?sessionId=s1&access_token=" + ACME, null)) {
      assertEquals(429, upgrade.status(), "the WebSocket upgrade: " + upgrade.response);
      assertTrue(upgrade.body().contains("rate_limited"), upgrade.response);
    }
    Reply capture = client(null).post("/batch/", "{\"api_key\":\"" + ACME_PUBLISHABLE + "\",\"batch\":[]}");
    assertEquals(429, capture.status(), "PostHog capture with the tenant's publishable key");
    assertNotEquals(null, capture.header("Retry-After"));

    String other = "rl-" + UUID.randomUUID();
    Eventually.within(Duration.ofSeconds(30), () -> assertEquals(200,
        client(GLOBEX).post("/v1/heartbeat", heartbeat(other)).status(), "another tenant is served"));

    String later = "rl-" + UUID.randomUUID();
    Eventually.within(Duration.ofSeconds(30),
        () -> assertEquals(200, client(ACME).post("/v1/heartbeat", heartbeat(later)).status()));
    String unchanged = refusedUser;
    Eventually.within(Duration.ofSeconds(30), () -> {
      Reply read = client(ACME).get("/v1/users/" + unchanged);
      assertEquals(404, read.status(), "the refused heartbeat recorded nothing: " + read.raw().body());
    });
    Eventually.within(Duration.ofSeconds(30),
        () -> assertEquals(200, client(ACME).get("/v1/users/" + later).status()));
  }
}
