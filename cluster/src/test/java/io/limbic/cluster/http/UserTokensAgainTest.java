package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A token checked again ({@link UserTokens#again}), as an open WebSocket's is every few seconds: its signature is
 * not verified again while its key stays, and everything else {@link UserTokens#verify} refuses still refuses it.
 */
class UserTokensAgainTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final byte[] ISSUER_SECRET = "node-issuer-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
  private static final KeyPair ACME_RSA = UserTokensTest.rsaKeyPair();
  private static final KeyPair OTHER_RSA = UserTokensTest.rsaKeyPair();

  /** An RS256 verifier that counts its signature checks. */
  static final class Counting extends RSASSAVerifier {
    final AtomicInteger verified = new AtomicInteger();

    Counting(KeyPair pair) {
      super((RSAPublicKey) pair.getPublic());
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) throws JOSEException {
      verified.incrementAndGet();
      return super.verify(header, signedContent, signature);
    }
  }

  static final class Settable extends Clock {
    volatile Instant now = NOW;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final Settable clock = new Settable();
  final AtomicReference<UserTokenKeys> registered = new AtomicReference<>(UserTokenKeys.NONE);
  final UserTokens tokens = new UserTokens(UserTokenKeys.NONE, registered::get, TokenRevocations.NONE,
      ISSUER_SECRET, Duration.ofSeconds(30), Duration.ofHours(24), clock);

  static UserTokenKeys acme(RSASSAVerifier verifier, String kid) {
    return UserTokenKeys.of(Map.of("acme", List.of(new UserTokenKeys.TenantKey(JWSAlgorithm.RS256, verifier, kid))));
  }

  static String token(String kid) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
        UserTokensTest.claims("acme", "acme", "u1").build());
    jwt.sign(new RSASSASigner(ACME_RSA.getPrivate()));
    return jwt.serialize();
  }

  @Test
  void aCheckAgainVerifiesNoSignature() throws Exception {
    Counting key = new Counting(ACME_RSA);
    registered.set(acme(key, "k1"));
    UserTokens.Opened opened = tokens.open(token("k1"));
    assertEquals(new UserTokens.Accepted("acme", "u1"), opened.verdict());
    assertEquals(1, key.verified.get(), "verified when it opened");
    for (int i = 0; i < 3; i++) assertEquals(new UserTokens.Accepted("acme", "u1"), tokens.again(opened));
    assertEquals(1, key.verified.get(), "not verified again");
  }

  @Test
  void theSameKeyReadAgainIsStillTheTokensKey() throws Exception {
    registered.set(acme(new Counting(ACME_RSA), "k1"));
    UserTokens.Opened opened = tokens.open(token("k1"));
    Counting reloaded = new Counting(ACME_RSA);
    registered.set(acme(reloaded, "k1"));
    assertEquals(new UserTokens.Accepted("acme", "u1"), tokens.again(opened));
    assertEquals(0, reloaded.verified.get(), "a reload of the keys is no new key");
  }

  @Test
  void aKeyRevokedOrReplacedRefusesTheTokenAsVerifyWould() throws Exception {
    registered.set(acme(new Counting(ACME_RSA), "k1"));
    String token = token("k1");
    UserTokens.Opened opened = tokens.open(token);
    registered.set(UserTokenKeys.NONE);
    assertRefused(tokens.again(opened), "no user token key");
    assertRefused(tokens.verify(token), "no user token key");
    Counting other = new Counting(OTHER_RSA);
    registered.set(acme(other, "k2"));
    assertRefused(tokens.again(opened), "signature");
    assertEquals(1, other.verified.get(), "the keys left are tried, as verify tries them");
    registered.set(acme(new Counting(ACME_RSA), "k1"));
    assertEquals(new UserTokens.Accepted("acme", "u1"), tokens.again(opened), "its key back, as verify would");
  }

  @Test
  void anExpiredTokenIsRefusedWithoutItsSignatureVerified() throws Exception {
    Counting key = new Counting(ACME_RSA);
    registered.set(acme(key, "k1"));
    UserTokens.Opened opened = tokens.open(token("k1"));
    clock.now = NOW.plusSeconds(600 + 31);
    UserTokens.Refused refused = assertInstanceOf(UserTokens.Refused.class, tokens.again(opened));
    assertTrue(refused.expired(), refused.reason());
    assertEquals(1, key.verified.get());
  }

  @Test
  void aTokenRefusedWhenItOpenedIsVerifiedInFullAgain() throws Exception {
    registered.set(acme(new Counting(OTHER_RSA), "k1"));
    UserTokens.Opened opened = tokens.open(token("k1"));
    assertRefused(opened.verdict(), "signature");
    Counting key = new Counting(ACME_RSA);
    registered.set(acme(key, "k1"));
    assertEquals(new UserTokens.Accepted("acme", "u1"), tokens.again(opened));
    assertEquals(1, key.verified.get());
  }

  @Test
  void anOpenSocketsCredentialCheckedAgainVerifiesNoSignature() throws Exception {
    Counting key = new Counting(ACME_RSA);
    registered.set(acme(key, "k1"));
    ApiKeys keys = ApiKeys.parse("globex:globex-0123456789abcdef").withUserTokens(tokens);
    ApiKeys.Checked checked = keys.check(token("k1"));
    Caller caller = checked.first().caller().orElseThrow();
    assertEquals(1, key.verified.get());
    for (int i = 0; i < 3; i++) assertTrue(ApiDirectives.stillAuthenticated(checked, caller));
    assertEquals(1, key.verified.get(), "the periodic check verifies no signature");
    clock.now = NOW.plusSeconds(600 + 31);
    assertEquals(false, ApiDirectives.stillAuthenticated(checked, caller), "an expired token no longer is");
    ApiKeys.Checked apiKey = keys.check("globex-0123456789abcdef");
    assertTrue(ApiDirectives.stillAuthenticated(apiKey, apiKey.first().caller().orElseThrow()));
  }

  private static void assertRefused(UserTokens.Verdict verdict, String reasonPart) {
    UserTokens.Refused refused = assertInstanceOf(UserTokens.Refused.class, verdict);
    assertTrue(refused.reason().contains(reasonPart), refused.reason());
  }
}
