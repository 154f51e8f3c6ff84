package io.limbic.cluster.jobs;

import io.limbic.projections.schedules.ScheduleRound;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The cluster's one schedule ticker: every {@code limbic.schedules.tick} it runs a {@link ScheduleRound} on the
 * blocking dispatcher (one at a time; a tick during a round is skipped). If its node leaves, the singleton starts on
 * another; the idempotency keys of the runs make a round that two tickers overlap on harmless.
 */
public final class ScheduleTicker {
  sealed interface Command {}

  private enum Tick implements Command { INSTANCE }

  private record RoundDone(Throwable failure) implements Command {}

  private ScheduleTicker() {}

  public static void init(ActorSystem<?> system, ScheduleRound round, Executor blocking, Duration tick) {
    ClusterSingleton.get(system).init(SingletonActor.of(
        Behaviors.supervise(create(round, blocking, tick))
            .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2)),
        "schedule-ticker"));
  }

  private static Behavior<Command> create(ScheduleRound round, Executor blocking, Duration tick) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, tick);
      boolean[] busy = {false};
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, t -> {
            if (busy[0]) return Behaviors.same();
            busy[0] = true;
            ctx.pipeToSelf(CompletableFuture.supplyAsync(() -> {
              try {
                round.run();
                return Done.getInstance();
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            }, blocking), (done, failure) -> new RoundDone(failure));
            return Behaviors.same();
          })
          .onMessage(RoundDone.class, done -> {
            busy[0] = false;
            if (done.failure() != null) {
              ctx.getLog().warn("Schedule round failed; retrying next tick", done.failure());
            }
            return Behaviors.same();
          })
          .build();
    }));
  }
}
