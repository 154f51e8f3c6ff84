package io.limbic.cluster.health;

import io.limbic.analytics.health.Reachability;
import io.limbic.analytics.health.Reachability.Change;
import io.limbic.analytics.health.Reachability.Step;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of whether the database answers (README "Database outages and node crashes"), a circuit
 * breaker ({@link Reachability}) fed by the journal's writes ({@code TracingJdbcJournal}) and by a periodic probe
 * ({@link DatabaseProbe}). While the database is lost, the API answers 503 {@code database_unavailable} at once
 * ({@link DatabaseGate}). An outage logs one WARN when it starts and one INFO when it ends, with what it cost.
 */
public final class DatabaseHealth implements Extension {
  private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);
  private static final Id ID = new Id();

  private final AtomicReference<Reachability> state = new AtomicReference<>(Reachability.reachable());
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final int failuresToLose;
  private final Clock clock;

  DatabaseHealth(int failuresToLose, Clock clock) {
    this.failuresToLose = failuresToLose;
    this.clock = clock;
  }

  public static DatabaseHealth get(ActorSystem<?> system) {
    return ID.get(Adapter.toClassic(system));
  }

  public static DatabaseHealth get(org.apache.pekko.actor.ActorSystem system) {
    return ID.get(system);
  }

  public boolean isLost() {
    return state.get().isLost();
  }

  /** A request refused because the database is lost: counted into the line that ends the outage. */
  public void refused() {
    refused.incrementAndGet();
  }

  /** Something that needed the database failed ({@code source}: the journal, the probe). */
  public void failed(String source, Throwable cause) {
    failures.incrementAndGet();
    Step step = apply(r -> r.failed(clock.instant(), failuresToLose));
    if (step.change() == Change.LOST) {
      refused.set(0);
      failures.set(0);
      log.warn("The database is unreachable ({}: {}); requests that need it answer 503 database_unavailable "
          + "until it answers again", source, describe(cause));
    } else if (log.isDebugEnabled()) {
      log.debug("A database call failed ({}): {}", source, describe(cause));
    }
  }

  /** Something that needed the database succeeded. */
  public void succeeded() {
    Reachability before = state.get();
    if (before.failures() == 0 && !before.isLost()) return;
    Step step = apply(Reachability::succeeded);
    if (step.change() == Change.REGAINED) {
      log.info("The database answers again after an outage of {} ms; {} requests were refused with 503 and {} "
          + "database calls failed meanwhile", before.outage(clock.instant()).toMillis(), refused.get(), failures.get());
    }
  }

  /** One observation, applied atomically: its step from the state it replaced. */
  private Step apply(Function<Reachability, Step> observation) {
    while (true) {
      Reachability current = state.get();
      Step step = observation.apply(current);
      if (state.compareAndSet(current, step.next())) return step;
    }
  }

  private static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static final class Id extends AbstractExtensionId<DatabaseHealth> {
    @Override
    public DatabaseHealth createExtension(ExtendedActorSystem system) {
      return new DatabaseHealth(system.settings().config().getInt("limbic.db.outage.failures-to-lose"),
          Clock.systemUTC());
    }
  }
}
