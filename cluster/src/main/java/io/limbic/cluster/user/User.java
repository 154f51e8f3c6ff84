package io.limbic.cluster.user;

import io.limbic.analytics.activity.HeartbeatPolicy;
import io.limbic.protocol.Tags;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.HeartbeatAck;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.user.UserCommand.GetUser;
import io.limbic.protocol.user.UserCommand.Identify;
import io.limbic.protocol.user.UserCommand.RecordEmotion;
import io.limbic.protocol.user.UserCommand.RecordProductEvents;
import io.limbic.protocol.user.UserCommand.Passivate;
import io.limbic.protocol.user.UserCommand.RecordHeartbeat;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.EmotionObserved;
import io.limbic.protocol.user.UserEvent.Identified;
import io.limbic.protocol.user.UserEvent.ProductEventRecorded;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import io.limbic.protocol.user.UserView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * One person of one tenant: their live activity. Heartbeats are coalesced by {@link HeartbeatPolicy}; the ones not
 * yet persisted live in this incarnation only and are written before passivation.
 */
public final class User extends EventSourcedBehaviorWithEnforcedReplies<UserCommand, UserEvent, UserState> {
  public static final String TAG_PREFIX = UserCommand.ENTITY_TYPE.name();

  private final TenantScopedId id;
  private final UserSettings settings;
  // Acknowledged heartbeats that no event accounts for yet.
  private long unpersisted;
  private Instant unpersistedLatest;

  public static void init(ActorSystem<?> system, UserSettings settings) {
    ClusterSharding.get(system)
        .init(
            Entity.of(UserCommand.ENTITY_TYPE, ctx -> create(ctx.getEntityId(), settings))
                .withStopMessage(Passivate.INSTANCE));
  }

  public static Behavior<UserCommand> create(String entityId, UserSettings settings) {
    return new User(entityId, settings);
  }

  private User(String entityId, UserSettings settings) {
    super(
        PersistenceId.of(UserCommand.ENTITY_TYPE.name(), entityId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
    this.id = TenantScopedId.fromEntityId(entityId);
    this.settings = settings;
  }

  @Override
  public UserState emptyState() {
    return UserState.empty(id.tenant(), id.id());
  }

  @Override
  public CommandHandlerWithReply<UserCommand, UserEvent, UserState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(RecordHeartbeat.class, this::onHeartbeat)
        .onCommand(RecordEmotion.class, this::onEmotion)
        .onCommand(Identify.class, this::onIdentify)
        .onCommand(RecordProductEvents.class, this::onProductEvents)
        .onCommand(GetUser.class, this::onGetUser)
        .onCommand(Passivate.class, this::onPassivate)
        .build();
  }

  private ReplyEffect<UserEvent, UserState> onHeartbeat(UserState state, RecordHeartbeat cmd) {
    Instant liveLast = UserState.latest(state.lastActiveAt(), unpersistedLatest);
    String session = cmd.sessionId();
    switch (settings.policy().decide(liveLast, state.lastActiveAt(), cmd.at())) {
      case BECOME_ACTIVE:
        List<UserEvent> events = new ArrayList<>(2);
        // Close the previous period with what it coalesced, so its last activity is not lost.
        if (unpersisted > 0) events.add(recorded(unpersistedLatest, null, unpersisted));
        events.add(new BecameActive(id.tenant(), id.id(), cmd.at(), session, 1));
        return persistAndAck(events, cmd);
      case RECORD:
        Instant at = UserState.latest(cmd.at(), unpersistedLatest);
        return persistAndAck(List.of(recorded(at, session, unpersisted + 1)), cmd);
      default:
        unpersisted++;
        unpersistedLatest = UserState.latest(unpersistedLatest, cmd.at());
        return Effect().reply(cmd.replyTo(), StatusReply.success(ack(state)));
    }
  }

  private ReplyEffect<UserEvent, UserState> persistAndAck(List<UserEvent> events, RecordHeartbeat cmd) {
    return Effect()
        .persist(events)
        .thenRun(this::clearUnpersisted)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(ack(s)));
  }

  private ReplyEffect<UserEvent, UserState> onEmotion(UserState state, RecordEmotion cmd) {
    UserEvent event =
        new EmotionObserved(
            id.tenant(), id.id(), cmd.at(), cmd.sessionId(), cmd.state(), cmd.label(), cmd.confidence());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<UserEvent, UserState> onIdentify(UserState state, Identify cmd) {
    UserEvent event =
        new Identified(
            id.tenant(), id.id(), cmd.at(), cmd.sessionId(), cmd.anonymousId(), cmd.emailDomain(), cmd.company());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<UserEvent, UserState> onProductEvents(UserState state, RecordProductEvents cmd) {
    List<UserEvent> fresh = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ProductEvent e : cmd.events()) {
      if (state.hasRecorded(e.id()) || !seen.add(e.id())) continue;
      fresh.add(new ProductEventRecorded(id.tenant(), id.id(), e.at(), e.id(), e.type(), e.amount(), e.currency()));
    }
    ProductEventsResult result = new ProductEventsResult(fresh.size(), cmd.events().size() - fresh.size());
    if (fresh.isEmpty()) return Effect().reply(cmd.replyTo(), StatusReply.success(result));
    return Effect().persist(fresh).thenReply(cmd.replyTo(), s -> StatusReply.success(result));
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
            state.company());
    return Effect().reply(cmd.replyTo(), StatusReply.success(view));
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

  private HeartbeatAck ack(UserState state) {
    return new HeartbeatAck(id.id(), liveLastActiveAt(state), state.activeSince(), false);
  }

  private Instant liveLastActiveAt(UserState state) {
    return UserState.latest(state.lastActiveAt(), unpersistedLatest);
  }

  @Override
  public EventHandler<UserState, UserEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(UserState::apply);
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
