package io.limbic.cluster.idle;

import io.limbic.analytics.idle.IdleJobKey;
import io.limbic.analytics.idle.IdleJobLedger;
import io.limbic.analytics.idle.PhaseShares;
import io.limbic.cluster.idle.GovernorCommand.Cancel;
import io.limbic.cluster.idle.GovernorCommand.CancelUser;
import io.limbic.cluster.idle.GovernorCommand.GovernorsListed;
import io.limbic.cluster.idle.GovernorCommand.Finished;
import io.limbic.cluster.idle.GovernorCommand.GetStatus;
import io.limbic.cluster.idle.GovernorCommand.GetTenantStatus;
import io.limbic.cluster.idle.GovernorCommand.Submit;
import io.limbic.protocol.user.UserCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Bounds this node's idle-phase work: at most {@code concurrency} jobs run (on threads of their own, never on the
 * actors' dispatcher), the rest wait in a bounded queue that shares the threads' time equally between the phases
 * with work ({@link PhaseShares}: a backlog of costly deep phases cannot starve the cheap light ones), and within a
 * phase serves more valuable users first, then the longest overdue. A job that does not fit is refused, and its user
 * offers it again later: it waits, it is not lost. A full queue makes room for a phase holding less than its share
 * by refusing after all the last job of the phase holding the most ({@link PhaseShares#evictFor}).
 *
 * <p>The same work (user, phase, idle period: {@link IdleJobKey}) is held once: a second offer, from a repeated
 * wake-up or a new incarnation of the user's entity, is answered with the token of the job already held.
 *
 * <p>A user who comes back cancels their jobs by token, or all of them by user: that request is relayed to every
 * other node's governor (found through the receptionist), since a job may wait where an earlier incarnation ran.
 *
 * <p>It counts the work per phase for the node and for each tenant ({@link TenantTallies}, bounded). It must outlive
 * any one job: lags saturate instead of overflowing on absurd due times, state changes come before the messages
 * that could fail, a malformed job is refused, and the actor is resumed — queue, running jobs and counters kept —
 * after any failure it did not foresee.
 */
public final class WorkGovernor extends AbstractBehavior<GovernorCommand> {
  private record Job(Submit submit, String tenant, long sequence) {}

  /** A started job: what its phase was charged, and when it started ({@link System#nanoTime}). */
  private record Run(Job job, PhaseShares.Started<Job> started, long startedAt) {}

  private static final Comparator<Job> WITHIN_PHASE =
      Comparator.<Job>comparingDouble(j -> -j.submit().value())
          .thenComparing(j -> j.submit().dueAt())
          .thenComparingLong(Job::sequence);

  private final IdleSettings settings;
  private final Clock clock;
  private final ActorRef<GovernorCommand> self;
  private final ExecutorService threads;
  private final PhaseShares<Job> queue;
  private final Map<Long, Job> queued = new HashMap<>();
  private final Map<Long, Run> running = new HashMap<>();
  private final Map<Long, Future<?>> futures = new HashMap<>();
  private final IdleJobLedger ledger = new IdleJobLedger();
  private java.util.Set<ActorRef<GovernorCommand>> governors = java.util.Set.of();
  private final PhaseTally node;
  private final TenantTallies tenants;
  private final AtomicInteger executing = new AtomicInteger();
  private final AtomicInteger peakExecuting = new AtomicInteger();
  private long sequence;

  public static Behavior<GovernorCommand> create(IdleSettings settings, Clock clock) {
    Behavior<GovernorCommand> governor = Behaviors.setup(
        ctx -> {
          ctx.getSystem().receptionist().tell(Receptionist.register(GovernorCommand.SERVICE, ctx.getSelf()));
          ctx.getSystem().receptionist().tell(Receptionist.subscribe(GovernorCommand.SERVICE,
              ctx.messageAdapter(Receptionist.Listing.class,
                  l -> new GovernorsListed(l.getServiceInstances(GovernorCommand.SERVICE)))));
          return new WorkGovernor(ctx, settings, clock);
        });
    // Resume, not restart: a restart would forget the queue and the running jobs, and their users would wait.
    return Behaviors.supervise(governor).onFailure(SupervisorStrategy.resume());
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
    queue = new PhaseShares<>(phases, WITHIN_PHASE);
    node = new PhaseTally(phases, clock.instant());
    tenants = new TenantTallies(phases, settings.tenantFigures(), settings.tenantRetention());
  }

  @Override
  public Receive<GovernorCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(Cancel.class, this::onCancel)
        .onMessage(CancelUser.class, this::onCancelUser)
        .onMessage(GovernorsListed.class, this::onGovernors)
        .onMessage(Finished.class, this::onFinished)
        .onMessage(GetStatus.class, this::onStatus)
        .onMessage(GetTenantStatus.class, this::onTenantStatus)
        .onSignal(PostStop.class, stop -> stop())
        .build();
  }

  private Behavior<GovernorCommand> onSubmit(Submit submit) {
    if (submit.phase() < 1 || submit.phase() > settings.schedule().phases() || submit.dueAt() == null
        || submit.userKey() == null || submit.idleSince() == null) {
      getContext().getLog().warn("Refusing a malformed idle-phase job: phase {} of {}", submit.phase(), submit.userKey());
      submit.replyTo().tell(new UserCommand.IdlePhaseRefused(submit.token()));
      return this;
    }
    IdleJobKey key = new IdleJobKey(submit.userKey(), submit.phase(), submit.idleSince());
    var held = ledger.holder(key);
    if (held.isPresent()) {
      submit.replyTo().tell(new UserCommand.IdlePhaseHeld(submit.token(), held.get()));
      return this;
    }
    String tenant = TenantTallies.tenantOf(submit.userKey());
    if (queued.size() >= settings.queueCapacity()) {
      Job evicted = queue.evictFor(submit.phase(), settings.queueCapacity());
      if (evicted != null) turnAway(evicted);
    }
    if (queued.size() >= settings.queueCapacity() || !ledger.hold(submit.token(), key)) {
      count(tenant, t -> t.refused(submit.phase()));
      submit.replyTo().tell(new UserCommand.IdlePhaseRefused(submit.token()));
      return this;
    }
    Job job = new Job(submit, tenant, sequence++);
    queue.add(submit.phase(), job);
    queued.put(submit.token(), job);
    count(tenant, t -> t.accepted(submit.phase()));
    drain();
    return this;
  }

  /** A queued job made room for another phase's: refused after all, so its user offers it again later. */
  private void turnAway(Job job) {
    Submit submit = job.submit();
    queued.remove(submit.token());
    ledger.release(submit.token());
    count(job.tenant(), t -> t.turnedAway(submit.phase()));
    submit.replyTo().tell(new UserCommand.IdlePhaseRefused(submit.token()));
  }

  private Behavior<GovernorCommand> onCancel(Cancel cancel) {
    cancel(cancel.token());
    return this;
  }

  private Behavior<GovernorCommand> onCancelUser(CancelUser cancel) {
    if (cancel.userKey() == null) return this;
    for (long token : ledger.tokensOf(cancel.userKey())) cancel(token);
    if (cancel.relay()) {
      CancelUser relayed = new CancelUser(cancel.userKey(), false);
      for (ActorRef<GovernorCommand> other : governors) {
        if (!other.equals(self)) other.tell(relayed);
      }
    }
    return this;
  }

  private Behavior<GovernorCommand> onGovernors(GovernorsListed listed) {
    governors = listed.governors();
    return this;
  }

  private void cancel(long token) {
    ledger.release(token);
    Job job = queued.remove(token);
    if (job != null) {
      queue.remove(job.submit().phase(), job);
      count(job.tenant(), t -> t.droppedFromQueue(job.submit().phase()));
      return;
    }
    Run run = running.remove(token);
    if (run != null) {
      Future<?> future = futures.remove(token);
      if (future != null) future.cancel(true);
      queue.ended(run.started(), System.nanoTime() - run.startedAt());
      count(run.job().tenant(), t -> t.interrupted(run.job().submit().phase()));
      drain();
    }
  }

  private Behavior<GovernorCommand> onFinished(Finished finished) {
    futures.remove(finished.token());
    ledger.release(finished.token());
    Run run = running.remove(finished.token());
    if (run == null) {
      // Cancelled meanwhile: its result is never delivered.
      drain();
      return this;
    }
    queue.ended(run.started(), System.nanoTime() - run.startedAt());
    Job job = run.job();
    Submit submit = job.submit();
    boolean ok = finished.failure() == null;
    count(job.tenant(), t -> {
      if (ok) t.completed(submit.phase());
      else t.failed(submit.phase());
    });
    // Every count and the next jobs first: delivering is the step that may fail.
    drain();
    if (ok) {
      submit.replyTo().tell(finished.result());
    } else {
      getContext().getLog().warn("Idle phase {} of {} failed", submit.phase(), submit.userKey(), finished.failure());
      submit.replyTo().tell(new UserCommand.IdlePhaseRefused(submit.token()));
    }
    return this;
  }

  private void drain() {
    while (running.size() < settings.concurrency() && !queue.isEmpty()) {
      PhaseShares.Started<Job> started = queue.start();
      Job job = started.job();
      Submit submit = job.submit();
      queued.remove(submit.token());
      running.put(submit.token(), new Run(job, started, System.nanoTime()));
      Instant now = clock.instant();
      count(job.tenant(), t -> t.started(submit.phase(), submit.dueAt(), now));
      futures.put(submit.token(), threads.submit(() -> execute(submit)));
    }
  }

  /** Applies one change to the node's figures and to the tenant's. */
  private void count(String tenant, Consumer<PhaseTally> change) {
    change.accept(node);
    change.accept(tenants.changing(tenant, clock.instant()));
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

  private Behavior<GovernorCommand> onTenantStatus(GetTenantStatus get) {
    get.replyTo().tell(tenantStatus(get.tenant()));
    return this;
  }

  GovernorStatus status() {
    tenants.prune(clock.instant());
    String address = getContext().getSystem().address().toString();
    return new GovernorStatus(address, settings.concurrency(), settings.queueCapacity(), peakExecuting.get(),
        tenants.size(), node.status());
  }

  TenantWork tenantStatus(String tenant) {
    tenants.prune(clock.instant());
    PhaseTally none = new PhaseTally(settings.schedule().phases(), clock.instant());
    return new TenantWork(tenants.find(tenant).orElse(none).status());
  }

  private Behavior<GovernorCommand> stop() {
    threads.shutdownNow();
    return this;
  }
}
