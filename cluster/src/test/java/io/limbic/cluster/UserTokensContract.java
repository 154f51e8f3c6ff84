package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.RawWebSocket;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.SocketReplies;
import io.limbic.cluster.testkit.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * User tokens over HTTP: a tenant key gets one for a user, the token reaches that user's state, matches,
 * heartbeats and sessions and nothing else; a token the tenant signs with its own key works the same; a token of
 * another tenant, an expired, unsigned or tampered one is a 401. Run on H2 and PostgreSQL; the keys registered and
 * the tokens revoked at runtime are in {@link RuntimeTokenChecks}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UserTokensContract extends RuntimeTokenChecks {
  static final String GLOBEX = "globex-all-0123456789abcdef";
  static final String SAMPLES = "\"samples\":[{\"t\":1000,\"type\":\"move\",\"x\":1,\"y\":1}]";

  final String me = "me-" + UUID.randomUUID();
  final String other = "other-" + UUID.randomUUID();
  final ContractViolations openApi = new ContractViolations();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of(
        "limbic.api-keys", "acme:" + ACME + ", acme:" + ACME_INGEST + ":ingest, globex:" + GLOBEX
            + ", acme:" + OPERATOR + ":operator",
        "limbic.user-tokens.keys", "acme:hs256:" + Base64.getEncoder().encodeToString(ACME_SECRET)));
    // The first requests wait for sharding to settle on a busy machine.
    for (String user : new String[] {me, other}) {
      Eventually.within(Duration.ofSeconds(60),
          () -> assertEquals(200, as(ACME).post("/v1/heartbeat", heartbeat(user)).status()));
    }
  }

  @AfterEach
  void responsesMatchTheOpenApiDescription() {
    openApi.assertNone();
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  @Test
  void aTenantKeyGetsATokenThatReadsItsOwnUserOnly() throws Exception {
    Reply issued = as(ACME).post("/v1/users/" + me + "/token", "{\"ttlSeconds\":600}");
    assertEquals(200, issued.status(), issued.raw().body());
    assertEquals("no-store", issued.header("Cache-Control"));
    assertEquals(me, issued.body().get("userId").asText());
    assertEquals(600, issued.body().get("ttlSeconds").asInt());
    ApiClient token = as(issued.body().get("token").asText());

    assertEquals(200, token.get("/v1/users/" + me).status());
    assertEquals(200, token.get("/v1/users/" + me + "/matches/daily").status());
    assertEquals(200, as(ACME).get("/v1/users/" + other).status(), "the other user exists");
    Reply theirs = token.get("/v1/users/" + other);
    assertEquals(404, theirs.status(), theirs.raw().body());
    assertEquals("application/problem+json", theirs.contentType());
    assertEquals(404, token.get("/v1/users/" + other + "/matches/daily").status());
    assertEquals(404, token.get("/v1/users/" + other + "/profile").status());
  }

  @Test
  void aTokenSendsItsOwnUsersHeartbeatsOnly() throws Exception {
    ApiClient token = as(tokenFor(me));
    assertEquals(200, token.post("/v1/heartbeat", heartbeat(me)).status());
    Reply theirs = token.post("/v1/heartbeat", heartbeat(other));
    assertEquals(403, theirs.status(), theirs.raw().body());
    assertEquals("user_mismatch", code(theirs));
    Reply batch = token.post("/v1/heartbeats", "{\"heartbeats\":[" + heartbeat(me) + "," + heartbeat(other) + "]}");
    assertEquals(200, batch.status(), batch.raw().body());
    assertEquals(1, batch.body().get("accepted").asInt());
    assertEquals("user_mismatch", batch.body().get("errors").get(0).get("code").asText());
  }

  @Test
  void aTokenSendsTelemetryOnlyToItsOwnUsersSessions() throws Exception {
    ApiClient token = as(tokenFor(me));
    String mine = "s-" + UUID.randomUUID();
    String theirs = "s-" + UUID.randomUUID();
    assertEquals(202, as(ACME).post("/v1/sessions/" + theirs + "/telemetry",
        "{\"userId\":\"" + other + "\"," + SAMPLES + "}").status());

    Reply sent = token.post("/v1/sessions/" + mine + "/telemetry", "{" + SAMPLES + "}");
    assertEquals(202, sent.status(), sent.raw().body());
    assertEquals(me, as(ACME).get("/v1/sessions/" + mine).body().get("userId").asText(), "the session became mine");
    assertEquals(404, token.post("/v1/sessions/" + theirs + "/telemetry", "{" + SAMPLES + "}").status());
    Reply naming = token.post("/v1/sessions/" + mine + "/telemetry", "{\"userId\":\"" + other + "\"," + SAMPLES + "}");
    assertEquals(403, naming.status(), naming.raw().body());
    assertEquals(403, token.get("/v1/sessions/" + mine).status(), "reading a session is not a user token's");
  }

  @Test
  void aTokensWebSocketOpensOnlyOnItsOwnUsersSessions() throws Exception {
    String token = tokenFor(me);
    String theirs = "s-" + UUID.randomUUID();
    String fresh = "s-" + UUID.randomUUID();
    assertEquals(202, as(ACME).post("/v1/sessions/" + theirs + "/telemetry",
        "{\"userId\":\"" + other + "\"," + SAMPLES + "}").status());
    // More refusals than a session has sockets (4 by default): a refused upgrade holds none of them.
    for (int i = 0; i < 5; i++) {
      try (RawWebSocket refused = RawWebSocket.open(node.httpPort(), stream(theirs, token), null)) {
        assertEquals(404, refused.status(), refused.response);
      }
    }
    try (RawWebSocket owners = RawWebSocket.open(node.httpPort(), stream(theirs, ACME), null)) {
      assertEquals(101, owners.status(), "the owner's socket after the refusals: " + owners.response);
    }
    try (RawWebSocket opened = RawWebSocket.open(node.httpPort(), stream(fresh, token), null)) {
      assertEquals(101, opened.status(), opened.response);
    }
    assertEquals(me, as(ACME).get("/v1/sessions/" + fresh).body().get("userId").asText(),
        "claimed for the token's user before the upgrade");
  }

  @Test
  void anIdentifyCannotGiveAnotherUsersSessionToAnAttacker() throws Exception {
    String victims = "s-" + UUID.randomUUID();
    String anonymous = "anon-" + UUID.randomUUID();
    String identifyOther = "{\"sessionId\":\"" + victims + "\",\"userId\":\"" + other + "\"}";
    assertEquals(200, as(ACME_INGEST).post("/v1/identify", identifyOther).status());
    assertEquals(200, as(ACME_INGEST).post("/v1/identify", identifyOther).status(), "the same user again: idempotent");

    Reply takeOver = as(ACME_INGEST).post("/v1/identify", "{\"sessionId\":\"" + victims + "\",\"userId\":\"" + me
        + "\",\"anonymousId\":\"" + anonymous + "\"}");
    assertEquals(409, takeOver.status(), takeOver.raw().body());
    assertEquals("session_owned", code(takeOver));
    assertEquals(other, as(ACME).get("/v1/sessions/" + victims).body().get("userId").asText(), "nothing changed");
    try (RawWebSocket refused = RawWebSocket.open(node.httpPort(), stream(victims, tokenFor(me)), null)) {
      assertEquals(404, refused.status(), refused.response);
    }
    // The refused identify linked nothing: the anonymous id is still free for its real user.
    Reply elsewhere = as(ACME_INGEST).post("/v1/identify", "{\"sessionId\":\"s-" + UUID.randomUUID()
        + "\",\"userId\":\"" + other + "\",\"anonymousId\":\"" + anonymous + "\"}");
    assertEquals(200, elsewhere.status(), elsewhere.raw().body());
  }

  @Test
  void aPlainGetOfTheStreamClaimsNoSession() throws Exception {
    String fresh = "s-" + UUID.randomUUID();
    Reply plain = new ApiClient(node.httpPort(), tokenFor(me)).get("/v1/stream?sessionId=" + fresh);
    assertTrue(plain.status() >= 400 && plain.status() < 500, plain.status() + " " + plain.raw().body());
    assertEquals(404, as(ACME).get("/v1/sessions/" + fresh).status(), "a GET without upgrade claimed the session");
  }

  @Test
  void aTokensSocketRefusesAMessageNamingAnotherUser() throws Exception {
    String mine = "s-" + UUID.randomUUID();
    SocketReplies listener = new SocketReplies();
    BlockingQueue<String> replies = listener.replies;
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + node.httpPort() + stream(mine, tokenFor(me))), listener)
        .get(30, TimeUnit.SECONDS);
    try {
      JsonNode refused = exchange(socket, replies, "{\"userId\":\"" + other + "\"," + SAMPLES + "}");
      assertEquals("error", refused.path("type").asText(), refused.toString());
      assertEquals(403, refused.path("status").asInt(), refused.toString());
      assertEquals("user_mismatch", refused.path("code").asText(), refused.toString());
      JsonNode acked = exchange(socket, replies, "{" + SAMPLES + "}");
      assertEquals("ack", acked.path("type").asText(), acked.toString());
      assertEquals(1, acked.path("accepted").asInt(), acked.toString());
    } finally {
      socket.abort();
    }
    JsonNode view = as(ACME).get("/v1/sessions/" + mine).body();
    assertEquals(me, view.get("userId").asText());
    assertEquals(1, view.get("samples").asInt(), "the refused message was not processed: " + view);
  }

  /** The socket checks its token again every few seconds, as the SSE stream does before every read. */
  @Test
  void anOpenSocketIsClosedOnceItsTokenIsRevoked() throws Exception {
    String user = newUser();
    SocketReplies listener = new SocketReplies();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + node.httpPort() + stream("s-" + UUID.randomUUID(),
            tokenFor(user))), listener)
        .get(30, TimeUnit.SECONDS);
    try {
      assertEquals("ack", exchange(socket, listener.replies, "{" + SAMPLES + "}").path("type").asText());
      Reply revoked = as(ACME).post("/v1/users/" + user + "/tokens/revoke", "");
      assertEquals(200, revoked.status(), revoked.raw().body());
      String closing = listener.replies.poll(EFFECTIVE.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
      assertNotNull(closing, "the socket is told why it closes");
      JsonNode reason = new ObjectMapper().readTree(closing);
      assertEquals("credential_revoked", reason.path("code").asText(), closing);
      assertEquals(401, reason.path("status").asInt(), closing);
      assertTrue(reason.path("closing").asBoolean(), closing);
      Eventually.within(Duration.ofSeconds(30), () -> assertTrue(socket.isInputClosed(), "the node closed it"));
    } finally {
      socket.abort();
    }
  }

  private static JsonNode exchange(WebSocket socket, BlockingQueue<String> replies, String text) throws Exception {
    socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    String reply = replies.poll(30, TimeUnit.SECONDS);
    assertNotNull(reply, "a reply to " + text);
    return new ObjectMapper().readTree(reply);
  }
  @Test
  void refusalsTellNothingOfTheTenantsKeysAndLongLivedTokensAreRefused() throws Exception {
    String generic = "the user token is not valid: signature, issuer or claims refused";
    // globex has no token key, acme has no RS256 one: the same answer either way.
    Reply noKeys = as(signedByAcme(claims("globex", "globex", me, Instant.now().plusSeconds(600)).build()))
        .get("/v1/users/" + me);
    assertUnauthorized(noKeys);
    assertEquals(generic, noKeys.body().get("detail").asText());
    SignedJWT rs = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
        claims("acme", "acme", me, Instant.now().plusSeconds(600)).build());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    rs.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));
    Reply wrongAlg = as(rs.serialize()).get("/v1/users/" + me);
    assertUnauthorized(wrongAlg);
    assertEquals(generic, wrongAlg.body().get("detail").asText());
    Reply expired = as(signedByAcme(claims("acme", "acme", me, Instant.now().minusSeconds(3600)).build()))
        .get("/v1/users/" + me);
    assertTrue(expired.body().get("detail").asText().contains("expired"), expired.raw().body());
    // Signed by the tenant for ten years: beyond max-ttl (24 h), whoever signed it.
    Reply forever = as(signedByAcme(claims("acme", "acme", me, Instant.now().plus(Duration.ofDays(3650))).build()))
        .get("/v1/users/" + me);
    assertUnauthorized(forever);
    assertEquals(generic, forever.body().get("detail").asText());
  }

  private static String stream(String session, String token) {
    return "/v1/stream?sessionId=" + session + "&access_token=" + token;
  }

  @Test
  void everyOtherRouteIsForbiddenToATokenAndProbesStay404And405() throws Exception {
    ApiClient token = as(tokenFor(me));
    for (Reply reply : new Reply[] {
        token.get("/v1/projections"), token.put("/v1/config/signals", "{}"), token.get("/v1/activity"),
        token.post("/v1/users/" + me + "/token", "{}"), token.put("/v1/users/" + me + "/profile", "{}"),
        token.post("/v1/heartbeat/validate", heartbeat(me)), token.post("/v1/events", "{\"events\":[]}")}) {
      assertEquals(403, reply.status(), reply.raw().body());
      assertEquals("token_scope", code(reply));
    }
    assertEquals(404, token.get("/v1/no-such-resource").status());
    assertEquals(405, token.put("/v1/heartbeat", "{}").status());
    assertEquals(405, token.send("PATCH", "/v1/users/" + me, "{}").status());
    // Erasing a person is the tenant's (admin role): a user's own token may export them, never erase.
    Reply erase = token.send("DELETE", "/v1/users/" + me, null);
    assertEquals(403, erase.status(), erase.raw().body());
    assertEquals("token_scope", code(erase));
  }

  @Test
  void issuingNeedsTheReadAndIngestRolesAndABoundedLifetime() throws Exception {
    Reply ingestOnly = as(ACME_INGEST).post("/v1/users/" + me + "/token", "");
    assertEquals(403, ingestOnly.status(), ingestOnly.raw().body());
    assertEquals(400, as(ACME).post("/v1/users/" + me + "/token", "{\"ttlSeconds\":0}").status());
    assertEquals(400, as(ACME).post("/v1/users/" + me + "/token", "{\"ttlSeconds\":86401}").status());
    Reply defaults = as(ACME).post("/v1/users/" + me + "/token", "");
    assertEquals(200, defaults.status(), defaults.raw().body());
    assertEquals(3600, defaults.body().get("ttlSeconds").asInt());
  }

  @Test
  void aTokenSignedWithTheTenantsOwnKeyWorks() throws Exception {
    ApiClient token = as(signedByAcme(claims("acme", "acme", me, Instant.now().plusSeconds(600)).build()));
    assertEquals(200, token.get("/v1/users/" + me).status());
    assertEquals(404, token.get("/v1/users/" + other).status());
  }

  @Test
  void aTokenOfOneTenantDoesNotReachAnotherTenantsUser() throws Exception {
    String globexOnly = "g-" + UUID.randomUUID();
    assertEquals(200, as(GLOBEX).post("/v1/heartbeat", heartbeat(globexOnly)).status());
    assertEquals(200, as(GLOBEX).get("/v1/users/" + globexOnly).status());
    assertEquals(404, as(tokenFor(globexOnly)).get("/v1/users/" + globexOnly).status(), "acme has no such user");
    // Signed with acme's key but claiming globex: refused.
    String claimsGlobex = signedByAcme(claims("globex", "globex", globexOnly, Instant.now().plusSeconds(600)).build());
    assertUnauthorized(as(claimsGlobex).get("/v1/users/" + globexOnly));
  }

  @Test
  void expiredUnsignedAndTamperedTokensAre401() throws Exception {
    assertUnauthorized(as(signedByAcme(claims("acme", "acme", me, Instant.now().minusSeconds(3600)).build()))
        .get("/v1/users/" + me));
    assertUnauthorized(as(new PlainJWT(claims("acme", "acme", me, Instant.now().plusSeconds(600)).build()).serialize())
        .get("/v1/users/" + me));
    String[] parts = tokenFor(me).split("\\.");
    String otherUser = Base64URL.encode(
        claims("limbic", "acme", other, Instant.now().plusSeconds(600)).build().toString()).toString();
    assertUnauthorized(as(parts[0] + "." + otherUser + "." + parts[2]).get("/v1/users/" + other));
  }

  @Override
  String tokenFor(String user) throws Exception {
    Reply issued = as(ACME).post("/v1/users/" + user + "/token", "{}");
    assertEquals(200, issued.status(), issued.raw().body());
    return issued.body().get("token").asText();
  }

  @Override
  ApiClient as(String key) {
    return new ApiClient(node.httpPort(), key).validating(openApi);
  }
}
