package io.limbic.cluster.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.limbic.protocol.Ids;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * End-user tokens: JWTs scoped to one user of one tenant (README "User tokens"). A token is either issued by the
 * node ({@code iss = "limbic"}, HS256 with the node's issuer secret) or signed by the tenant's backend with one of
 * the tenant's configured keys ({@code iss} = the tenant id). Both carry {@code aud = "limbic"}, {@code sub} = the
 * user id, {@code tenant} = the tenant id and {@code exp}; {@code iat} and {@code nbf} are checked when present. A
 * token without a signature ({@code alg: none}), with an algorithm its key is not for, with a bad signature,
 * expired (beyond the clock skew) or living longer than max-ttl (exp after iat, or after now when it has no iat) is
 * refused with a reason that names no key. A tenant's keys are those configured and those registered at runtime
 * ({@link TokenKeyring}); a header {@code kid} naming one of them selects it, otherwise each key of the token's
 * algorithm is tried. A token of a user whose tokens were revoked ({@link TokenRevocations}) is refused when it was
 * issued ({@code iat}) before the revocation, or has no {@code iat}.
 */
public final class UserTokens {
  public static final String ISSUER = "limbic";
  public static final String AUDIENCE = "limbic";
  public static final String TENANT_CLAIM = "tenant";
  private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private final UserTokenKeys tenantKeys;
  private final Supplier<UserTokenKeys> registeredKeys;
  private final TokenRevocations revocations;
  private final MACSigner issuerSigner;
  private final JWSVerifier issuerVerifier;
  private final Duration clockSkew;
  private final Duration maxTtl;
  private final Clock clock;

  /** What a token says once it is verified, or why it is refused. */
  public sealed interface Verdict permits Accepted, Refused {}

  public record Accepted(String tenant, String userId) implements Verdict {}

  /**
   * {@code reason} names the check that failed, for a debug log (never a 401: it tells how a tenant is set up);
   * {@code expired} and {@code revoked} may be told to the client, whose own token it is.
   */
  public record Refused(String reason, boolean expired, boolean revoked) implements Verdict {
    public Refused(String reason) {
      this(reason, false, false);
    }

    public Refused(String reason, boolean expired) {
      this(reason, expired, false);
    }
  }

  /** A token the node signed and when it stops being accepted. */
  public record Issued(String token, Instant expiresAt) {}

  /** {@code maxTtl}: the longest lifetime a token may declare (exp after iat, or after now without iat). */
  public UserTokens(UserTokenKeys tenantKeys, byte[] issuerSecret, Duration clockSkew, Duration maxTtl, Clock clock) {
    this(tenantKeys, () -> UserTokenKeys.NONE, TokenRevocations.NONE, issuerSecret, clockSkew, maxTtl, clock);
  }

  /** Also the keys registered at runtime and the revocations, both as they are at each verification. */
  public UserTokens(UserTokenKeys tenantKeys, Supplier<UserTokenKeys> registeredKeys, TokenRevocations revocations,
      byte[] issuerSecret, Duration clockSkew, Duration maxTtl, Clock clock) {
    if (issuerSecret.length < UserTokenKeys.MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the user token issuer secret must be at least 32 bytes");
    }
    try {
      this.issuerSigner = new MACSigner(issuerSecret);
      this.issuerVerifier = new MACVerifier(issuerSecret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the user token issuer secret is not usable");
    }
    this.tenantKeys = tenantKeys;
    this.registeredKeys = registeredKeys;
    this.revocations = revocations;
    this.clockSkew = clockSkew;
    this.maxTtl = maxTtl;
    this.clock = clock;
  }

  /** How long after a revocation a token issued before it could still be unexpired: max-ttl and the clock skew. */
  public Duration longestLife() {
    return maxTtl.plus(clockSkew);
  }

  /** Whether a bearer credential has the shape of a JWT (three base64url parts), which no API key is told by. */
  public static boolean looksLikeToken(String credential) {
    return JWT_SHAPE.matcher(credential).matches();
  }

  public Issued issue(String tenant, String userId, Duration ttl) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expires = now.plus(ttl);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(userId)
        .claim(TENANT_CLAIM, tenant)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(expires))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(issuerSigner);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a user token", e);
    }
    return new Issued(jwt.serialize(), expires);
  }

  public Verdict verify(String token) {
    return open(token).verdict();
  }

  /**
   * A token verified once ({@link #open}) and what checking it again ({@link #again}) needs: its parsed claims and,
   * when its signature was good, the key that verified it.
   */
  public static final class Opened {
    private final String token;
    private final Verdict verdict;
    private final SignedJWT jwt;
    private final JWTClaimsSet claims;
    private final String tenant;
    private final JWSVerifier key;

    private Opened(String token, Verdict verdict, SignedJWT jwt, JWTClaimsSet claims, String tenant,
        JWSVerifier key) {
      this.token = token;
      this.verdict = verdict;
      this.jwt = jwt;
      this.claims = claims;
      this.tenant = tenant;
      this.key = key;
    }

    private static Opened refused(String token, Refused refused) {
      return new Opened(token, refused, null, null, null, null);
    }

    /** The verdict when it was opened. */
    public Verdict verdict() {
      return verdict;
    }
  }

  /** The tenant's keys a token is tried with now, or why there are none. */
  private record Candidates(List<JWSVerifier> verifiers, Refused refused) {}

  /** Verifies {@code token} as {@link #verify} does, keeping what {@link #again} needs. */
  public Opened open(String token) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      return Opened.refused(token, refused("the token is not a JWT"));
    }
    if (jwt instanceof PlainJWT) return Opened.refused(token, refused("unsigned tokens (alg none) are refused"));
    if (!(jwt instanceof SignedJWT signed)) return Opened.refused(token, refused("encrypted tokens are not accepted"));
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (!JWSAlgorithm.HS256.equals(alg) && !JWSAlgorithm.RS256.equals(alg) && !JWSAlgorithm.ES256.equals(alg)) {
      return Opened.refused(token, refused("the token's alg must be HS256, RS256 or ES256"));
    }
    JWTClaimsSet claims;
    String tenant;
    try {
      claims = signed.getJWTClaimsSet();
      tenant = claims.getStringClaim(TENANT_CLAIM);
    } catch (ParseException e) {
      return Opened.refused(token, refused("the token's claims are not valid"));
    }
    if (tenant == null || !Ids.isValidTenant(tenant)) {
      return Opened.refused(token, refused("the token has no valid 'tenant' claim"));
    }
    Candidates candidates = candidates(signed, claims, tenant);
    if (candidates.refused() != null) return Opened.refused(token, candidates.refused());
    JWSVerifier key = verifying(signed, candidates.verifiers());
    if (key == null) return Opened.refused(token, refused("the token's signature does not match"));
    return new Opened(token, checked(claims, tenant), signed, claims, tenant, key);
  }

  /**
   * Checks an opened token again, refusing what {@link #verify} would refuse now, but without verifying its
   * signature while the key that verified it is still one the token is tried with: its claims (expiry, the user's
   * revocation) are read again, and its tenant's keys as they are now (a key revoked, removed or rotated out leaves
   * the token to the keys left, which then verify it as {@link #verify} would). An open WebSocket is checked every
   * few seconds; verifying an RS256 signature each time cost a public-key operation per socket.
   */
  public Verdict again(Opened opened) {
    if (opened.key == null) return verify(opened.token);
    Candidates now = candidates(opened.jwt, opened.claims, opened.tenant);
    if (now.refused() != null) return now.refused();
    boolean stillTried = now.verifiers().stream().anyMatch(v -> sameKey(v, opened.key));
    if (!stillTried && verifying(opened.jwt, now.verifiers()) == null) {
      return refused("the token's signature does not match");
    }
    return checked(opened.claims, opened.tenant);
  }

  private Candidates candidates(SignedJWT signed, JWTClaimsSet claims, String tenant) {
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (ISSUER.equals(claims.getIssuer())) {
      if (!JWSAlgorithm.HS256.equals(alg)) return new Candidates(List.of(), refused("tokens issued by limbic are HS256"));
      return new Candidates(List.of(issuerVerifier), null);
    }
    if (!tenant.equals(claims.getIssuer())) {
      return new Candidates(List.of(), refused("the token's iss must be 'limbic' or its tenant"));
    }
    List<UserTokenKeys.TenantKey> own = new ArrayList<>(tenantKeys.of(tenant));
    own.addAll(registeredKeys.get().of(tenant));
    if (own.isEmpty()) {
      return new Candidates(List.of(), refused("tenant '" + tenant + "' has no user token key configured"));
    }
    List<UserTokenKeys.TenantKey> ofAlg = own.stream().filter(k -> k.algorithm().equals(alg)).toList();
    String kid = signed.getHeader().getKeyID();
    List<UserTokenKeys.TenantKey> named = ofAlg.stream().filter(k -> kid != null && kid.equals(k.kid())).toList();
    List<JWSVerifier> verifiers = (named.isEmpty() ? ofAlg : named).stream().map(UserTokenKeys.TenantKey::verifier)
        .toList();
    if (verifiers.isEmpty()) {
      return new Candidates(List.of(), refused("tenant '" + tenant + "' has no " + alg + " key; the token's alg is wrong"));
    }
    return new Candidates(verifiers, null);
  }

  /**
   * Whether two verifiers check with the same key: the registered keys are read again every few seconds into new
   * verifiers, of the same public keys.
   */
  private static boolean sameKey(JWSVerifier a, JWSVerifier b) {
    if (a == b) return true;
    if (a instanceof RSASSAVerifier x && b instanceof RSASSAVerifier y) {
      return x.getPublicKey().equals(y.getPublicKey());
    }
    if (a instanceof ECDSAVerifier x && b instanceof ECDSAVerifier y) {
      return x.getPublicKey().equals(y.getPublicKey());
    }
    if (a instanceof MACVerifier x && b instanceof MACVerifier y) {
      return MessageDigest.isEqual(x.getSecret(), y.getSecret());
    }
    return false;
  }

  /** The claims of a token whose signature is good. */
  private Verdict checked(JWTClaimsSet claims, String tenant) {
    if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
      return refused("the token's aud must include 'limbic'");
    }
    Instant now = clock.instant();
    if (claims.getExpirationTime() == null) return refused("the token has no exp");
    Instant expires = claims.getExpirationTime().toInstant();
    if (now.isAfter(expires.plus(clockSkew))) return new Refused("the token has expired", true);
    Instant issued = claims.getIssueTime() != null ? claims.getIssueTime().toInstant() : now;
    if (Duration.between(issued, expires).compareTo(maxTtl.plus(clockSkew)) > 0) {
      return refused("the token's lifetime (exp - iat) exceeds max-ttl");
    }
    if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(clockSkew))) {
      return refused("the token is not valid yet (nbf)");
    }
    if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plus(clockSkew))) {
      return refused("the token's iat is in the future");
    }
    String user = claims.getSubject();
    if (user == null || !Ids.isValid(user)) return refused("the token's sub must be a user id");
    Optional<Instant> notBefore = revocations.userNotBefore(tenant, user);
    if (notBefore.isPresent() && (claims.getIssueTime() == null
        || claims.getIssueTime().toInstant().isBefore(notBefore.get()))) {
      return new Refused("the user's tokens issued before " + notBefore.get() + " were revoked", false, true);
    }
    return new Accepted(tenant, user);
  }

  /** The first of {@code verifiers} the signature matches, or null. */
  private static JWSVerifier verifying(SignedJWT jwt, List<JWSVerifier> verifiers) {
    for (JWSVerifier verifier : verifiers) {
      try {
        if (jwt.verify(verifier)) return verifier;
      } catch (JOSEException e) {
        // not this key (e.g. a critical header it does not understand): try the next one
      }
    }
    return null;
  }

  private static Refused refused(String reason) {
    return new Refused(reason);
  }
}
