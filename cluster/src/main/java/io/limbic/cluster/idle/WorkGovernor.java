package io.limbic.cluster.idle;

import io.limbic.analytics.idle.IdleSchedule;
import io.limbic.cluster.idle.GovernorCommand.Cancel;
import io.limbic.cluster.idle.GovernorCommand.Finished;
import io.limbic.cluster.idle.GovernorCommand.GetStatus;
import io.limbic.cluster.idle.GovernorCommand.Submit;
import io.limbic.protocol.user.UserCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Bounds this node's idle-phase work: at most {@code concurrency} jobs run (on threads of their own, never on the
 * actors' dispatcher), the rest wait in a bounded priority queue — deeper phases first, then more valuable users,
 * then the longest overdue. A job that does not fit is refused, and its user offers it again later: it waits, it is
 * not lost.
 */
public final class WorkGovernor extends AbstractBehavior<GovernorCommand> {
  private record Job(Submit submit, long sequence) {}

  private static final Comparator<Job> PRIORITY =
      Comparator.<Job>comparingInt(j -> -j.submit().phase())
          .thenComparingDouble(j -> -j.submit().value())
          .thenComparing(j -> j.submit().dueAt())
          .thenComparingLong(Job::sequence);

  private final IdleSettings settings;
  private final Clock clock;
  private final ActorRef<GovernorCommand> self;
  private final ExecutorService threads;
  private final PriorityQueue<Job> queue = new PriorityQueue<>(PRIORITY);
  private final Map<Long, Job> queued = new HashMap<>();
  private final Map<Long, Submit> running = new HashMap<>();
  private final Map<Long, Future<?>> futures = new HashMap<>();
  private final long[] completed;
  private final long[] halted;
  private final long[] rejected;
  private final long[] failed;
  private final LagHistogram[] lag;
  private final AtomicInteger executing = new AtomicInteger();
  private final AtomicInteger peakExecuting = new AtomicInteger();
  private long sequence;

  public static Behavior<GovernorCommand> create(IdleSettings settings, Clock clock) {
    return Behaviors.setup(
        ctx -> {
          ctx.getSystem().receptionist().tell(Receptionist.register(GovernorCommand.SERVICE, ctx.getSelf()));
          return new WorkGovernor(ctx, settings, clock);
        });
  }

  private WorkGovernor(ActorContext<GovernorCommand> context, IdleSettings settings, Clock clock) {
    super(context);
    this.settings = settings;
    this.clock = clock;
    this.self = context.getSelf();
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "limbic-idle-phase-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    int phases = settings.schedule().phases();
    completed = new long[phases];
    halted = new long[phases];
    rejected = new long[phases];
    failed = new long[phases];
    lag = new LagHistogram[phases];
    for (int i = 0; i < phases; i++) lag[i] = LagHistogram.empty();
  }

  @Override
  public Receive<GovernorCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(Cancel.class, this::onCancel)
        .onMessage(Finished.class, this::onFinished)
        .onMessage(GetStatus.class, this::onStatus)
        .onSignal(PostStop.class, stop -> stop())
        .build();
  }

  private Behavior<GovernorCommand> onSubmit(Submit submit) {
    if (queued.size() >= settings.queueCapacity()) {
      rejected[submit.phase() - 1]++;
      submit.replyTo().tell(new UserCommand.IdlePhaseRefused(submit.token()));
      return this;
    }
    Job job = new Job(submit, sequence++);
    queue.add(job);
    queued.put(submit.token(), job);
    drain();
    return this;
  }

  private Behavior<GovernorCommand> onCancel(Cancel cancel) {
    Job job = queued.remove(cancel.token());
    if (job != null) {
      queue.remove(job);
      halted[job.submit().phase() - 1]++;
      return this;
    }
    Submit submit = running.remove(cancel.token());
    if (submit != null) {
      futures.remove(cancel.token()).cancel(true);
      halted[submit.phase() - 1]++;
      drain();
    }
    return this;
  }

  private Behavior<GovernorCommand> onFinished(Finished finished) {
    futures.remove(finished.token());
    Submit submit = running.remove(finished.token());
    if (submit != null) {
      // Not cancelled meanwhile: deliver.
      if (finished.failure() == null) {
        completed[submit.phase() - 1]++;
        submit.replyTo().tell(finished.result());
      } else {
        failed[submit.phase() - 1]++;
        getContext().getLog().warn("Idle phase {} of {} failed", submit.phase(), submit.userKey(), finished.failure());
        submit.replyTo().tell(new UserCommand.IdlePhaseRefused(submit.token()));
      }
    }
    drain();
    return this;
  }

  private void drain() {
    while (running.size() < settings.concurrency() && !queue.isEmpty()) {
      Job job = queue.poll();
      Submit submit = job.submit();
      queued.remove(submit.token());
      lag[submit.phase() - 1].record(Duration.between(submit.dueAt(), clock.instant()).toMillis());
      running.put(submit.token(), submit);
      futures.put(submit.token(), threads.submit(() -> execute(submit)));
    }
  }

  /** On a phase thread: run the job and report back to the actor, whatever happens. */
  private void execute(Submit submit) {
    int now = executing.incrementAndGet();
    peakExecuting.accumulateAndGet(now, Math::max);
    UserCommand result = null;
    Throwable failure = null;
    try {
      result = submit.work().call();
    } catch (Throwable t) {
      failure = t;
    } finally {
      executing.decrementAndGet();
    }
    self.tell(new Finished(submit.token(), result, failure));
  }

  private Behavior<GovernorCommand> onStatus(GetStatus get) {
    get.replyTo().tell(status());
    return this;
  }

  GovernorStatus status() {
    int phases = settings.schedule().phases();
    long[] queuedPerPhase = new long[phases];
    long[] runningPerPhase = new long[phases];
    queued.values().forEach(j -> queuedPerPhase[j.submit().phase() - 1]++);
    running.values().forEach(s -> runningPerPhase[s.phase() - 1]++);
    List<GovernorStatus.PhaseStatus> list = new ArrayList<>();
    for (int i = 0; i < phases; i++) {
      list.add(new GovernorStatus.PhaseStatus(i + 1, IdleSchedule.name(i + 1), queuedPerPhase[i], runningPerPhase[i],
          completed[i], halted[i], rejected[i], failed[i], lag[i].copy()));
    }
    String node = getContext().getSystem().address().toString();
    return new GovernorStatus(node, settings.concurrency(), settings.queueCapacity(), peakExecuting.get(), list);
  }

  private Behavior<GovernorCommand> stop() {
    threads.shutdownNow();
    return this;
  }
}
