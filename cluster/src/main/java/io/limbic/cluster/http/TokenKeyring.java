package io.limbic.cluster.http;

import io.limbic.projections.keys.UserTokenKeyRepository;
import io.limbic.projections.keys.UserTokenKeyRepository.StoredTokenKey;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user-token verification keys registered through the operator's API ({@link UserTokenKeyRoutes}), held in
 * memory. The node that registers or revokes one reloads at once; every node reloads every {@link #REFRESH}, as
 * {@link ApiKeyring} does, so a change reaches every node within that time.
 */
public final class TokenKeyring {
  public static final Duration REFRESH = ApiKeyring.REFRESH;
  private static final Logger log = LoggerFactory.getLogger(TokenKeyring.class);

  private final UserTokenKeyRepository repository;
  private final AtomicReference<UserTokenKeys> current = new AtomicReference<>(UserTokenKeys.NONE);

  public TokenKeyring(UserTokenKeyRepository repository) {
    this.repository = repository;
  }

  public UserTokenKeys current() {
    return current.get();
  }

  public UserTokenKeyRepository repository() {
    return repository;
  }

  /** Reads the registered keys again. Blocking. */
  public synchronized void reload() throws SQLException {
    Map<String, List<UserTokenKeys.TenantKey>> keys = new HashMap<>();
    for (StoredTokenKey stored : repository.valid()) {
      try {
        VerificationKey key = VerificationKey.parse(stored.algorithm(), stored.publicKeyPem());
        keys.computeIfAbsent(stored.tenant(), t -> new ArrayList<>())
            .add(new UserTokenKeys.TenantKey(key.algorithm(), key.verifier(), stored.kid()));
      } catch (IllegalArgumentException e) {
        // Checked when registered: a row that no longer parses is skipped, never a reason to stop.
        log.warn("user token key {} of tenant {} skipped: {}", stored.kid(), stored.tenant(), e.getMessage());
      }
    }
    current.set(UserTokenKeys.of(keys));
  }

  public void start(ActorSystem<?> system, Executor blocking) {
    Reloads.start(system, blocking, REFRESH, "the registered user token keys", this::reload);
  }
}
