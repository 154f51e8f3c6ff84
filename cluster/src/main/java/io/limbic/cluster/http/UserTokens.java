package io.limbic.cluster.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.limbic.protocol.Ids;
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
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      return refused("the token is not a JWT");
    }
    if (jwt instanceof PlainJWT) return refused("unsigned tokens (alg none) are refused");
    if (!(jwt instanceof SignedJWT signed)) return refused("encrypted tokens are not accepted");
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (!JWSAlgorithm.HS256.equals(alg) && !JWSAlgorithm.RS256.equals(alg) && !JWSAlgorithm.ES256.equals(alg)) {
      return refused("the token's alg must be HS256, RS256 or ES256");
    }
    JWTClaimsSet claims;
    String tenant;
    try {
      claims = signed.getJWTClaimsSet();
      tenant = claims.getStringClaim(TENANT_CLAIM);
    } catch (ParseException e) {
      return refused("the token's claims are not valid");
    }
    if (tenant == null || !Ids.isValidTenant(tenant)) return refused("the token has no valid 'tenant' claim");
    List<JWSVerifier> verifiers;
    if (ISSUER.equals(claims.getIssuer())) {
      if (!JWSAlgorithm.HS256.equals(alg)) return refused("tokens issued by limbic are HS256");
      verifiers = List.of(issuerVerifier);
    } else if (tenant.equals(claims.getIssuer())) {
      List<UserTokenKeys.TenantKey> own = new ArrayList<>(tenantKeys.of(tenant));
      own.addAll(registeredKeys.get().of(tenant));
      if (own.isEmpty()) return refused("tenant '" + tenant + "' has no user token key configured");
      List<UserTokenKeys.TenantKey> ofAlg = own.stream().filter(k -> k.algorithm().equals(alg)).toList();
      String kid = signed.getHeader().getKeyID();
      List<UserTokenKeys.TenantKey> named = ofAlg.stream().filter(k -> kid != null && kid.equals(k.kid())).toList();
      verifiers = (named.isEmpty() ? ofAlg : named).stream().map(UserTokenKeys.TenantKey::verifier).toList();
      if (verifiers.isEmpty()) return refused("tenant '" + tenant + "' has no " + alg + " key; the token's alg is wrong");
    } else {
      return refused("the token's iss must be 'limbic' or its tenant");
    }
    if (!verifies(signed, verifiers)) return refused("the token's signature does not match");
    return checked(claims, tenant);
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

  private static boolean verifies(SignedJWT jwt, List<JWSVerifier> verifiers) {
    for (JWSVerifier verifier : verifiers) {
      try {
        if (jwt.verify(verifier)) return true;
      } catch (JOSEException e) {
        // not this key (e.g. a critical header it does not understand): try the next one
      }
    }
    return false;
  }

  private static Refused refused(String reason) {
    return new Refused(reason);
  }
}
