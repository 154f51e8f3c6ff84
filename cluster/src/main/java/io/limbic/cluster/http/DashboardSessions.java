package io.limbic.cluster.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.limbic.protocol.Ids;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The dashboard's sign-in sessions (README "Dashboard"): a JWT (HS256) the node signs when an operator presents a
 * tenant's secret API key, held in an HttpOnly cookie. It names the tenant and the key by {@link ApiKeys#nameOf}
 * (a digest prefix, never the key), so every node given the same secret accepts it, and the caller's roles are
 * those the key has now (a key removed from the configuration ends its sessions). Each session has a random
 * {@code jti}; signing out stores it until the session's expiry ({@link TokenRevocations}), so a copy of the cookie
 * stops working on every node too. A token without a jti (from before sessions had one) is refused.
 */
public final class DashboardSessions {
  public static final String COOKIE = "limbic_dashboard";
  /** The header every unsafe request authenticated by the cookie must carry (CSRF; README "Dashboard"). */
  public static final String CSRF_HEADER = "X-Limbic-Dashboard";
  static final String ISSUER = "limbic-dashboard";
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration ttl;
  private final Clock clock;
  private final TokenRevocations revocations;

  /** A session a verified cookie carries; {@code id} is its jti. */
  public record Session(String tenant, String keyName, Instant expiresAt, String id) {}

  /** A signed session token and when it stops being accepted. */
  public record Issued(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Issued[expiresAt=" + expiresAt + "]"; // never the token
    }
  }

  public DashboardSessions(byte[] secret, Duration ttl, Clock clock) {
    this(secret, ttl, clock, TokenRevocations.NONE);
  }

  /** Sessions whose sign-out is held by {@code revocations}. */
  public DashboardSessions(byte[] secret, Duration ttl, Clock clock, TokenRevocations revocations) {
    if (secret.length < UserTokenKeys.MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("limbic.dashboard.session-secret must be at least 32 bytes");
    }
    try {
      this.signer = new MACSigner(secret);
      this.verifier = new MACVerifier(secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("limbic.dashboard.session-secret is not usable");
    }
    this.ttl = ttl;
    this.clock = clock;
    this.revocations = revocations;
  }

  /** Signs the session out on every node (within the revocations' refresh). Blocking. */
  public void revoke(Session session) throws java.sql.SQLException {
    revocations.revokeSession(session.id(), session.expiresAt().plus(CLOCK_SKEW));
  }

  public Duration ttl() {
    return ttl;
  }

  public Issued issue(String tenant, String keyName) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expires = now.plus(ttl);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(ISSUER)
        .subject(keyName)
        .jwtID(UUID.randomUUID().toString())
        .claim(UserTokens.TENANT_CLAIM, tenant)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(expires))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a dashboard session", e);
    }
    return new Issued(jwt.serialize(), expires);
  }

  /** The session of a token this node's secret signed, not expired and not living longer than the ttl. */
  public Optional<Session> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) return Optional.empty();
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      String tenant = claims.getStringClaim(UserTokens.TENANT_CLAIM);
      if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null
          || !claims.getAudience().contains(ISSUER)) {
        return Optional.empty();
      }
      if (tenant == null || !Ids.isValidTenant(tenant) || claims.getSubject() == null) return Optional.empty();
      if (claims.getExpirationTime() == null || claims.getIssueTime() == null) return Optional.empty();
      Instant expires = claims.getExpirationTime().toInstant();
      Instant issued = claims.getIssueTime().toInstant();
      Instant now = clock.instant();
      if (now.isAfter(expires.plus(CLOCK_SKEW)) || issued.isAfter(now.plus(CLOCK_SKEW))) return Optional.empty();
      if (Duration.between(issued, expires).compareTo(ttl.plus(CLOCK_SKEW)) > 0) return Optional.empty();
      String id = claims.getJWTID();
      if (id == null || id.isBlank() || id.length() > 64 || revocations.sessionRevoked(id)) return Optional.empty();
      return Optional.of(new Session(tenant, claims.getSubject(), expires, id));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
