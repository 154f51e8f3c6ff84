package io.limbic.cluster.escalation;

import io.limbic.projections.escalation.IncidentRepository;
import io.limbic.projections.escalation.IncidentRepository.DueIncident;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.escalation.IncidentCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The durable half of incident deadlines, one per cluster (as the idle sweeper is for idle phases): every interval
 * it reads the open incidents whose next step has fallen due from {@code incidents} and wakes their users' incident
 * entities, which may have been passivated or lost with a node; the entity recovers, sees the deadline has passed
 * and pages the next contact. The entity checks its own journal, so a repeated or early wake-up changes nothing; an
 * incident woken recently is not woken again for {@link #REWAKE_AFTER} (its read-model row lags the entity).
 */
public final class DeadlineSweeper {
  static final int BATCH = 500;
  static final Duration REWAKE_AFTER = Duration.ofSeconds(10);

  sealed interface Command {}

  private enum Sweep implements Command { INSTANCE }

  private record Found(List<DueIncident> due, Throwable failure) implements Command {}

  private DeadlineSweeper() {}

  public static void init(ActorSystem<?> system, IncidentRepository incidents, Executor blocking, Duration interval) {
    ClusterSharding sharding = ClusterSharding.get(system);
    ClusterSingleton.get(system).init(SingletonActor.of(
        Behaviors.supervise(create(incidents, blocking, interval, sharding))
            .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2)),
        "incident-deadline-sweeper"));
  }

  private static Behavior<Command> create(
      IncidentRepository incidents, Executor blocking, Duration interval, ClusterSharding sharding) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Sweep.INSTANCE, interval);
      Map<String, Instant> woken = new HashMap<>();
      Clock clock = Clock.systemUTC();
      boolean[] busy = {false};
      return Behaviors.receive(Command.class)
          .onMessage(Sweep.class, s -> {
            if (busy[0]) return Behaviors.same();
            busy[0] = true;
            Instant now = clock.instant();
            ctx.pipeToSelf(CompletableFuture.supplyAsync(() -> {
              try {
                return incidents.due(now, BATCH);
              } catch (java.sql.SQLException e) {
                throw new IllegalStateException("incident deadline query failed", e);
              }
            }, blocking), Found::new);
            return Behaviors.same();
          })
          .onMessage(Found.class, found -> {
            busy[0] = false;
            if (found.failure() != null) {
              ctx.getLog().warn("Incident deadline sweep failed; retrying next interval", found.failure());
              return Behaviors.same();
            }
            Instant now = clock.instant();
            woken.values().removeIf(at -> at.plus(REWAKE_AFTER).isBefore(now));
            for (DueIncident due : found.due()) {
              if (woken.putIfAbsent(due.incidentId(), now) != null) continue;
              try {
                String entityId = new TenantScopedId(due.tenant(), due.userId()).entityId();
                sharding.entityRefFor(IncidentCommand.ENTITY_TYPE, entityId).tell(IncidentCommand.WakeForDeadline.INSTANCE);
              } catch (RuntimeException e) {
                ctx.getLog().warn("Could not wake incident {} of {}/{}; skipped", due.incidentId(), due.tenant(),
                    due.userId(), e);
              }
            }
            return Behaviors.same();
          })
          .build();
    }));
  }
}
