package io.limbic.cluster.http;

import io.limbic.projections.keys.ApiKeyRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret API keys created through the operator's API, held in memory so no request waits on the database. The
 * node that creates, rotates or revokes a key reloads at once; every node reloads every {@link #REFRESH}, so a
 * change reaches the others within that time. A rotated key's grace ends at its instant on every node, since the
 * instant is held with the key ({@link StoredApiKeys}).
 */
public final class ApiKeyring {
  public static final Duration REFRESH = PublishableKeyring.REFRESH;
  private static final Logger log = LoggerFactory.getLogger(ApiKeyring.class);

  private final ApiKeyRepository repository;
  private final Clock clock;
  private final AtomicReference<StoredApiKeys> current = new AtomicReference<>(StoredApiKeys.NONE);

  public ApiKeyring(ApiKeyRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  StoredApiKeys current() {
    return current.get();
  }

  public ApiKeyRepository repository() {
    return repository;
  }

  /** Reads the stored keys again. Blocking. */
  public synchronized void reload() throws SQLException {
    current.set(StoredApiKeys.of(repository.valid(clock.instant())));
  }

  /** Loads the stored keys now (a failure stops the start), then reloads them every {@link #REFRESH}. */
  public void start(ActorSystem<?> system, Executor blocking) {
    try {
      reload();
    } catch (SQLException e) {
      throw new IllegalStateException("the stored API keys could not be read", e);
    }
    system.scheduler().scheduleWithFixedDelay(REFRESH, REFRESH, () ->
        CompletableFuture.runAsync(() -> {
          try {
            reload();
          } catch (SQLException e) {
            log.warn("API keys not reloaded, keeping the last ones: {}", e.getMessage());
          }
        }, blocking), system.executionContext());
  }
}
