package io.limbic.cluster.idle;

import io.limbic.projections.idle.IdleScheduleRepository;
import io.limbic.projections.idle.ScheduledPhase;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.UserCommand;
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
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The durable half of idle scheduling, one per cluster: reads the {@code idle_schedule} read model for phases that
 * have fallen due and wakes their users' entities, which may have been passivated or lost with a node. The entity
 * re-checks its own state, so a late or repeated wake-up is harmless; a user woken recently is not woken again
 * until {@code rewakeAfter} has passed (their phase is probably queued or running). A sweep pages through every
 * due row, so a backlog of recently woken users at the head never hides the ones behind them.
 */
public final class IdleSweeper {
  private static final int BATCH = 1000;

  sealed interface Command {}

  /** Go on paging after {@code after} (null: start from the longest overdue). */
  record Sweep(ScheduledPhase after) implements Command {}

  record Found(List<ScheduledPhase> due, Throwable failure) implements Command {}

  private IdleSweeper() {}

  public static void init(
      ActorSystem<?> system, IdleScheduleRepository repository, Executor blocking, Duration interval) {
    ClusterSingleton.get(system)
        .init(SingletonActor.of(create(repository, blocking, interval, Clock.systemUTC()), "idle-sweeper"));
  }

  static Behavior<Command> create(
      IdleScheduleRepository repository, Executor blocking, Duration interval, Clock clock) {
    Duration rewakeAfter = interval.multipliedBy(6).compareTo(Duration.ofSeconds(30)) > 0
        ? interval.multipliedBy(6) : Duration.ofSeconds(30);
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(new Sweep(null), interval);
                  ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
                  Map<String, Instant> woken = new HashMap<>();
                  boolean[] busy = {false};
                  return Behaviors.receive(Command.class)
                      .onMessage(Sweep.class, sweep -> {
                        if (busy[0]) return Behaviors.same();
                        busy[0] = true;
                        Instant now = clock.instant();
                        ctx.pipeToSelf(
                            CompletableFuture.supplyAsync(() -> due(repository, now, sweep.after()), blocking),
                            (due, failure) -> new Found(due, failure));
                        return Behaviors.same();
                      })
                      .onMessage(Found.class, found -> {
                        busy[0] = false;
                        if (found.failure() != null) {
                          ctx.getLog().warn("Idle sweep failed; retrying next interval", found.failure());
                          return Behaviors.same();
                        }
                        Instant now = clock.instant();
                        woken.values().removeIf(at -> at.plus(rewakeAfter).isBefore(now));
                        for (ScheduledPhase phase : found.due()) {
                          String entityId = new TenantScopedId(phase.tenant(), phase.userId()).entityId();
                          if (woken.putIfAbsent(entityId, now) != null) continue;
                          sharding.entityRefFor(UserCommand.ENTITY_TYPE, entityId).tell(UserCommand.WakeForIdlePhases.INSTANCE);
                        }
                        // A full page: more rows are due behind it, read them now.
                        if (found.due().size() == BATCH) {
                          ctx.getSelf().tell(new Sweep(found.due().get(BATCH - 1)));
                        }
                        return Behaviors.same();
                      })
                      .build();
                }));
  }

  private static List<ScheduledPhase> due(IdleScheduleRepository repository, Instant now, ScheduledPhase after) {
    try {
      return repository.due(now, after, BATCH);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("idle schedule query failed", e);
    }
  }
}
