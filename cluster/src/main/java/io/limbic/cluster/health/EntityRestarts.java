package io.limbic.cluster.health;

import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.slf4j.event.Level;

/**
 * How an event-sourced entity restarts when the journal fails a write or a recovery: with backoff up to 2 s (so
 * its users are served again within about 2 s of the database's return, not after a longer backoff), logged at
 * DEBUG: an outage is reported once by {@link DatabaseHealth}, not once per entity and restart.
 */
public final class EntityRestarts {
  private EntityRestarts() {}

  // Immutable: one for every entity (built per entity it was three objects and four durations each, ~200 bytes).
  private static final BackoffSupervisorStrategy ON_JOURNAL_FAILURE =
      SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.1)
          .withLogLevel(Level.DEBUG);

  public static BackoffSupervisorStrategy onJournalFailure() {
    return ON_JOURNAL_FAILURE;
  }
}
