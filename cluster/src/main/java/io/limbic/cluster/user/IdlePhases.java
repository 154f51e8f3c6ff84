package io.limbic.cluster.user;

import io.limbic.analytics.idle.IdleSchedule;
import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.IdleRuntime;
import io.limbic.cluster.idle.PhaseInput;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.IdlePhaseDone;
import io.limbic.protocol.user.UserCommand.WakeForIdlePhases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One user's idle-time phases in this incarnation of the entity: which job is in flight, and the timer for the next
 * phase. Nothing here is persisted: after passivation or a crash the cluster-wide sweeper wakes the entity, and the
 * persisted {@link MatchingState} says which phases of the idle period are already done.
 */
final class IdlePhases {
  private static final Object TIMER = "idle-phase";

  private final IdleRuntime runtime;
  private final TimerScheduler<UserCommand> timers;
  private final ActorRef<UserCommand> self;
  private final RecipientRef<UserCommand> entity;
  private final Clock clock;
  private final String userKey;
  private long inFlight;
  // Halted in this incarnation: their results are dropped even if the idle period did not move. The newest
  // MAX_HALTED: a job whose result never comes (the governor cancels halted jobs) is not remembered for ever; the
  // result of an older one is still dropped once the idle period has moved, as a heartbeat moves it.
  static final int MAX_HALTED = 64;
  private final Set<Long> halted = new LinkedHashSet<>();
  private int inFlightPhase;
  // Until this incarnation's first halt: an earlier incarnation may have left a job waiting, on any node.
  private boolean mayHaveUnknownJobs = true;
  // Refusals of this user's job since one was last taken (while above 0, the timer is the one to offer it again).
  private int refusalsInARow;

  IdlePhases(IdleRuntime runtime, TimerScheduler<UserCommand> timers, ActorRef<UserCommand> self,
      RecipientRef<UserCommand> entity, Clock clock, String userKey) {
    this.runtime = runtime;
    this.timers = timers;
    this.self = self;
    this.entity = entity;
    this.clock = clock;
    this.userKey = userKey;
  }

  int inFlightPhase() {
    return inFlight == 0 ? 0 : inFlightPhase;
  }

  /**
   * The user is back after the idle period that began at {@code idleSince}: drop or interrupt the job in flight.
   * True if this incarnation had one. At its first halt, if a phase of that idle period was due (so a job of an
   * earlier incarnation may wait, on any node), every governor is asked to cancel the user's jobs.
   */
  boolean halt(UserState state, Instant idleSince) {
    boolean unknown = mayHaveUnknownJobs;
    mayHaveUnknownJobs = false;
    takenOrDropped();
    if (inFlight != 0) {
      runtime.governor().tell(new GovernorCommand.Cancel(inFlight));
      remember(inFlight);
      inFlight = 0;
      return true;
    }
    if (unknown && idleSince != null && runtime.settings().schedule()
        .dueNow(idleSince, state.matching().completedFor(idleSince), clock.instant()).isPresent()) {
      runtime.governor().tell(new GovernorCommand.CancelUser(userKey, true));
    }
    return false;
  }

  /** The governor already held the work offered as {@code token}, as {@code heldToken}: wait for that one. */
  void held(long token, long heldToken) {
    if (halted.remove(token)) {
      // Halted before the answer came: the held job is this user's too, and they are back.
      runtime.governor().tell(new GovernorCommand.Cancel(heldToken));
      remember(heldToken);
      return;
    }
    if (token == inFlight) {
      inFlight = heldToken;
      takenOrDropped();
    }
  }

  /**
   * Offers the phase that has fallen due for the idle period that began at {@code idleSince} to the governor, or
   * arms the timer for the next one. A late or duplicate wake-up finds the phase done or in flight and does nothing.
   */
  void wake(UserState state, Instant idleSince) {
    if (idleSince == null || inFlight != 0) return;
    // Waiting after a refusal: a wake-up from the sweeper does not offer the job sooner, the timer offers it then.
    if (refusalsInARow > 0 && timers.isTimerActive(TIMER)) return;
    Instant now = clock.instant();
    IdleSchedule schedule = runtime.settings().schedule();
    int completed = state.matching().completedFor(idleSince);
    OptionalInt due = schedule.dueNow(idleSince, completed, now);
    if (due.isEmpty()) {
      arm(schedule.nextDueAt(idleSince, completed), now);
      return;
    }
    int phase = due.getAsInt();
    inFlight = newToken();
    inFlightPhase = phase;
    PhaseInput input = new PhaseInput(inFlight, state.tenant(), state.userId(), phase, idleSince, now, state.matching());
    runtime.governor().tell(
        new GovernorCommand.Submit(inFlight, userKey, phase, idleSince, state.value(), schedule.dueAt(idleSince, phase),
            runtime.runner().job(input), entity));
  }

  /** Whether a finished job is the one in flight (else it was halted, and its result is dropped). */
  boolean accept(IdlePhaseDone done, Instant idleSince, int completed) {
    if (halted.remove(done.token())) return false;
    if (done.token() == inFlight) {
      inFlight = 0;
      takenOrDropped();
      return done.idleSince().equals(idleSince);
    }
    // Submitted by an earlier incarnation (the entity was passivated while the job waited): still good if it is the
    // next phase of the idle period that is still going on, and nothing else is in flight.
    return inFlight == 0 && done.idleSince().equals(idleSince) && done.phase() == completed + 1;
  }

  /**
   * The governor had no room, or the job failed: offer it again after a pause that grows with each refusal in a row
   * ({@link io.limbic.analytics.idle.RefusalBackoff}).
   */
  void refused(long token) {
    if (token != inFlight) return;
    inFlight = 0;
    refusalsInARow++;
    Duration wait = runtime.settings().refusalBackoff().after(refusalsInARow, ThreadLocalRandom.current().nextDouble());
    timers.startSingleTimer(TIMER, WakeForIdlePhases.INSTANCE, wait);
  }

  /** A job was taken (held or finished by the governor) or the user is back: the next refusal waits the least. */
  private void takenOrDropped() {
    refusalsInARow = 0;
  }

  /**
   * After new activity. A timer already armed is left alone even though the idle period moved: when it fires, the
   * wake-up finds the phase not yet due and arms it for the right time. So heartbeats cost no timer work.
   */
  void ensureArmed(UserState state, Instant idleSince) {
    if (timers.isTimerActive(TIMER)) return;
    arm(runtime.settings().schedule().nextDueAt(idleSince, state.matching().completedFor(idleSince)), clock.instant());
  }

  private void remember(long haltedToken) {
    halted.add(haltedToken);
    if (halted.size() > MAX_HALTED) halted.remove(halted.iterator().next());
  }

  /** Halted tokens remembered (tests: the bound). */
  int haltedRemembered() {
    return halted.size();
  }

  /** Unique across users and incarnations, so that the governor never mistakes one user's job for another's. */
  private static long newToken() {
    long token;
    do {
      token = ThreadLocalRandom.current().nextLong();
    } while (token == 0);
    return token;
  }

  private void arm(Optional<Instant> dueAt, Instant now) {
    if (dueAt.isEmpty()) return;
    Duration delay = Duration.between(now, dueAt.get());
    timers.startSingleTimer(TIMER, WakeForIdlePhases.INSTANCE, delay.isNegative() ? Duration.ZERO : delay);
  }
}
