package io.limbic.cluster.http;

import io.limbic.projections.keys.TokenRevocationRepository;
import io.limbic.projections.keys.TokenRevocationRepository.Revoked;
import io.limbic.projections.keys.TokenRevocationRepository.UserRevocation;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Revoked tokens as a node holds them, so no request waits on the database: each user's not-before instant (their
 * user tokens issued earlier are refused) and the ids of signed-out dashboard sessions. The node that revokes
 * reloads at once; every node reloads every {@link #REFRESH} (and deletes the rows that refuse nothing any more), so
 * a revocation reaches every node within that time.
 */
public final class TokenRevocations {
  public static final Duration REFRESH = ApiKeyring.REFRESH;
  public static final TokenRevocations NONE = new TokenRevocations(null, Clock.systemUTC());

  private record Snapshot(Map<String, Instant> users, Set<String> sessions) {}

  private final TokenRevocationRepository repository;
  private final Clock clock;
  private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(Map.of(), Set.of()));

  public TokenRevocations(TokenRevocationRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** The instant before which the user's tokens were issued and are refused, if their tokens were revoked. */
  public Optional<Instant> userNotBefore(String tenant, String userId) {
    return Optional.ofNullable(current.get().users().get(key(tenant, userId)));
  }

  public boolean sessionRevoked(String jti) {
    return current.get().sessions().contains(jti);
  }

  /** Refuses the user's tokens issued before {@code notBefore} until {@code until}, on this node at once. Blocking. */
  public void revokeUser(String tenant, String userId, Instant notBefore, Instant until) throws SQLException {
    repository.revokeUser(new UserRevocation(tenant, userId, notBefore, until));
    reload();
  }

  /** Refuses the dashboard session {@code jti} until it expires, on this node at once. Blocking. */
  public void revokeSession(String jti, Instant expiresAt) throws SQLException {
    repository.revokeSession(jti, expiresAt);
    reload();
  }

  /** Deletes what expired, then reads what is in force. Blocking. */
  public synchronized void reload() throws SQLException {
    if (repository == null) return;
    Instant now = clock.instant();
    repository.deleteExpired(now);
    Revoked revoked = repository.inForce(now);
    Map<String, Instant> users = new HashMap<>();
    for (UserRevocation r : revoked.users()) users.put(key(r.tenant(), r.userId()), r.notBefore());
    current.set(new Snapshot(Map.copyOf(users), Set.copyOf(revoked.sessions())));
  }

  public void start(ActorSystem<?> system, Executor blocking) {
    Reloads.start(system, blocking, REFRESH, "the token revocations", this::reload);
  }

  private static String key(String tenant, String userId) {
    return tenant + "\n" + userId;
  }
}
