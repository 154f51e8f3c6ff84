package io.limbic.cluster.http;

import io.limbic.projections.keys.PublishableKeyRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishable keys a node authenticates with: the configured ones and those created through the admin API,
 * held in memory so no request waits on the database. The node that creates or revokes a key reloads at once;
 * every node reloads every {@link #REFRESH}, so a revocation reaches the others within that time.
 */
public final class PublishableKeyring {
  public static final Duration REFRESH = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(PublishableKeyring.class);

  private final PublishableKeys configured;
  private final PublishableKeyRepository repository;
  private final AtomicReference<PublishableKeys> current;

  public PublishableKeyring(PublishableKeys configured, PublishableKeyRepository repository) {
    this.configured = configured;
    this.repository = repository;
    this.current = new AtomicReference<>(configured);
  }

  public PublishableKeys current() {
    return current.get();
  }

  public PublishableKeyRepository repository() {
    return repository;
  }

  /** Reads the stored keys again. Blocking. */
  public synchronized void reload() throws SQLException {
    current.set(configured.plus(repository.all()));
  }

  /** Loads the stored keys now (a failure stops the start), then reloads them every {@link #REFRESH}. */
  public void start(ActorSystem<?> system, Executor blocking) {
    try {
      reload();
    } catch (SQLException e) {
      throw new IllegalStateException("the stored publishable keys could not be read", e);
    }
    system.scheduler().scheduleWithFixedDelay(REFRESH, REFRESH, () ->
        CompletableFuture.runAsync(() -> {
          try {
            reload();
          } catch (SQLException e) {
            log.warn("publishable keys not reloaded, keeping the last ones: {}", e.getMessage());
          }
        }, blocking), system.executionContext());
  }
}
