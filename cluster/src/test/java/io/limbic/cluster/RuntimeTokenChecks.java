package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.limbic.cluster.http.TokenKeyring;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What changes at runtime about user tokens (README "User tokens"), over HTTP on a real node: the public keys an
 * operator registers for a tenant verify its tokens (by {@code kid}, or by trying each) until revoked; an admin
 * revokes every token of a user issued before now; signing out of the dashboard revokes the session, so a copied
 * cookie stops working; the rows that refuse nothing any more are deleted; and each action is audited.
 */
abstract class RuntimeTokenChecks {
  static final String ACME = "acme-all-0123456789abcdef";
  static final String OPERATOR = "acme-operator-0123456789abcdef";
  static final String ACME_INGEST = "acme-ingest-0123456789abcdef";
  static final byte[] ACME_SECRET = "acme-own-hs256-secret-32-bytes-long!!".getBytes(StandardCharsets.UTF_8);
  /** Beyond the refresh interval: what every node sees within it, this node (which reloads at once) sees sooner. */
  static final Duration EFFECTIVE = TokenKeyring.REFRESH.plusSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  TestDatabase db;
  LimbicNode node;

  abstract String database();

  abstract ApiClient as(String key);

  abstract String tokenFor(String user) throws Exception;

  @Test
  void aRegisteredRs256KeyVerifiesTheTenantsTokensUntilRevoked() throws Exception {
    String user = newUser();
    KeyPair rsa = generate("RSA", 2048);
    Reply registered = register("acme", "RS256", pem(rsa), "rsa-" + UUID.randomUUID());
    assertEquals(201, registered.status(), registered.raw().body());
    String kid = registered.body().get("kid").asText();
    assertEquals(sha256(rsa.getPublic().getEncoded()), registered.body().get("fingerprint").asText());
    assertEquals("RS256", registered.body().get("algorithm").asText());
    assertEquals("/v1/tenants/acme/token-keys/" + kid, registered.header("Location"));

    String named = signed(JWSAlgorithm.RS256, kid, new RSASSASigner(rsa.getPrivate()), user);
    String unnamed = signed(JWSAlgorithm.RS256, null, new RSASSASigner(rsa.getPrivate()), user);
    Eventually.within(EFFECTIVE, () -> assertEquals(200, as(named).get("/v1/users/" + user).status()));
    assertEquals(200, as(unnamed).get("/v1/users/" + user).status(), "without kid: each key of the alg is tried");
    String otherKid = signed(JWSAlgorithm.RS256, "no-such-kid", new RSASSASigner(rsa.getPrivate()), user);
    assertEquals(200, as(otherKid).get("/v1/users/" + user).status(), "an unknown kid falls back to trying each");
    assertEquals(200, as(signedByAcme(user)).get("/v1/users/" + user).status(), "the configured key still works");

    Reply list = as(OPERATOR).get("/v1/tenants/acme/token-keys");
    assertEquals(200, list.status(), list.raw().body());
    assertFalse(list.raw().body().contains("BEGIN PUBLIC KEY"), "the list shows fingerprints, not keys");
    assertTrue(list.raw().body().contains(kid));

    Reply again = register("acme", "RS256", pem(generate("RSA", 2048)), kid);
    assertEquals(409, again.status(), "a kid is the tenant's once: " + again.raw().body());

    assertEquals(204, as(OPERATOR).send("DELETE", "/v1/tenants/acme/token-keys/" + kid, null).status());
    Eventually.within(EFFECTIVE, () -> assertUnauthorized(as(named).get("/v1/users/" + user)));
    assertUnauthorized(as(unnamed).get("/v1/users/" + user));
    assertEquals(204, as(OPERATOR).send("DELETE", "/v1/tenants/acme/token-keys/" + kid, null).status(),
        "revoking again changes nothing");
    assertEquals(404, as(OPERATOR).send("DELETE", "/v1/tenants/acme/token-keys/none-" + UUID.randomUUID(), null)
        .status());
  }

  @Test
  void anEs256KeyWorksAndSecretsShortKeysAndNonOperatorsAreRefused() throws Exception {
    String user = newUser();
    KeyPair ec = generateEc();
    Reply registered = register("acme", "ES256", pem(ec), null);
    assertEquals(201, registered.status(), registered.raw().body());
    String kid = registered.body().get("kid").asText();
    assertEquals("tk-" + sha256(ec.getPublic().getEncoded()).substring(0, 16), kid, "the default kid");
    String token = signed(JWSAlgorithm.ES256, kid, new ECDSASigner((ECPrivateKey) ec.getPrivate()), user);
    Eventually.within(EFFECTIVE, () -> assertEquals(200, as(token).get("/v1/users/" + user).status()));

    Reply hs = as(OPERATOR).post("/v1/tenants/acme/token-keys", JSON.writeValueAsString(Map.of(
        "algorithm", "HS256", "publicKey", Base64.getEncoder().encodeToString(ACME_SECRET))));
    assertEquals(400, hs.status(), hs.raw().body());
    assertEquals("invalid_key", code(hs));
    assertTrue(hs.body().get("detail").asText().contains("LIMBIC_USER_TOKEN_KEYS"), hs.raw().body());
    Reply small = register("acme", "RS256", pem(generate("RSA", 1024)), null);
    assertEquals(400, small.status(), small.raw().body());
    assertEquals(400, register("acme", "ES256", pem(generate("RSA", 2048)), null).status(), "an RSA key as ES256");
    assertEquals(400, register("acme", "RS256", "not a key", null).status());
    assertEquals(400, register("acme", "RS256", pem(generate("RSA", 2048)), "bad kid!").status());
    assertEquals(400, register("limbic", "RS256", pem(generate("RSA", 2048)), null).status(), "reserved tenant");
    assertEquals(403, as(ACME).get("/v1/tenants/acme/token-keys").status(), "admin is not operator");
    assertEquals(403, as(ACME).post("/v1/tenants/acme/token-keys", "{}").status());
    assertEquals(403, as(ACME).send("DELETE", "/v1/tenants/acme/token-keys/" + kid, null).status());
  }

  @Test
  void revokingAUsersTokensRefusesThoseIssuedBeforeOnAndNoOtherUser() throws Exception {
    String user = newUser();
    String bystander = newUser();
    String issued = tokenFor(user);
    String ownSigned = signedByAcme(user);
    String bystanders = tokenFor(bystander);
    assertEquals(200, as(issued).get("/v1/users/" + user).status());

    assertEquals(403, as(ACME_INGEST).post("/v1/users/" + user + "/tokens/revoke", "").status(), "needs admin");
    Reply own = as(issued).post("/v1/users/" + user + "/tokens/revoke", "");
    assertEquals(403, own.status(), own.raw().body());
    assertEquals("token_scope", code(own));
    Reply revoked = as(ACME).post("/v1/users/" + user + "/tokens/revoke", "");
    assertEquals(200, revoked.status(), revoked.raw().body());
    assertEquals(user, revoked.body().get("userId").asText());

    Eventually.within(EFFECTIVE, () -> {
      Reply refused = as(issued).get("/v1/users/" + user);
      assertUnauthorized(refused);
      assertEquals("the user token is not valid: it was revoked", refused.body().get("detail").asText());
    });
    assertUnauthorized(as(ownSigned).get("/v1/users/" + user));
    assertUnauthorized(as(issued).post("/v1/heartbeat", heartbeat(user)));
    assertEquals(200, as(bystanders).get("/v1/users/" + bystander).status(), "another user's tokens still work");
    // Issued after the revocation (the second it was made in counts as before it, iat having whole seconds).
    Eventually.within(EFFECTIVE, () -> assertEquals(200, as(tokenFor(user)).get("/v1/users/" + user).status()));
    assertEquals(400, as(ACME).post("/v1/users/bad%20id/tokens/revoke", "").status());
  }

  @Test
  void signingOutOfTheDashboardRevokesTheSessionSoACopiedCookieStopsWorking() throws Exception {
    ApiClient anonymous = as(null);
    Reply signedIn = anonymous.send("POST", "/dashboard/session", "{\"key\":\"" + ACME + "\"}",
        "X-Limbic-Dashboard", "1");
    assertEquals(200, signedIn.status(), signedIn.raw().body());
    String cookie = signedIn.header("Set-Cookie").split(";")[0];
    assertEquals(200, anonymous.send("GET", "/v1/activity", null, "Cookie", cookie).status());

    Reply signedOut = anonymous.send("DELETE", "/dashboard/session", null, "Cookie", cookie,
        "X-Limbic-Dashboard", "1");
    assertEquals(204, signedOut.status(), signedOut.raw().body());
    assertTrue(signedOut.header("Set-Cookie").contains("Max-Age=0"), signedOut.header("Set-Cookie"));
    // The copy kept from before the sign-out: refused by the node that signed out at once, by others within seconds.
    Reply copied = anonymous.send("GET", "/v1/activity", null, "Cookie", cookie);
    assertEquals(401, copied.status(), copied.raw().body());
    assertFalse(anonymous.send("GET", "/dashboard/session", null, "Cookie", cookie).body().get("signedIn")
        .asBoolean());
    Reply another = anonymous.send("POST", "/dashboard/session", "{\"key\":\"" + ACME + "\"}",
        "X-Limbic-Dashboard", "1");
    assertNotEquals(cookie, another.header("Set-Cookie").split(";")[0]);
    assertEquals(200, anonymous.send("GET", "/v1/activity", null, "Cookie",
        another.header("Set-Cookie").split(";")[0]).status(), "a new sign-in works");
  }

  @Test
  void revocationsThatRefuseNothingAnyMoreAreDeleted() throws Exception {
    String user = "gone-" + UUID.randomUUID();
    String jti = UUID.randomUUID().toString();
    Instant past = Instant.now().minusSeconds(60);
    try (Connection c = db.connect()) {
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_token_revocations"
          + " (tenant, user_id, not_before, expires_at) VALUES ('acme', ?, ?, ?)")) {
        ps.setString(1, user);
        ps.setObject(2, past.minusSeconds(3600).atOffset(ZoneOffset.UTC));
        ps.setObject(3, past.atOffset(ZoneOffset.UTC));
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO revoked_dashboard_sessions (jti, expires_at) VALUES (?, ?)")) {
        ps.setString(1, jti);
        ps.setObject(2, past.atOffset(ZoneOffset.UTC));
        ps.executeUpdate();
      }
    }
    Eventually.within(EFFECTIVE, () -> {
      assertEquals(0, db.count("SELECT COUNT(*) FROM user_token_revocations WHERE user_id = '" + user + "'"));
      assertEquals(0, db.count("SELECT COUNT(*) FROM revoked_dashboard_sessions WHERE jti = '" + jti + "'"));
    });
  }

  @Test
  void eachKeyAndRevocationActionIsAudited() throws Exception {
    String user = newUser();
    Reply registered = register("acme", "RS256", pem(generate("RSA", 2048)), "audited-" + UUID.randomUUID());
    assertEquals(201, registered.status(), registered.raw().body());
    String kid = registered.body().get("kid").asText();
    assertEquals(204, as(OPERATOR).send("DELETE", "/v1/tenants/acme/token-keys/" + kid, null).status());
    assertEquals(200, as(ACME).post("/v1/users/" + user + "/tokens/revoke", "").status());

    Map<String, JsonNode> byAction = new HashMap<>();
    Reply page = as(ACME).get("/v1/audit?limit=100");
    assertEquals(200, page.status(), page.raw().body());
    for (JsonNode e : page.body().get("entries")) {
      String target = e.path("target").asText("");
      if (target.contains(kid) || target.equals("acme") || target.equals(user)) {
        byAction.putIfAbsent(e.get("action").asText(), e);
      }
    }
    assertEquals(201, byAction.get("user_token_key.register").get("status").asInt(), byAction.toString());
    assertEquals("acme/" + kid, byAction.get("user_token_key.revoke").get("target").asText());
    assertEquals(204, byAction.get("user_token_key.revoke").get("status").asInt());
    assertEquals(user, byAction.get("user_token.revoke").get("target").asText());
    assertEquals(200, byAction.get("user_token.revoke").get("status").asInt());
  }

  /** A user of acme that exists (has sent a heartbeat), so a GET of it is 200 for a valid token. */
  String newUser() throws Exception {
    String user = "rt-" + UUID.randomUUID();
    Eventually.within(Duration.ofSeconds(60),
        () -> assertEquals(200, as(ACME).post("/v1/heartbeat", heartbeat(user)).status()));
    return user;
  }

  Reply register(String tenant, String algorithm, String pem, String kid) throws Exception {
    Map<String, String> body = new HashMap<>(Map.of("algorithm", algorithm, "publicKey", pem));
    if (kid != null) body.put("kid", kid);
    return as(OPERATOR).post("/v1/tenants/" + tenant + "/token-keys", JSON.writeValueAsString(body));
  }

  static KeyPair generate(String algorithm, int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  static KeyPair generateEc() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static String pem(KeyPair pair) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic()
            .getEncoded()) + "\n-----END PUBLIC KEY-----\n";
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** A token of acme for {@code user}, valid 10 minutes, signed by the tenant's backend. */
  static String signed(JWSAlgorithm alg, String kid, JWSSigner signer, String user) throws Exception {
    return signed("acme", alg, kid, signer, user);
  }

  static String signed(String tenant, JWSAlgorithm alg, String kid, JWSSigner signer, String user)
      throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(),
        claims(tenant, tenant, user, Instant.now().plusSeconds(600)).build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  static String signedByAcme(String user) throws Exception {
    return signed(JWSAlgorithm.HS256, null, new MACSigner(ACME_SECRET), user);
  }

  static JWTClaimsSet.Builder claims(String issuer, String tenant, String user, Instant expires) {
    return new JWTClaimsSet.Builder().issuer(issuer).audience("limbic").subject(user).claim("tenant", tenant)
        .issueTime(new Date()).expirationTime(Date.from(expires));
  }

  static String signedByAcme(JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(ACME_SECRET));
    return jwt.serialize();
  }

  static void assertUnauthorized(Reply reply) {
    assertEquals(401, reply.status(), reply.raw().body());
    assertEquals("application/problem+json", reply.contentType());
    assertTrue(reply.body().get("detail").asText().startsWith("the user token is not valid"), reply.raw().body());
  }

  static String code(Reply reply) {
    return reply.body().get("type").asText().replaceAll(".*[/:]", "");
  }

  static String heartbeat(String user) {
    return "{\"userId\":\"" + user + "\"}";
  }
}
