package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.NpmPackages;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real @segment/analytics-node SDK (pinned by the committed package-lock.json, installed here with
 * {@code npm ci}) pointed at a node with only its {@code host} and {@code path} changed; plus the status codes of
 * Segment's HTTP API over HTTP on H2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentNodeIT {
  static final String SECRET = "acme-secret-0123456789abcdef";
  static final String WRITE_KEY = "pk_acmeSegment0123456789";

  TestDatabase db;
  LimbicNode node;
  final ContractViolations openApi = new ContractViolations();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of("h2");
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + SECRET,
        "limbic.publishable-keys", "acme:" + WRITE_KEY));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  @AfterEach
  void responsesMatchTheDescription() {
    openApi.assertNone();
  }

  /** A client without a Bearer key whose responses are checked against openapi.json. */
  private ApiClient client() {
    return new ApiClient(node.httpPort(), null).validating(openApi);
  }

  private static String basic(String key) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  private Reply post(String path, String body, String key) throws Exception {
    return client().send("POST", path, body, "Authorization", basic(key));
  }

  private static String order(String owner, String messageId, int revenue) {
    return "{\"type\":\"track\",\"event\":\"Order Completed\"," + owner + ",\"messageId\":\"" + messageId
        + "\",\"timestamp\":\"2026-11-30T10:00:00.000Z\",\"properties\":{\"revenue\":" + revenue
        + ",\"currency\":\"EUR\"}}";
  }

  private void assertLifetimeValue(String user, String eur) throws Exception {
    ApiClient api = new ApiClient(node.httpPort(), SECRET);
    Eventually.within(Duration.ofSeconds(20), () -> {
      Reply reply = api.get("/v1/users/" + user);
      assertEquals(200, reply.status(), reply.raw().body());
      assertEquals(0, new BigDecimal(eur).compareTo(reply.body().path("lifetimeValue").path("EUR").decimalValue()),
          reply.raw().body());
    });
  }

  @Test
  void analyticsNodeCallsArriveOnceAliasedAndIdentified() throws Exception {
    Path dir = NpmPackages.install("segment-node");
    String user = "seg-user-" + UUID.randomUUID();
    String anonymous = "seg-anon-" + UUID.randomUUID();
    String output = NpmPackages.run(dir, "track.mjs", "http://127.0.0.1:" + node.httpPort(), WRITE_KEY, user, anonymous);
    assertTrue(output.contains("HTTP 200"), output);

    // 3 EUR before sign-up (handed over by the alias), 5 EUR sent twice under one messageId (once) and 2 EUR.
    assertLifetimeValue(user, "10");
    Reply reply = new ApiClient(node.httpPort(), SECRET).get("/v1/users/" + user);
    assertNotNull(reply.body().get("company").textValue(), "identify set the company: " + reply.raw().body());
  }

  @Test
  void aRetriedMessageIdIsADuplicateAndTheBodysWriteKeyIsAccepted() throws Exception {
    String user = "seg-retry-" + UUID.randomUUID();
    String owner = "\"userId\":\"" + user + "\"";
    Reply first = post("/segment/v1/track", order(owner, "m-retry-1", 4), WRITE_KEY);
    assertEquals(200, first.status(), first.raw().body());
    assertEquals(true, first.body().get("success").asBoolean());
    assertEquals(0, first.body().get("duplicates").asInt(), first.raw().body());
    String batch = "{\"writeKey\":\"" + WRITE_KEY + "\",\"batch\":[" + order(owner, "m-retry-1", 4) + "]}";
    Reply again = client().post("/segment/v1/batch", batch);
    assertEquals(200, again.status(), again.raw().body());
    assertEquals(1, again.body().get("duplicates").asInt(), again.raw().body());
    assertLifetimeValue(user, "4");
  }

  @Test
  void badKeysBadBodiesAndOversizeRequestsAreFinalErrors() throws Exception {
    String call = order("\"userId\":\"seg-bad\"", "m-bad-1", 1);
    Reply unknown = post("/segment/v1/track", call, "pk_not_a_key_0123456789");
    assertEquals(401, unknown.status(), unknown.raw().body());
    assertTrue(unknown.contentType().startsWith("application/problem+json"), unknown.contentType());
    assertEquals(401, post("/segment/v1/track", call, SECRET).status(), "a secret key is not a write key");
    assertEquals(401, client().post("/segment/v1/batch", "{\"batch\":[]}").status());
    Reply unreadBody = post("/segment/v1/batch", "{not json", "pk_not_a_key_0123456789");
    assertEquals(401, unreadBody.status(), "a bad Basic write key is refused before the body is read: "
        + unreadBody.raw().body());

    assertEquals(400, post("/segment/v1/batch", "{not json", WRITE_KEY).status());
    Reply notABatch = post("/segment/v1/batch", "{\"batch\":{}}", WRITE_KEY);
    assertEquals(400, notABatch.status(), notABatch.raw().body());

    String big = "x".repeat(33 * 1024);
    String oversizeCall = "{\"type\":\"track\",\"event\":\"big\",\"userId\":\"seg-big\",\"messageId\":\"m-big\","
        + "\"properties\":{\"blob\":\"" + big + "\"}}";
    Reply oneCall = post("/segment/v1/track", oversizeCall, WRITE_KEY);
    assertEquals(400, oneCall.status(), oneCall.raw().body());
    Reply inBatch = post("/segment/v1/batch", "{\"batch\":[" + call + "," + oversizeCall + "]}", WRITE_KEY);
    assertEquals(400, inBatch.status(), inBatch.raw().body());
    assertTrue(inBatch.body().get("detail").asText().contains("call 1"), inBatch.raw().body());

    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 20; i++) batch.append(i == 0 ? "" : ",").append(oversizeCall);
    Reply tooLarge = post("/segment/v1/batch", batch.append("]}").toString(), WRITE_KEY);
    assertEquals(413, tooLarge.status(), tooLarge.raw().body());

    Reply wrongMethod = new ApiClient(node.httpPort(), null).get("/segment/v1/batch");
    assertEquals(405, wrongMethod.status());
  }
}
