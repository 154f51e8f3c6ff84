package io.limbic.cluster.idle;

import io.limbic.analytics.idle.WakeBudget;
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
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The durable half of idle scheduling, one per cluster: reads the {@code idle_schedule} read model for phases that
 * have fallen due and wakes their users' entities, which may have been passivated or lost with a node. The entity
 * re-checks its own state, so a late or repeated wake-up is harmless; a user woken recently is not woken again
 * until {@code rewakeAfter} has passed (their phase is probably queued or running). A sweep pages through every
 * due row, so a backlog of recently woken users at the head never hides the ones behind them. It wakes at most
 * {@code wakesPerSecond} users a second on average (a burst of one second's worth): a backlog, after an outage or a
 * cluster restart, is worked through at that pace, the rest of the page waiting in the sweeper, not in the nodes.
 *
 * <p>One bad row never stops the sweeps: a row that cannot be woken is logged and skipped, and any other failure
 * restarts the sweeper with backoff (all it loses is whom it woke recently, which only costs a repeated wake-up).
 */
public final class IdleSweeper {
  static final int BATCH = 1000;
  static final Duration MIN_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  sealed interface Command {}

  /** Go on paging after {@code after} (null: start from the longest overdue). */
  record Sweep(ScheduledPhase after) implements Command {}

  record Found(List<ScheduledPhase> due, Throwable failure) implements Command {}

  /** The wake-up budget has room again: go on with the page. */
  record Resume() implements Command {}

  /** Where due rows come from: {@link IdleScheduleRepository#due(Instant, ScheduledPhase, int)} in production. */
  @FunctionalInterface
  interface DueRows {
    List<ScheduledPhase> due(Instant now, ScheduledPhase after, int limit) throws Exception;
  }

  private IdleSweeper() {}

  public static void init(
      ActorSystem<?> system, IdleScheduleRepository repository, Executor blocking, Duration interval,
      double wakesPerSecond) {
    if (!(wakesPerSecond > 0) || Double.isInfinite(wakesPerSecond)) {
      throw new IllegalArgumentException("limbic.idle.sweep-wakes-per-second must be a positive number");
    }
    ClusterSharding sharding = ClusterSharding.get(system);
    Consumer<String> wake = entityId ->
        sharding.entityRefFor(UserCommand.ENTITY_TYPE, entityId).tell(UserCommand.WakeForIdlePhases.INSTANCE);
    ClusterSingleton.get(system)
        .init(SingletonActor.of(
            create(repository::due, blocking, interval, wakesPerSecond, Clock.systemUTC(), wake), "idle-sweeper"));
  }

  /** {@code wake} wakes the user entity of an entity id ({@code tenant/userId}). */
  static Behavior<Command> create(
      DueRows rows, Executor blocking, Duration interval, double wakesPerSecond, Clock clock, Consumer<String> wake) {
    Behavior<Command> sweeper =
        Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Sweeping(ctx, timers, rows, blocking, interval,
            new WakeBudget(wakesPerSecond, (int) Math.max(1, Math.min(1_000_000, wakesPerSecond)), clock.instant()),
            clock, wake).behavior()));
    return Behaviors.supervise(sweeper)
        .onFailure(SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, 0.2));
  }

  /** One incarnation of the sweeper. */
  private static final class Sweeping {
    private final ActorContext<Command> ctx;
    private final DueRows rows;
    private final Executor blocking;
    private final Clock clock;
    private final Consumer<String> wake;
    private final Duration rewakeAfter;
    private final Map<String, Instant> woken = new HashMap<>();
    private final TimerScheduler<Command> timers;
    private final WakeBudget budget;
    // The page being woken, and how far: busy until it is done.
    private List<ScheduledPhase> page = List.of();
    private int next;
    private boolean busy;

    Sweeping(ActorContext<Command> ctx, TimerScheduler<Command> timers, DueRows rows, Executor blocking,
        Duration interval, WakeBudget budget, Clock clock, Consumer<String> wake) {
      this.ctx = ctx;
      this.timers = timers;
      this.budget = budget;
      this.rows = rows;
      this.blocking = blocking;
      this.clock = clock;
      this.wake = wake;
      this.rewakeAfter = interval.multipliedBy(6).compareTo(Duration.ofSeconds(30)) > 0
          ? interval.multipliedBy(6) : Duration.ofSeconds(30);
      timers.startTimerWithFixedDelay(new Sweep(null), interval);
    }

    Behavior<Command> behavior() {
      return Behaviors.receive(Command.class)
          .onMessage(Sweep.class, this::onSweep)
          .onMessage(Found.class, this::onFound)
          .onMessage(Resume.class, r -> wakePage())
          .build();
    }

    private Behavior<Command> onSweep(Sweep sweep) {
      if (busy) return Behaviors.same();
      busy = true;
      Instant now = clock.instant();
      ctx.pipeToSelf(
          CompletableFuture.supplyAsync(() -> due(now, sweep.after()), blocking),
          (due, failure) -> new Found(due, failure));
      return Behaviors.same();
    }

    private Behavior<Command> onFound(Found found) {
      if (found.failure() != null) {
        busy = false;
        ctx.getLog().warn("Idle sweep failed; retrying next interval", found.failure());
        return Behaviors.same();
      }
      Instant now = clock.instant();
      woken.values().removeIf(at -> at.plus(rewakeAfter).isBefore(now));
      page = found.due();
      next = 0;
      return wakePage();
    }

    /** Wakes the rest of the page as far as the budget goes; then waits for it, or reads the next page. */
    private Behavior<Command> wakePage() {
      Instant now = clock.instant();
      while (next < page.size()) {
        ScheduledPhase phase = page.get(next);
        String entityId = entityId(phase);
        // Unreadable, or woken recently: costs no budget.
        if (entityId == null || woken.containsKey(entityId)) {
          next++;
          continue;
        }
        if (!budget.take(now)) {
          timers.startSingleTimer(new Resume(), budget.untilNext(now));
          return Behaviors.same();
        }
        next++;
        woken.put(entityId, now);
        wakeOne(entityId, phase);
      }
      busy = false;
      // A full page: more rows are due behind it, read them now.
      if (page.size() == BATCH) ctx.getSelf().tell(new Sweep(page.get(BATCH - 1)));
      page = List.of();
      return Behaviors.same();
    }

    private String entityId(ScheduledPhase phase) {
      try {
        return new TenantScopedId(phase.tenant(), phase.userId()).entityId();
      } catch (RuntimeException e) {
        ctx.getLog().warn("Could not wake {}/{} for idle phase {}; skipped", phase.tenant(), phase.userId(),
            phase.nextPhase(), e);
        return null;
      }
    }

    private void wakeOne(String entityId, ScheduledPhase phase) {
      try {
        wake.accept(entityId);
      } catch (RuntimeException e) {
        ctx.getLog().warn("Could not wake {} for idle phase {}; skipped", entityId, phase.nextPhase(), e);
      }
    }

    private List<ScheduledPhase> due(Instant now, ScheduledPhase after) {
      try {
        return rows.due(now, after, BATCH);
      } catch (Exception e) {
        throw new IllegalStateException("idle schedule query failed", e);
      }
    }
  }
}
