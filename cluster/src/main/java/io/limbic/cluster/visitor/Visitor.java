package io.limbic.cluster.visitor;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.visitor.VisitorCommand;
import io.limbic.protocol.visitor.VisitorCommand.DeliveryFailed;
import io.limbic.protocol.visitor.VisitorCommand.HeldEventsDelivered;
import io.limbic.protocol.visitor.VisitorCommand.Link;
import io.limbic.protocol.visitor.VisitorCommand.RecordProductEvents;
import io.limbic.protocol.visitor.VisitorCommand.RetryDelivery;
import io.limbic.protocol.visitor.VisitorEvent;
import io.limbic.protocol.visitor.VisitorEvent.EventsHeld;
import io.limbic.protocol.visitor.VisitorEvent.HeldEventsHandedOver;
import io.limbic.protocol.visitor.VisitorEvent.LinkedToUser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * An anonymous visitor of one tenant. Product events sent under its anonymous id are persisted here until an
 * identify links it to a user; then they are handed over (at least once: the user entity ignores ids it has seen)
 * and later events are forwarded straight to the user.
 */
public final class Visitor
    extends EventSourcedBehaviorWithEnforcedReplies<VisitorCommand, VisitorEvent, Visitor.State> {
  private static final Duration RETRY = Duration.ofSeconds(5);

  /** The linked user, if any, and the events not yet handed over. */
  public record State(String userId, List<ProductEvent> held) implements CborSerializable {
    State apply(VisitorEvent event) {
      if (event instanceof EventsHeld e) {
        List<ProductEvent> all = new ArrayList<>(held);
        all.addAll(e.events());
        return new State(userId, List.copyOf(all));
      }
      if (event instanceof LinkedToUser e) return new State(e.userId(), held);
      int handed = ((HeldEventsHandedOver) event).count();
      return new State(userId, List.copyOf(held.subList(Math.min(handed, held.size()), held.size())));
    }
  }

  private final ActorContext<VisitorCommand> context;
  private final TenantScopedId id;
  private final Duration askTimeout;
  private final Clock clock = Clock.systemUTC();
  private boolean delivering;

  public static void init(ActorSystem<?> system, Duration askTimeout) {
    ClusterSharding.get(system)
        .init(Entity.of(VisitorCommand.ENTITY_TYPE, ctx -> create(ctx.getEntityId(), askTimeout)));
  }

  public static Behavior<VisitorCommand> create(String entityId, Duration askTimeout) {
    return Behaviors.setup(ctx -> new Visitor(ctx, TenantScopedId.fromEntityId(entityId), askTimeout));
  }

  private Visitor(ActorContext<VisitorCommand> context, TenantScopedId id, Duration askTimeout) {
    super(
        PersistenceId.of(VisitorCommand.ENTITY_TYPE.name(), id.entityId()),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
    this.context = context;
    this.id = id;
    this.askTimeout = askTimeout;
  }

  @Override
  public State emptyState() {
    return new State(null, List.of());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::handOver).build();
  }

  @Override
  public CommandHandlerWithReply<VisitorCommand, VisitorEvent, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(RecordProductEvents.class, this::onRecord)
        .onCommand(Link.class, this::onLink)
        .onCommand(HeldEventsDelivered.class, this::onDelivered)
        .onCommand(DeliveryFailed.class, this::onDeliveryFailed)
        .onCommand(RetryDelivery.class, this::onRetry)
        .build();
  }

  private ReplyEffect<VisitorEvent, State> onRecord(State state, RecordProductEvents cmd) {
    if (state.userId() != null) {
      // Linked: the user entity answers the caller itself.
      user(state.userId()).tell(new UserCommand.RecordProductEvents(cmd.events(), cmd.replyTo()));
      return Effect().noReply();
    }
    ProductEventsResult held = new ProductEventsResult(cmd.events().size(), 0);
    return Effect()
        .persist(new EventsHeld(id.tenant(), id.id(), clock.instant(), cmd.events()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(held));
  }

  private ReplyEffect<VisitorEvent, State> onLink(State state, Link cmd) {
    if (cmd.userId().equals(state.userId())) return Effect().reply(cmd.replyTo(), StatusReply.ack());
    if (state.userId() != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("anonymousId is already linked to another user"));
    }
    return Effect()
        .persist(new LinkedToUser(id.tenant(), id.id(), clock.instant(), cmd.userId()))
        .thenRun(this::handOver)
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<VisitorEvent, State> onDelivered(State state, HeldEventsDelivered cmd) {
    delivering = false;
    return Effect()
        .persist(new HeldEventsHandedOver(id.tenant(), id.id(), clock.instant(), cmd.count()))
        .thenRun(this::handOver)
        .thenNoReply();
  }

  private ReplyEffect<VisitorEvent, State> onDeliveryFailed(State state, DeliveryFailed failed) {
    context.scheduleOnce(RETRY, context.getSelf(), RetryDelivery.INSTANCE);
    return Effect().noReply();
  }

  private ReplyEffect<VisitorEvent, State> onRetry(State state, RetryDelivery retry) {
    delivering = false;
    handOver(state);
    return Effect().noReply();
  }

  private void handOver(State state) {
    if (state.userId() == null || state.held().isEmpty() || delivering) return;
    delivering = true;
    List<ProductEvent> batch = state.held();
    context.pipeToSelf(
        user(state.userId())
            .<ProductEventsResult>askWithStatus(
                replyTo -> new UserCommand.RecordProductEvents(batch, replyTo), askTimeout),
        (ok, failure) -> failure == null ? new HeldEventsDelivered(batch.size()) : DeliveryFailed.INSTANCE);
  }

  private EntityRef<UserCommand> user(String userId) {
    return ClusterSharding.get(context.getSystem())
        .entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(id.tenant(), userId).entityId());
  }

  @Override
  public EventHandler<State, VisitorEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }
}
