package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15, {@code GET /v1/emotions/stream} over a socket: the caller's key is checked again while the stream runs
 * (a key revoked through {@code /v1/tenants/{tenant}/keys} ends its open stream), and a key holds at most
 * {@code limbic.http.max-streams-per-key} streams at once (one more is 429 with Retry-After; a closed one frees its
 * place).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveEmotionStreamH2IT {
  static final String OPERATOR = "acme-operator-0123456789abcdef";
  static final String READER = "acme-reader-0123456789abcdef";
  static final Duration WAIT = Duration.ofSeconds(60);

  TestDatabase db;
  LimbicNode node;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of("h2");
    node = TestNode.start(db, Map.of(
        "limbic.api-keys", "acme:" + OPERATOR + ":operator, acme:" + READER + ":read",
        "limbic.dashboard.live-interval", "200ms",
        "limbic.http.max-streams-per-key", "2"));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  private HttpResponse<InputStream> open(String key) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/emotions/stream"))
        .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Reads the stream to its end on another thread; completes when the node ends it. */
  private static CompletableFuture<Void> drained(HttpResponse<InputStream> stream) {
    return CompletableFuture.runAsync(() -> {
      try (InputStream in = stream.body()) {
        while (in.read() >= 0) {
          // Heartbeats and emotions, until the node completes the response.
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void aRevokedKeyEndsItsOpenStream() throws Exception {
    ApiClient operator = new ApiClient(node.httpPort(), OPERATOR);
    Reply created = operator.post("/v1/tenants/acme/keys", "{\"roles\":[\"read\"]}");
    assertEquals(201, created.status(), created.raw().body());
    String key = created.body().get("key").asText();
    HttpResponse<InputStream> stream = Eventually.value(WAIT, () -> {
      try {
        HttpResponse<InputStream> r = open(key);
        if (r.statusCode() != 200) r.body().close();
        assertEquals(200, r.statusCode());
        return r;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    CompletableFuture<Void> ended = drained(stream);
    assertEquals(false, ended.isDone(), "the stream stays open while the key is valid");
    String name = created.body().get("name").asText();
    assertEquals(204, operator.send("DELETE", "/v1/tenants/acme/keys/" + name, null).status());
    // The node that revoked reloads its keys at once: the next tick ends the stream.
    ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(401, open(key).statusCode());
  }

  @Test
  void aKeyHoldsAtMostItsStreamsAndAClosedOneFreesItsPlace() throws Exception {
    List<HttpResponse<InputStream>> held = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      HttpResponse<InputStream> r = open(READER);
      assertEquals(200, r.statusCode());
      held.add(r);
    }
    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/emotions/stream"))
        .header("Authorization", "Bearer " + READER).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(429, refused.statusCode(), refused.body());
    assertEquals("10", refused.headers().firstValue("Retry-After").orElse(""));
    assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertTrue(refused.body().contains("too_many_streams"), refused.body());
    // Another key is not held to this key's streams.
    ApiClient operator = new ApiClient(node.httpPort(), OPERATOR);
    String other = operator.post("/v1/tenants/acme/keys", "{\"roles\":[\"read\"]}").body().get("key").asText();
    HttpResponse<InputStream> others = Eventually.value(WAIT, () -> {
      try {
        HttpResponse<InputStream> r = open(other);
        if (r.statusCode() != 200) r.body().close();
        assertEquals(200, r.statusCode());
        return r;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    others.body().close();

    held.remove(0).body().close();
    HttpResponse<InputStream> again = Eventually.value(WAIT, () -> {
      try {
        HttpResponse<InputStream> r = open(READER);
        if (r.statusCode() != 200) r.body().close();
        assertEquals(200, r.statusCode(), "the closed stream freed its place");
        return r;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    again.body().close();
    for (HttpResponse<InputStream> r : held) r.body().close();
  }
}
