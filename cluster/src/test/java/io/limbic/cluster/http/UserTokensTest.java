package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification of user tokens: each way a token is refused, and the tokens that pass. */
class UserTokensTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final byte[] ISSUER_SECRET = "node-issuer-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ACME_SECRET = "acme-own-hs256-secret-32-bytes-long!!".getBytes(StandardCharsets.UTF_8);
  private static final byte[] GLOBEX_SECRET = "globex-own-hs256-secret-32-bytes-long".getBytes(StandardCharsets.UTF_8);
  private static final KeyPair INITECH_RSA = rsaKeyPair();

  private final UserTokens tokens = new UserTokens(UserTokenKeys.parse(
          "acme:hs256:" + b64(ACME_SECRET) + ", globex:hs256:" + b64(GLOBEX_SECRET)
              + ", initech:rs256:" + b64(pem(INITECH_RSA).getBytes(StandardCharsets.UTF_8))),
      ISSUER_SECRET, Duration.ofSeconds(30), Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aTokenTheNodeIssuedIsItsTenantsAndUsers() {
    UserTokens.Issued issued = tokens.issue("acme", "u1", Duration.ofHours(1));
    assertEquals(NOW.plusSeconds(3600), issued.expiresAt());
    assertTrue(UserTokens.looksLikeToken(issued.token()));
    assertEquals(new UserTokens.Accepted("acme", "u1"), tokens.verify(issued.token()));
  }

  @Test
  void aTokenSignedWithTheTenantsOwnKeyIsAccepted() throws Exception {
    assertEquals(new UserTokens.Accepted("acme", "u1"),
        tokens.verify(signed(JWSAlgorithm.HS256, new MACSigner(ACME_SECRET), claims("acme", "acme", "u1").build())));
    assertEquals(new UserTokens.Accepted("initech", "u2"), tokens.verify(signed(JWSAlgorithm.RS256,
        new RSASSASigner(INITECH_RSA.getPrivate()), claims("initech", "initech", "u2").build())));
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String none = new PlainJWT(claims("limbic", "acme", "u1").build()).serialize();
    assertTrue(UserTokens.looksLikeToken(none));
    assertRefused(none, "alg none");
  }

  @Test
  void anAlgorithmTheTenantsKeyIsNotForIsRefused() throws Exception {
    // HS256 "signed" with the RSA public key's bytes: the classic confusion of a verifier that trusts alg.
    byte[] publicBytes = INITECH_RSA.getPublic().getEncoded();
    assertRefused(signed(JWSAlgorithm.HS256, new MACSigner(publicBytes), claims("initech", "initech", "u1").build()),
        "no HS256 key");
    assertRefused(signed(JWSAlgorithm.RS256, new RSASSASigner(INITECH_RSA.getPrivate()),
        claims("acme", "acme", "u1").build()), "no RS256 key");
    assertRefused(signed(JWSAlgorithm.RS256, new RSASSASigner(INITECH_RSA.getPrivate()),
        claims("limbic", "acme", "u1").build()), "HS256");
    assertRefused(signed(JWSAlgorithm.HS512, new MACSigner("an-hs512-secret-needs-sixty-four-bytes-so-this-one-is-long-enough-ok"),
        claims("limbic", "acme", "u1").build()), "HS256, RS256 or ES256");
  }

  @Test
  void anExpiredTokenIsRefusedBeyondTheClockSkewOnly() throws Exception {
    MACSigner acme = new MACSigner(ACME_SECRET);
    assertRefused(signed(JWSAlgorithm.HS256, acme,
        claims("acme", "acme", "u1").expirationTime(Date.from(NOW.minusSeconds(31))).build()), "expired");
    assertTrue(((UserTokens.Refused) tokens.verify(signed(JWSAlgorithm.HS256, acme,
        claims("acme", "acme", "u1").expirationTime(Date.from(NOW.minusSeconds(31))).build()))).expired());
    assertInstanceOf(UserTokens.Accepted.class, tokens.verify(signed(JWSAlgorithm.HS256, acme,
        claims("acme", "acme", "u1").expirationTime(Date.from(NOW.minusSeconds(29))).build())));
    assertRefused(signed(JWSAlgorithm.HS256, acme,
        claims("acme", "acme", "u1").expirationTime(null).build()), "no exp");
    assertRefused(signed(JWSAlgorithm.HS256, acme,
        claims("acme", "acme", "u1").notBeforeTime(Date.from(NOW.plusSeconds(120))).build()), "nbf");
    assertRefused(signed(JWSAlgorithm.HS256, acme,
        claims("acme", "acme", "u1").issueTime(Date.from(NOW.plusSeconds(120))).build()), "iat");
  }

  @Test
  void aTokenOfAnotherTenantIsRefused() throws Exception {
    MACSigner acme = new MACSigner(ACME_SECRET);
    // Signed with acme's key, claiming globex: globex's key does not verify it.
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("globex", "globex", "u1").build()), "signature");
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("acme", "globex", "u1").build()), "iss");
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("umbrella", "umbrella", "u1").build()), "no user token key");
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("acme", null, "u1").build()), "tenant");
    // The node's own tokens are not signed with a tenant key.
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("limbic", "acme", "u1").build()), "signature");
  }

  @Test
  void aTamperedTokenIsRefused() throws Exception {
    String token = tokens.issue("acme", "u1", Duration.ofHours(1)).token();
    String[] parts = token.split("\\.");
    String otherUser = Base64URL.encode(claims("limbic", "acme", "u2").build().toString()).toString();
    assertRefused(parts[0] + "." + otherUser + "." + parts[2], "signature");
    assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA", "signature");
    assertRefused("not.a.jwt", "not a JWT");
  }

  @Test
  void theAudienceAndSubjectMustBeLimbicsAndAUserId() throws Exception {
    MACSigner acme = new MACSigner(ACME_SECRET);
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("acme", "acme", "u1").audience("other").build()), "aud");
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("acme", "acme", "u1").audience((String) null).build()), "aud");
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("acme", "acme", "bad id!").build()), "sub");
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("acme", "acme", null).build()), "sub");
  }

  @Test
  void apiKeysAreNotTakenForTokens() {
    assertFalse(UserTokens.looksLikeToken("acme-all-0123456789abcdef"));
    assertFalse(UserTokens.looksLikeToken("a.b"));
  }

  @Test
  void keysAreParsedFromTheEnvironmentOrAFileAndRefusedWithoutEchoingThem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("acme.key");
    Files.writeString(file, b64(ACME_SECRET) + "\n");
    UserTokens fromFile = new UserTokens(UserTokenKeys.parse("acme:hs256:file:" + file), ISSUER_SECRET,
        Duration.ofSeconds(30), Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));
    assertEquals(new UserTokens.Accepted("acme", "u1"),
        fromFile.verify(signed(JWSAlgorithm.HS256, new MACSigner(ACME_SECRET), claims("acme", "acme", "u1").build())));
    String shortSecret = b64("too-short".getBytes(StandardCharsets.UTF_8));
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> UserTokenKeys.parse("acme:hs256:" + shortSecret));
    assertFalse(refused.getMessage().contains(shortSecret), refused.getMessage());
    assertThrows(IllegalArgumentException.class, () -> UserTokenKeys.parse("acme:es256:" + b64(ACME_SECRET)));
    assertThrows(IllegalArgumentException.class, () -> UserTokenKeys.parse("acme:rs256:" + b64(ACME_SECRET)));
    assertThrows(IllegalArgumentException.class, () -> UserTokenKeys.parse("acme:hs256:file:" + dir.resolve("none")));
    assertThrows(IllegalArgumentException.class,
        () -> new UserTokens(UserTokenKeys.NONE, "short".getBytes(StandardCharsets.UTF_8), Duration.ZERO,
            Duration.ofHours(1), Clock.systemUTC()));
  }

  @Test
  void aTokenLivingLongerThanMaxTtlIsRefusedWhoeverSignedIt() throws Exception {
    MACSigner acme = new MACSigner(ACME_SECRET);
    Date issued = Date.from(NOW.minusSeconds(10));
    assertInstanceOf(UserTokens.Accepted.class, tokens.verify(signed(JWSAlgorithm.HS256, acme,
        claims("acme", "acme", "u1").expirationTime(Date.from(issued.toInstant().plus(Duration.ofHours(24)))).build())));
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("acme", "acme", "u1")
        .expirationTime(Date.from(issued.toInstant().plus(Duration.ofHours(24)).plusSeconds(31))).build()), "max-ttl");
    assertRefused(signed(JWSAlgorithm.HS256, acme, claims("acme", "acme", "u1").issueTime(null)
        .expirationTime(Date.from(NOW.plus(Duration.ofDays(3650)))).build()), "max-ttl");
    assertFalse(((UserTokens.Refused) tokens.verify(signed(JWSAlgorithm.HS256, acme, claims("acme", "acme", "u1")
        .expirationTime(Date.from(NOW.plus(Duration.ofDays(3650)))).build()))).expired());
  }

  @Test
  void theNodesIssuerTenantIdIsReservedForKeys() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> UserTokenKeys.parse("limbic:hs256:" + b64(ACME_SECRET)));
    assertTrue(refused.getMessage().contains("reserved"), refused.getMessage());
    assertFalse(refused.getMessage().contains(b64(ACME_SECRET)), refused.getMessage());
  }

  private void assertRefused(String token, String reasonPart) {
    UserTokens.Verdict verdict = tokens.verify(token);
    UserTokens.Refused refused = assertInstanceOf(UserTokens.Refused.class, verdict, token);
    assertTrue(refused.reason().contains(reasonPart), refused.reason());
  }

  static JWTClaimsSet.Builder claims(String issuer, String tenant, String user) {
    return new JWTClaimsSet.Builder().issuer(issuer).audience("limbic").subject(user).claim("tenant", tenant)
        .issueTime(Date.from(NOW.minusSeconds(10))).expirationTime(Date.from(NOW.plusSeconds(600)));
  }

  static String signed(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static String pem(KeyPair pair) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
