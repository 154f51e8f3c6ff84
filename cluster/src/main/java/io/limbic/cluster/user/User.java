package io.limbic.cluster.user;

import io.limbic.analytics.activity.HeartbeatPolicy;
import io.limbic.analytics.events.EventIdWindow;
import io.limbic.analytics.idle.IdleSchedule;
import io.limbic.cluster.idle.IdleRuntime;
import io.limbic.cluster.trace.JournalTrace;
import io.limbic.protocol.Tags;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.HeartbeatAck;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.user.ProductEventsResult.Refused;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.DailyMatchesView;
import io.limbic.protocol.user.IdleView;
import io.limbic.protocol.user.ProfileData;
import io.limbic.analytics.engagement.ChurnRiskAssessment;
import io.limbic.analytics.engagement.EngagementLevel;
import io.limbic.protocol.user.UserCommand.AssessEngagement;
import io.limbic.protocol.user.UserCommand.GetDailyMatches;
import io.limbic.protocol.user.UserCommand.GetProfile;
import io.limbic.protocol.user.UserCommand.GetUser;
import io.limbic.protocol.user.UserCommand.IdlePhaseDone;
import io.limbic.protocol.user.UserCommand.IdlePhaseRefused;
import io.limbic.protocol.user.UserCommand.RecordInteraction;
import io.limbic.protocol.user.UserCommand.RecordMatchAction;
import io.limbic.protocol.user.UserCommand.ReleaseBlock;
import io.limbic.protocol.user.UserCommand.ReserveBlock;
import io.limbic.protocol.user.UserCommand.UpdateProfile;
import io.limbic.protocol.user.UserCommand.WakeForIdlePhases;
import io.limbic.protocol.user.UserCommand.Identify;
import io.limbic.protocol.user.UserCommand.RecordEmotion;
import io.limbic.protocol.user.UserCommand.RecordProductEvents;
import io.limbic.protocol.user.UserCommand.Passivate;
import io.limbic.protocol.user.UserCommand.Erase;
import io.limbic.protocol.user.UserCommand.ForgetPerson;
import io.limbic.protocol.user.UserEvent.PersonForgotten;
import io.limbic.protocol.user.UserEvent.UserErased;
import io.limbic.protocol.user.UserCommand.RecordHeartbeat;
import io.limbic.protocol.user.UserCommand.RecordInterventionDelivery;
import io.limbic.protocol.user.UserCommand.RecordInterventionFeedback;
import io.limbic.protocol.user.UserEvent.InterventionDelivered;
import io.limbic.protocol.user.UserEvent.InterventionFeedbackGiven;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.EmotionObserved;
import io.limbic.protocol.user.UserEvent.Identified;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import io.limbic.protocol.user.UserEvent.IdlePhaseCompleted;
import io.limbic.protocol.user.UserEvent.InteractionRecorded;
import io.limbic.protocol.user.UserEvent.MatchActionRecorded;
import io.limbic.protocol.user.UserEvent.ProfileUpdated;
import io.limbic.protocol.user.UserView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.EventAdapter;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * One person of one tenant: live activity, emotion, value, profile and interactions, and the idle-time phases that
 * learn what they want. Heartbeats are coalesced by {@link HeartbeatPolicy}; the ones not yet persisted live in this
 * incarnation only and are written before passivation. A heartbeat halts any phase work at once.
 */
public final class User extends EventSourcedBehaviorWithEnforcedReplies<UserCommand, UserEvent, UserState> {
  public static final String TAG_PREFIX = UserCommand.ENTITY_TYPE.name();

  private final TenantScopedId id;
  private final UserSettings settings;
  private final Clock clock;
  private final IdlePhases idle;
  private final Escalations escalations;
  private final InterventionDecisions interventions;
  private final JournalTrace<UserEvent> trace = new JournalTrace<>();
  // Acknowledged heartbeats that no event accounts for yet.
  private long unpersisted;
  private Instant unpersistedLatest;
  // Blocks reserved on this user but not yet recorded: "out:<other>" or "in:<other>" -> expiry (System.nanoTime).
  private final java.util.Map<String, Long> blockReservations = new java.util.HashMap<>();

  public static void init(ActorSystem<?> system, UserSettings settings, IdleRuntime idle) {
    ClusterSharding.get(system)
        .init(
            Entity.of(UserCommand.ENTITY_TYPE, ctx -> create(ctx.getEntityId(), settings, idle))
                .withStopMessage(Passivate.INSTANCE));
  }

  public static Behavior<UserCommand> create(String entityId, UserSettings settings, IdleRuntime idle) {
    return create(entityId, settings, idle, Clock.systemUTC());
  }

  /** With a given clock: what the deduplication window and the idle phases measure time by. */
  public static Behavior<UserCommand> create(String entityId, UserSettings settings, IdleRuntime idle, Clock clock) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new User(
                        entityId, settings, idle, clock, timers, ctx.getSelf(), idle.entities().apply(entityId),
                        ctx.getSystem())));
  }

  private User(
      String entityId, UserSettings settings, IdleRuntime runtime, Clock clock, TimerScheduler<UserCommand> timers,
      ActorRef<UserCommand> self, RecipientRef<UserCommand> entity, ActorSystem<?> system) {
    super(
        PersistenceId.of(UserCommand.ENTITY_TYPE.name(), entityId),
        io.limbic.cluster.health.EntityRestarts.onJournalFailure());
    this.id = TenantScopedId.fromEntityId(entityId);
    this.settings = settings;
    this.clock = clock;
    this.idle = new IdlePhases(runtime, timers, self, entity, clock, entityId);
    this.escalations = new Escalations(system);
    this.interventions = new InterventionDecisions(system, id, clock);
  }

  @Override
  public UserState emptyState() {
    return UserState.empty(id.tenant(), id.id());
  }

  @Override
  public CommandHandlerWithReply<UserCommand, UserEvent, UserState> commandHandler() {
    return trace.around(handlers());
  }

  /**
   * One dispatch over the command's type, shared by every command: not Pekko's handler builder, whose 44 cases (the
   * live and the erased handlers) each entity kept as ~4 KB of lambdas and lists (loadtest/RESULTS.md "Cold users
   * and memory per entity").
   */
  private CommandHandlerWithReply<UserCommand, UserEvent, UserState> handlers() {
    return (state, command) -> state.isErased() ? ErasedUser.handle(Effect(), command) : live(state, command);
  }

  private ReplyEffect<UserEvent, UserState> live(UserState state, UserCommand command) {
    if (command instanceof RecordHeartbeat c) return onHeartbeat(state, c);
    if (command instanceof RecordEmotion c) return onEmotion(state, c);
    if (command instanceof WakeForIdlePhases c) return onWake(state, c);
    if (command instanceof IdlePhaseDone c) return onPhaseDone(state, c);
    if (command instanceof IdlePhaseRefused c) return onPhaseRefused(state, c);
    if (command instanceof UserCommand.IdlePhaseHeld c) return onPhaseHeld(state, c);
    if (command instanceof Passivate c) return onPassivate(state, c);
    if (command instanceof Erase c) return onErase(state, c);
    if (command instanceof ForgetPerson c) return onForgetPerson(state, c);
    if (command instanceof Identify c) return onIdentify(state, c);
    if (command instanceof RecordProductEvents c) return onProductEvents(state, c);
    if (command instanceof UpdateProfile c) return onUpdateProfile(state, c);
    if (command instanceof GetProfile c) return onGetProfile(state, c);
    if (command instanceof RecordInteraction c) return onInteraction(state, c);
    if (command instanceof RecordMatchAction c) return onMatchAction(state, c);
    if (command instanceof ReserveBlock c) return onReserveBlock(state, c);
    if (command instanceof ReleaseBlock c) return onReleaseBlock(state, c);
    if (command instanceof GetDailyMatches c) return onGetMatches(state, c);
    if (command instanceof AssessEngagement c) return onAssessEngagement(state, c);
    if (command instanceof GetUser c) return onGetUser(state, c);
    if (command instanceof RecordInterventionDelivery c) return onInterventionDelivery(state, c);
    if (command instanceof RecordInterventionFeedback c) return onInterventionFeedback(state, c);
    return unhandled(command);
  }

  /** As the builder did for a command it had no case for (a new command type not yet handled here). */
  static ReplyEffect<UserEvent, UserState> unhandled(UserCommand command) {
    throw new IllegalArgumentException("no handler for " + command.getClass().getName());
  }

  /**
   * Persists the erasure; the eraser then deletes every earlier event and snapshot. Heartbeats coalesced in memory
   * and idle-phase work are dropped, not written.
   */
  private ReplyEffect<UserEvent, UserState> onErase(UserState state, Erase cmd) {
    idle.halt(state, liveLastActiveAt(state));
    clearUnpersisted();
    blockReservations.clear();
    return Effect().persist(new UserErased(id.tenant(), id.id(), clock.instant()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<UserEvent, UserState> onForgetPerson(UserState state, ForgetPerson cmd) {
    if (!state.isKnown()) return Effect().reply(cmd.replyTo(), StatusReply.ack());
    return Effect().persist(new PersonForgotten(id.tenant(), id.id(), clock.instant(), cmd.otherUserId()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<UserEvent, UserState> onHeartbeat(UserState state, RecordHeartbeat cmd) {
    Instant liveLast = UserState.latest(state.lastActiveAt(), unpersistedLatest);
    boolean halted = idle.halt(state, liveLast);
    String session = cmd.sessionId();
    switch (settings.policy().decide(liveLast, state.lastActiveAt(), cmd.at())) {
      case BECOME_ACTIVE:
        List<UserEvent> events = new ArrayList<>(2);
        // Close the previous period with what it coalesced, so its last activity is not lost.
        if (unpersisted > 0) events.add(recorded(unpersistedLatest, null, unpersisted));
        events.add(new BecameActive(id.tenant(), id.id(), cmd.at(), session, 1));
        return persistAndAck(events, cmd, halted);
      case RECORD:
        Instant at = UserState.latest(cmd.at(), unpersistedLatest);
        return persistAndAck(List.of(recorded(at, session, unpersisted + 1)), cmd, halted);
      default:
        unpersisted++;
        unpersistedLatest = UserState.latest(unpersistedLatest, cmd.at());
        idle.ensureArmed(state, liveLastActiveAt(state));
        return Effect().reply(cmd.replyTo(), StatusReply.success(ack(state, halted)));
    }
  }

  private ReplyEffect<UserEvent, UserState> persistAndAck(List<UserEvent> events, RecordHeartbeat cmd, boolean halted) {
    return Effect()
        .persist(events)
        .thenRun(this::clearUnpersisted)
        .thenRun(s -> idle.ensureArmed(s, liveLastActiveAt(s)))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(ack(s, halted)));
  }

  private ReplyEffect<UserEvent, UserState> onEmotion(UserState state, RecordEmotion cmd) {
    // Sessions deliver at least once: a repeat of an emotion already recorded is acknowledged and changes nothing.
    if (state.hasRecordedEmotion(cmd.emotionId())) return Effect().reply(cmd.replyTo(), StatusReply.ack());
    UserEvent event =
        new EmotionObserved(
            id.tenant(), id.id(), cmd.at(), cmd.sessionId(), cmd.state(), cmd.label(), cmd.confidence(),
            cmd.emotionId(), cmd.url(), cmd.section());
    // Escalation decides from what the user already holds (value, company), so it does not wait for this write:
    // under load the journal queue is the slowest step of rage -> executive notice. A repeat was refused above, and
    // the incident is keyed by the emotion, so a failed write retried by the session opens nothing twice.
    escalations.consider(state, cmd);
    // An intervention decision is persisted in the same write as the emotion.
    List<UserEvent> events = new ArrayList<>(List.of(event));
    events.addAll(interventions.decide(state, cmd));
    return Effect().persist(events)
        .thenRun(s -> interventions.decided(events))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<UserEvent, UserState> onIdentify(UserState state, Identify cmd) {
    UserEvent event =
        new Identified(
            id.tenant(), id.id(), cmd.at(), cmd.sessionId(), cmd.anonymousId(), cmd.emailDomain(), cmd.company());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  /**
   * Records the events whose ids this user has not recorded within the deduplication window, all in one
   * {@link ProductEventsRecorded}. When the window's cap is reached the rest are refused (and change nothing):
   * forgetting ids still in the window to make room would let a retry count twice.
   */
  private ReplyEffect<UserEvent, UserState> onProductEvents(UserState state, RecordProductEvents cmd) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(settings.eventIdWindow());
    EventIdWindow ids = state.eventIds();
    int room = settings.maxEventIdsInWindow() - ids.countSince(cutoff.toEpochMilli());
    List<ProductEvent> fresh = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    Set<Long> taken = new HashSet<>();
    Set<String> newCurrencies = new HashSet<>();
    int duplicates = 0;
    for (int i = 0; i < cmd.events().size(); i++) {
      ProductEvent e = cmd.events().get(i);
      long hash = EventIdWindow.hash(e.id());
      boolean valued = e.amount() != null && ProductEvent.valueSign(e.type()) != 0;
      if (ids.contains(hash) || taken.contains(hash)) {
        duplicates++;
      } else if (fresh.size() >= room) {
        refused.add(new Refused(i, ProductEventsResult.ID_WINDOW_FULL));
      } else if (valued && !newCurrencies.contains(e.currency())
          && !state.holdsOrHasRoomFor(e.currency(), newCurrencies.size())) {
        refused.add(new Refused(i, ProductEventsResult.CURRENCY_LIMIT));
      } else {
        if (valued && !state.lifetimeValue().containsKey(e.currency())) newCurrencies.add(e.currency());
        taken.add(hash);
        fresh.add(e);
      }
    }
    ProductEventsResult result = new ProductEventsResult(fresh.size(), duplicates, refused);
    if (fresh.isEmpty()) return Effect().reply(cmd.replyTo(), StatusReply.success(result));
    UserEvent recorded = new ProductEventsRecorded(id.tenant(), id.id(), now, List.copyOf(fresh), cutoff);
    List<UserEvent> events = new ArrayList<>(List.of(recorded));
    events.addAll(interventions.outcomes(state, fresh, now));
    return Effect().persist(events).thenRun(s -> interventions.attributed(events))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(result));
  }

  /**
   * Scores the user's own history now and persists a change of engagement level, if there is one. Nothing is
   * persisted for an unknown user, a cause already assessed, or a level that holds.
   */
  private ReplyEffect<UserEvent, UserState> onAssessEngagement(UserState state, AssessEngagement cmd) {
    if (!state.isKnown() || EngagementChanges.alreadyAssessed(state.engagement(), persistenceId().id(), cmd.cause())) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    Instant now = clock.instant();
    ChurnRiskAssessment assessment =
        settings.churnRisk().assess(state.engagementFacts(), liveLastActiveAt(state), now);
    java.util.Optional<EngagementLevel> change =
        settings.engagementThresholds().change(EngagementChanges.level(state.engagement()), assessment.score());
    if (change.isEmpty()) return Effect().reply(cmd.replyTo(), StatusReply.ack());
    UserEvent event = EngagementChanges.event(change.get(), id.tenant(), id.id(), now, assessment, cmd.cause());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  /** A delivery already recorded as delivered is acknowledged and persists nothing (the agent delivers at least once). */
  private ReplyEffect<UserEvent, UserState> onInterventionDelivery(UserState state, RecordInterventionDelivery cmd) {
    InterventionState.Entry entry = state.interventions().entry(cmd.decisionId());
    if (entry != null && entry.delivered()) return Effect().reply(cmd.replyTo(), StatusReply.ack());
    UserEvent event = new InterventionDelivered(id.tenant(), id.id(), clock.instant(), cmd.decisionId(),
        cmd.channel(), cmd.delivered(), cmd.detail());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<UserEvent, UserState> onInterventionFeedback(UserState state, RecordInterventionFeedback cmd) {
    UserEvent event = new InterventionFeedbackGiven(id.tenant(), id.id(), clock.instant(), cmd.decisionId(),
        cmd.falsePositive(), cmd.note());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<UserEvent, UserState> onGetUser(UserState state, GetUser cmd) {
    if (!state.isKnown()) return Effect().reply(cmd.replyTo(), StatusReply.error("unknown user"));
    UserView view =
        new UserView(
            id.id(),
            liveLastActiveAt(state),
            state.activeSince(),
            state.heartbeats() + unpersisted,
            state.emotion(),
            state.lifetimeValue(),
            state.company(),
            idleView(state),
            state.engagement());
    return Effect().reply(cmd.replyTo(), StatusReply.success(view));
  }

  private IdleView idleView(UserState state) {
    Instant idleSince = liveLastActiveAt(state);
    MatchingState m = state.matching();
    return new IdleView(idleSince, m.completedFor(idleSince), idle.inFlightPhase(),
        PhaseResultView.byPhase(id.id(), m.phaseResults()));
  }

  private ReplyEffect<UserEvent, UserState> onUpdateProfile(UserState state, UpdateProfile cmd) {
    return Effect()
        .persist(new ProfileUpdated(id.tenant(), id.id(), clock.instant(), cmd.profile()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(ProfileViews.of(s.matching().profile())));
  }

  private ReplyEffect<UserEvent, UserState> onGetProfile(UserState state, GetProfile cmd) {
    ProfileData profile = state.matching().profile();
    if (profile == null) return Effect().reply(cmd.replyTo(), StatusReply.error("no profile"));
    return Effect().reply(cmd.replyTo(), StatusReply.success(ProfileViews.of(profile)));
  }

  private ReplyEffect<UserEvent, UserState> onInteraction(UserState state, RecordInteraction cmd) {
    if (state.matching().hasInteraction(cmd.interaction().id())) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    UserEvent event =
        new InteractionRecorded(id.tenant(), id.id(), clock.instant(), cmd.interaction(), cmd.outgoing());
    String other = cmd.outgoing() ? cmd.interaction().to() : cmd.interaction().from();
    // Only the block itself uses up its reservation; another interaction between the same two (a view) does not.
    boolean block = cmd.interaction().type().equals("block");
    return Effect()
        .persist(event)
        .thenRun(s -> {
          if (block) blockReservations.remove(reservationKey(other, cmd.outgoing()));
        })
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  /**
   * A place for one more block that way, counting blocks held and places reserved; a reservation lapses after twice
   * the ask timeout (the route that asked for it has given up by then).
   */
  private ReplyEffect<UserEvent, UserState> onReserveBlock(UserState state, ReserveBlock cmd) {
    Set<String> held = cmd.outgoing() ? state.matching().blockedByMe() : state.matching().blockedMe();
    if (held.contains(cmd.other())) return Effect().reply(cmd.replyTo(), StatusReply.ack());
    long now = System.nanoTime();
    blockReservations.values().removeIf(expiry -> expiry - now < 0);
    String key = reservationKey(cmd.other(), cmd.outgoing());
    String side = key.substring(0, key.indexOf(':') + 1);
    long reserved = blockReservations.keySet().stream().filter(k -> k.startsWith(side) && !k.equals(key)).count();
    if (held.size() + reserved >= settings.maxBlocks()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(ReserveBlock.BLOCK_LIMIT));
    }
    blockReservations.put(key, now + settings.askTimeout().multipliedBy(2).toNanos());
    return Effect().reply(cmd.replyTo(), StatusReply.ack());
  }

  private ReplyEffect<UserEvent, UserState> onReleaseBlock(UserState state, ReleaseBlock cmd) {
    blockReservations.remove(reservationKey(cmd.other(), cmd.outgoing()));
    return Effect().noReply();
  }

  private static String reservationKey(String other, boolean outgoing) {
    return (outgoing ? "out:" : "in:") + other;
  }

  private ReplyEffect<UserEvent, UserState> onMatchAction(UserState state, RecordMatchAction cmd) {
    boolean known = state.matching().dailyMatches().stream().anyMatch(d -> d.matchId().equals(cmd.matchId()));
    if (!known) return Effect().reply(cmd.replyTo(), StatusReply.error("no such match"));
    // One action of each kind per match: a repeat is acknowledged and persists nothing.
    if (state.matching().hasAction(cmd.matchId(), cmd.action())) return Effect().reply(cmd.replyTo(), StatusReply.ack());
    UserEvent event =
        new MatchActionRecorded(id.tenant(), id.id(), clock.instant(), cmd.matchId(), cmd.candidateId(), cmd.action());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<UserEvent, UserState> onGetMatches(UserState state, GetDailyMatches cmd) {
    MatchingState m = state.matching();
    List<DailyMatch> visible = m.dailyMatches().stream().filter(d -> !m.isHidden(d.userId())).toList();
    return Effect().reply(cmd.replyTo(), StatusReply.success(new DailyMatchesView(m.matchesGeneratedAt(), visible)));
  }

  private ReplyEffect<UserEvent, UserState> onWake(UserState state, WakeForIdlePhases wake) {
    idle.wake(state, liveLastActiveAt(state));
    return Effect().noReply();
  }

  private ReplyEffect<UserEvent, UserState> onPhaseDone(UserState state, IdlePhaseDone done) {
    // A result for an idle period that has ended, or of a halted job, is dropped: nothing of it is persisted.
    Instant idleSince = liveLastActiveAt(state);
    if (!idle.accept(done, idleSince, state.matching().completedFor(idleSince))) return Effect().noReply();
    // A block or decision acknowledged while the phase ran holds: that person is not among the matches.
    List<DailyMatch> matches =
        done.matches().stream().filter(d -> !state.matching().isHidden(d.userId())).toList();
    UserEvent event =
        new IdlePhaseCompleted(id.tenant(), id.id(), clock.instant(), done.idleSince(), done.phase(),
            IdleSchedule.name(done.phase()), done.result(), matches, done.candidatesConsidered());
    return Effect().persist(event).thenRun(s -> idle.wake(s, liveLastActiveAt(s))).thenNoReply();
  }

  private ReplyEffect<UserEvent, UserState> onPhaseRefused(UserState state, IdlePhaseRefused refused) {
    idle.refused(refused.token());
    return Effect().noReply();
  }

  private ReplyEffect<UserEvent, UserState> onPhaseHeld(UserState state, UserCommand.IdlePhaseHeld held) {
    idle.held(held.token(), held.heldToken());
    return Effect().noReply();
  }

  private ReplyEffect<UserEvent, UserState> onPassivate(UserState state, Passivate cmd) {
    if (unpersisted == 0) return Effect().stop().thenNoReply();
    return Effect().persist(recorded(unpersistedLatest, null, unpersisted)).thenStop().thenNoReply();
  }

  private HeartbeatRecorded recorded(Instant at, String sessionId, long heartbeats) {
    return new HeartbeatRecorded(id.tenant(), id.id(), at, sessionId, heartbeats);
  }

  private void clearUnpersisted() {
    unpersisted = 0;
    unpersistedLatest = null;
  }

  private HeartbeatAck ack(UserState state, boolean halted) {
    return new HeartbeatAck(id.id(), liveLastActiveAt(state), state.activeSince(), halted);
  }

  private Instant liveLastActiveAt(UserState state) {
    return UserState.latest(state.lastActiveAt(), unpersistedLatest);
  }

  @Override
  public EventHandler<UserState, UserEvent> eventHandler() {
    return EVENTS;
  }

  private static final EventHandler<UserState, UserEvent> EVENTS = UserState::apply;

  /** Stores each command's trace as the metadata of the events it persists. */
  @Override
  public EventAdapter<UserEvent, ?> eventAdapter() {
    return trace;
  }

  @Override
  public Set<String> tagsFor(UserEvent event) {
    return Set.of(Tags.forEntity(TAG_PREFIX, id.entityId()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }
}
