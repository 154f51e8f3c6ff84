package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.interventions.WebhookSignature;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Interventions end to end over HTTP and WebSocket against a real node and database; once per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InterventionsContract {
  static final String KEY = "acme-key-0123456789abcdef";
  static final String SECRET = "test-webhook-secret";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  TestDatabase db;
  LimbicNode node;
  HttpServer receiver;
  final List<String[]> webhooks = new CopyOnWriteArrayList<>();

  abstract String database();

  @BeforeAll
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      webhooks.add(new String[] {exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
          exchange.getRequestHeaders().getFirst("Idempotency-Key"), body});
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY,
        "limbic.interventions.webhook-secret", SECRET, "limbic.interventions.allow-private-hosts", true));
  }

  /** Every response these tests receive is checked against openapi.json. */
  final ContractViolations openApi = new ContractViolations();

  @AfterEach
  void responsesMatchTheOpenApiDescription() {
    openApi.assertNone();
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
    if (receiver != null) receiver.stop(0);
  }

  ApiClient api() {
    return new ApiClient(node.httpPort(), KEY).validating(openApi);
  }

  static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  @Test
  void anInvalidConfigIsRefusedWithEverythingThatIsWrong() throws Exception {
    Reply bad = api().put("/v1/interventions/config", "{\"contexts\": [{\"id\": \"c\", \"emotion\": \"anger\","
        + " \"variants\": [{\"id\": \"v\", \"channel\": \"sms\", \"payload\": 3}]}], \"holdout\": 1.5,"
        + " \"attributionWindow\": \"tomorrow\", \"burnIn\": -1, \"extra\": true}");
    assertEquals(400, bad.status(), bad.raw().body());
    assertEquals("application/problem+json", bad.contentType());
    String detail = bad.body().get("detail").asText();
    for (String field : List.of("contexts[0].emotion", "contexts[0].variants[0].channel",
        "contexts[0].variants[0].payload", "holdout", "attributionWindow", "burnIn", "extra")) {
      assertTrue(detail.contains(field), field + " in " + detail);
    }
    assertEquals(400, api().put("/v1/interventions/config", "[]").status());
    assertEquals(400, api().put("/v1/interventions/config", "{\"contexts\": [{\"id\": \"w\", \"emotion\": \"rage\","
        + " \"variants\": [{\"id\": \"v\", \"channel\": \"webhook\", \"payload\": {}}]}]}").status());
  }

  /** An extreme instant overflowed the millisecond arithmetic and answered 500. */
  @Test
  void forensicsRefuseASinceOutOfRange() throws Exception {
    for (String since : new String[] {"-1000000000-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "yesterday"}) {
      Reply reply = api().get("/v1/forensics/interventions?since=" + since);
      assertEquals(400, reply.status(), since + ": " + reply.raw().body());
      assertEquals("application/problem+json", reply.contentType());
    }
  }

  @Test
  void rageOfValuableUsersIsDecidedDeliveredAttributedAndJudged() throws Exception {
    String config = "{\"contexts\": ["
        + "{\"id\": \"vip-rage\", \"emotion\": \"rage\", \"minLifetimeValue\": 50000, \"variants\": [{\"id\": \"call\","
        + " \"channel\": \"webhook\", \"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\","
        + " \"payload\": {\"action\": \"call-now\"}, \"cost\": 40}]},"
        + "{\"id\": \"rage\", \"emotion\": \"rage\", \"minLifetimeValue\": 1000, \"variants\": [{\"id\": \"offer\","
        + " \"channel\": \"in-page\", \"payload\": {\"message\": \"<b>Sorry!</b> 10 % off\"}, \"cost\": 5}]}],"
        + " \"holdout\": 0, \"burnIn\": 0}";
    // The tenant's entity may take longer than the ask timeout to start on a loaded machine: 503 says retry.
    Eventually.within(Duration.ofSeconds(30), () -> {
      Reply put = api().put("/v1/interventions/config", config);
      assertEquals(200, put.status(), put.raw().body());
    });
    JsonNode stored = api().get("/v1/interventions/config").body();
    assertEquals("PT24H", stored.get("attributionWindow").asText());
    assertEquals("purchase", stored.get("successEvent").asText());
    assertEquals(0.01, stored.get("floor").asDouble());

    String vip = id("vip");
    String regular = id("reg");
    purchase(vip, 100_000, id("p"));
    purchase(regular, 5_000, id("p"));
    Eventually.within(Duration.ofSeconds(10), () ->
        assertTrue(api().get("/v1/users/" + regular).body().path("lifetimeValue").toString().contains("5000")));
    Eventually.within(Duration.ofSeconds(10), () ->
        assertTrue(api().get("/v1/users/" + vip).body().path("lifetimeValue").toString().contains("100000")));

    // The regular user rages on a live socket: the in-page variant is pushed on it.
    String socketSession = id("ws");
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + node.httpPort() + "/v1/stream?sessionId=" + socketSession
            + "&access_token=" + KEY), new Collector(received))
        .get(10, TimeUnit.SECONDS);
    for (String message : Traces.messages(11, EmotionalState.RAGE, regular)) {
      socket.sendText(message, true).get(10, TimeUnit.SECONDS);
    }
    JsonNode push = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (push == null && System.nanoTime() < deadline) {
      String text = received.poll(1, TimeUnit.SECONDS);
      if (text == null) continue;
      JsonNode m = MAPPER.readTree(text);
      if (m.get("type").asText().equals("intervention")) push = m.get("intervention");
    }
    assertNotNull(push, "an intervention was pushed on the session's socket");
    assertEquals("rage", push.get("contextId").asText());
    assertEquals("offer", push.get("variantId").asText());
    assertEquals("<b>Sorry!</b> 10 % off", MAPPER.readTree(push.get("payload").asText()).get("message").asText());
    String inPageId = push.get("idempotencyKey").asText();

    // The valuable user rages over HTTP: the webhook variant reaches the tenant's URL, signed.
    String httpSession = id("s");
    for (String message : Traces.messages(11, EmotionalState.RAGE, vip)) {
      Reply r = api().post("/v1/sessions/" + httpSession + "/telemetry", message);
      assertEquals(202, r.status(), r.raw().body());
    }
    Eventually.within(Duration.ofSeconds(30), () -> assertFalse(webhooks.isEmpty(), "a webhook arrived"));
    String[] hook = webhooks.get(0);
    WebhookSignature signer = new WebhookSignature(SECRET);
    assertEquals(signer.sign("acme", hook[2].getBytes(java.nio.charset.StandardCharsets.UTF_8)), hook[0]);
    // The tenant learns the key it verifies with from the node, and it is its own.
    JsonNode keys = api().get("/v1/webhooks/signing-keys").body();
    assertEquals(signer.tenantKey("acme"), keys.get("interventions").asText());
    assertEquals(io.limbic.projections.escalation.WebhookSignature.of(keys.get("interventions").asText(),
        hook[2].getBytes(java.nio.charset.StandardCharsets.UTF_8)), hook[0]);
    assertTrue(keys.get("escalation").asText().matches("[0-9a-f]{64}"), keys.toString());
    assertNotEquals(signer.tenantKey("globex"), keys.get("interventions").asText());
    JsonNode hookBody = MAPPER.readTree(hook[2]);
    assertEquals(vip, hookBody.get("userId").asText());
    assertEquals("call-now", hookBody.get("payload").get("action").asText());
    assertEquals(hook[1], hookBody.get("idempotencyKey").asText());
    String webhookId = hookBody.get("decisionId").asText();

    // Both decisions are in the read model, delivered.
    Eventually.within(Duration.ofSeconds(30), () -> {
      JsonNode list = api().get("/v1/interventions").body().get("interventions");
      JsonNode a = find(list, inPageId);
      JsonNode b = find(list, webhookId);
      assertNotNull(a, list.toString());
      assertNotNull(b, list.toString());
      assertEquals(regular, a.get("userId").asText());
      assertEquals(socketSession, a.get("sessionId").asText());
      assertTrue(a.get("delivered").asBoolean(), a.toString());
      assertEquals("call", b.get("variantId").asText());
      assertFalse(b.get("holdout").asBoolean());
      assertTrue(b.get("delivered").asBoolean(), b.toString());
    });

    // A purchase within the window is the in-page decision's outcome.
    purchase(regular, 30, id("p"));
    Eventually.within(Duration.ofSeconds(30), () ->
        assertEquals("success", api().get("/v1/interventions/" + inPageId).body().path("outcome").asText()));

    // Feedback is stored.
    Reply fb = api().post("/v1/interventions/" + webhookId + "/feedback",
        "{\"falsePositive\": true, \"note\": \"just a fast clicker\"}");
    assertEquals(202, fb.status(), fb.raw().body());
    assertEquals(404, api().post("/v1/interventions/" + UUID.randomUUID() + "/feedback",
        "{\"falsePositive\": true}").status());
    assertEquals(400, api().post("/v1/interventions/" + webhookId + "/feedback", "{\"note\": 1}").status());
    Eventually.within(Duration.ofSeconds(30), () -> {
      JsonNode one = api().get("/v1/interventions/" + webhookId).body();
      assertTrue(one.path("falsePositive").asBoolean(), one.toString());
      assertEquals("just a fast clicker", one.get("feedbackNote").asText());
    });

    JsonNode forensics = api().get("/v1/forensics/interventions").body();
    assertTrue(forensics.get("variants").size() >= 2, forensics.toString());
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }

  private void purchase(String user, long amount, String eventId) throws Exception {
    Reply r = api().post("/v1/events", "{\"events\": [{\"userId\": \"" + user + "\", \"type\": \"purchase\","
        + " \"amount\": " + amount + ", \"currency\": \"USD\", \"at\": \"2026-01-01T10:00:00Z\", \"id\": \""
        + eventId + "\"}]}");
    assertTrue(r.status() / 100 == 2, r.raw().body());
  }

  private static JsonNode find(JsonNode list, String id) {
    for (JsonNode n : list) if (n.get("id").asText().equals(id)) return n;
    return null;
  }

  private record Collector(BlockingQueue<String> received) implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      received.add(data.toString());
      webSocket.request(1);
      return null;
    }
  }
}
