package io.limbic.cluster.visitor;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.Tags;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.user.ProductEventsResult.Refused;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.visitor.VisitorCommand;
import io.limbic.protocol.visitor.VisitorCommand.DeliveryFailed;
import io.limbic.protocol.visitor.VisitorCommand.Erase;
import io.limbic.protocol.visitor.VisitorCommand.HeldEventsDelivered;
import io.limbic.protocol.visitor.VisitorCommand.Link;
import io.limbic.protocol.visitor.VisitorCommand.RecordProductEvents;
import io.limbic.protocol.visitor.VisitorCommand.RetryDelivery;
import io.limbic.protocol.visitor.VisitorEvent;
import io.limbic.protocol.visitor.VisitorEvent.EventsHeld;
import io.limbic.protocol.visitor.VisitorEvent.HeldEventsHandedOver;
import io.limbic.protocol.visitor.VisitorEvent.LinkedToUser;
import io.limbic.protocol.visitor.VisitorEvent.VisitorErased;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;
import io.limbic.cluster.trace.JournalTrace;
import org.apache.pekko.persistence.typed.EventAdapter;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * An anonymous visitor of one tenant. Product events sent under its anonymous id are persisted here, at most
 * {@link VisitorSettings#maxHeldEvents} distinct ones, until an identify links it to a user; then they are handed
 * over and later events are forwarded straight to the user.
 *
 * <p>The hand-over goes in chunks of {@link VisitorSettings#handoverChunk}, one at a time: a chunk is persisted as
 * handed over only once the user acknowledged it, and a chunk that failed or timed out is sent again unchanged
 * after a growing pause. A retry can therefore only repeat events the user has just seen, whose ids its
 * deduplication window recognises; and each step is small, so the user answers other commands (the identify
 * itself) between chunks instead of after one ask of everything.
 */
public final class Visitor
    extends EventSourcedBehaviorWithEnforcedReplies<VisitorCommand, VisitorEvent, Visitor.State> {

  /**
   * The linked user, if any, and the events not yet handed over, oldest first; {@code erasedAt} once the person
   * was erased (the visitor then holds nothing and refuses writes), null before.
   */
  public record State(String userId, List<ProductEvent> held, Instant erasedAt) implements CborSerializable {
    boolean isErased() {
      return erasedAt != null;
    }

    State apply(VisitorEvent event) {
      if (event instanceof EventsHeld e) {
        List<ProductEvent> all = new ArrayList<>(held);
        all.addAll(e.events());
        return new State(userId, List.copyOf(all), erasedAt);
      }
      if (event instanceof LinkedToUser e) return new State(e.userId(), held, erasedAt);
      if (event instanceof VisitorErased e) return new State(null, List.of(), e.at());
      int handed = ((HeldEventsHandedOver) event).count();
      return new State(userId, List.copyOf(held.subList(Math.min(handed, held.size()), held.size())), erasedAt);
    }
  }

  private final JournalTrace<VisitorEvent> trace = new JournalTrace<>();
  private final ActorContext<VisitorCommand> context;
  private final TenantScopedId id;
  private final VisitorSettings settings;
  private final Clock clock = Clock.systemUTC();
  // A chunk is out (or waiting for its retry): at most one at a time, so the head of `held` is what is in flight.
  private boolean delivering;
  private int failures;

  public static void init(ActorSystem<?> system, VisitorSettings settings) {
    ClusterSharding.get(system)
        .init(Entity.of(VisitorCommand.ENTITY_TYPE, ctx -> create(ctx.getEntityId(), settings)));
  }

  public static Behavior<VisitorCommand> create(String entityId, VisitorSettings settings) {
    return Behaviors.setup(ctx -> new Visitor(ctx, TenantScopedId.fromEntityId(entityId), settings));
  }

  private Visitor(ActorContext<VisitorCommand> context, TenantScopedId id, VisitorSettings settings) {
    super(
        PersistenceId.of(VisitorCommand.ENTITY_TYPE.name(), id.entityId()),
        io.limbic.cluster.health.EntityRestarts.onJournalFailure());
    this.context = context;
    this.id = id;
    this.settings = settings;
  }

  @Override
  public State emptyState() {
    return new State(null, List.of(), null);
  }

  /** A visitor's events on one of the fixed tags, like a user's: forensics and agents follow anonymous visitors. */
  @Override
  public Set<String> tagsFor(VisitorEvent event) {
    return Set.of(Tags.forEntity(VisitorCommand.ENTITY_TYPE.name(), id.entityId()));
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::handOver).build();
  }

  @Override
  public CommandHandlerWithReply<VisitorCommand, VisitorEvent, State> commandHandler() {
    return trace.around(handlers());
  }

  /** Stores each command's trace as the metadata of the events it persists. */
  @Override
  public EventAdapter<VisitorEvent, ?> eventAdapter() {
    return trace;
  }

  private CommandHandlerWithReply<VisitorCommand, VisitorEvent, State> handlers() {
    CommandHandlerWithReply<VisitorCommand, VisitorEvent, State> erased = erasedHandlers();
    CommandHandlerWithReply<VisitorCommand, VisitorEvent, State> live = liveHandlers();
    return (state, command) -> state.isErased() ? erased.apply(state, command) : live.apply(state, command);
  }

  /**
   * An erased person's anonymous id: every write is refused with {@link UserCommand#ERASED} (the API answers 410),
   * so it never holds their events again; a repeated erasure is acknowledged and the hand-over has stopped.
   */
  private CommandHandlerWithReply<VisitorCommand, VisitorEvent, State> erasedHandlers() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Erase.class, c -> Effect().reply(c.replyTo(), StatusReply.ack()))
        .onCommand(RecordProductEvents.class, c -> Effect().reply(c.replyTo(), StatusReply.error(UserCommand.ERASED)))
        .onCommand(Link.class, c -> Effect().reply(c.replyTo(), StatusReply.error(UserCommand.ERASED)))
        .onCommand(HeldEventsDelivered.class, c -> Effect().noReply())
        .onCommand(DeliveryFailed.class, c -> Effect().noReply())
        .onCommand(RetryDelivery.class, c -> Effect().noReply())
        .build();
  }

  private CommandHandlerWithReply<VisitorCommand, VisitorEvent, State> liveHandlers() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Erase.class, this::onErase)
        .onCommand(RecordProductEvents.class, this::onRecord)
        .onCommand(Link.class, this::onLink)
        .onCommand(HeldEventsDelivered.class, this::onDelivered)
        .onCommand(DeliveryFailed.class, this::onDeliveryFailed)
        .onCommand(RetryDelivery.class, this::onRetry)
        .build();
  }

  /**
   * Holds the events whose ids are not held yet, while the hold has room; the others are duplicates or refused
   * ({@link ProductEventsResult#HOLD_FULL}), and a refused event changes nothing.
   */
  private ReplyEffect<VisitorEvent, State> onRecord(State state, RecordProductEvents cmd) {
    if (state.userId() != null) {
      // Linked: the user entity answers the caller itself.
      user(state.userId()).tell(new UserCommand.RecordProductEvents(cmd.events(), cmd.trace(), cmd.replyTo()));
      return Effect().noReply();
    }
    Set<String> ids = new HashSet<>();
    for (ProductEvent e : state.held()) ids.add(e.id());
    int room = settings.maxHeldEvents() - state.held().size();
    List<ProductEvent> fresh = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    int duplicates = 0;
    for (int i = 0; i < cmd.events().size(); i++) {
      ProductEvent e = cmd.events().get(i);
      if (ids.contains(e.id())) {
        duplicates++;
      } else if (fresh.size() >= room) {
        refused.add(new Refused(i, ProductEventsResult.HOLD_FULL));
      } else {
        ids.add(e.id());
        fresh.add(e);
      }
    }
    ProductEventsResult result = new ProductEventsResult(fresh.size(), duplicates, refused);
    if (fresh.isEmpty()) return Effect().reply(cmd.replyTo(), StatusReply.success(result));
    return Effect()
        .persist(new EventsHeld(id.tenant(), id.id(), clock.instant(), List.copyOf(fresh)))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(result));
  }

  /** Persists the erasure; the eraser then deletes every earlier event and snapshot of the visitor. */
  private ReplyEffect<VisitorEvent, State> onErase(State state, Erase cmd) {
    delivering = true;
    return Effect()
        .persist(new VisitorErased(id.tenant(), id.id(), clock.instant()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
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

  /** The user acknowledged the first {@code count} events of the chunk in flight; none: it refused them for now. */
  private ReplyEffect<VisitorEvent, State> onDelivered(State state, HeldEventsDelivered cmd) {
    if (state.held().isEmpty() || !state.held().get(0).id().equals(cmd.firstEventId())) return Effect().noReply();
    if (cmd.count() == 0) return retryLater();
    delivering = false;
    failures = 0;
    return Effect()
        .persist(new HeldEventsHandedOver(id.tenant(), id.id(), clock.instant(), cmd.count()))
        .thenRun(this::handOver)
        .thenNoReply();
  }

  private ReplyEffect<VisitorEvent, State> onDeliveryFailed(State state, DeliveryFailed failed) {
    return retryLater();
  }

  private ReplyEffect<VisitorEvent, State> retryLater() {
    failures++;
    // Through sharding, like every message of the hand-over: it counts as activity, and it wakes the visitor if it
    // was passivated meanwhile, so held events never wait for an outside message.
    EntityRef<VisitorCommand> self = self();
    context
        .getSystem()
        .scheduler()
        .scheduleOnce(
            settings.retryDelay(failures), () -> self.tell(RetryDelivery.INSTANCE), context.getExecutionContext());
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
    List<ProductEvent> chunk =
        List.copyOf(state.held().subList(0, Math.min(settings.handoverChunk(), state.held().size())));
    String first = chunk.get(0).id();
    EntityRef<VisitorCommand> self = self();
    user(state.userId())
        .<ProductEventsResult>askWithStatus(
            replyTo -> new UserCommand.RecordProductEvents(chunk, replyTo), settings.askTimeout())
        .whenComplete(
            (ok, failure) ->
                self.tell(
                    failure == null
                        ? new HeldEventsDelivered(first, acknowledged(ok, chunk.size()))
                        : DeliveryFailed.INSTANCE));
  }

  /**
   * How much of a chunk is done: all of it, or the part before the first event the user refused (it records new
   * ids in order until its window is full, so everything before that one is recorded or a duplicate). An event in
   * one currency more than the user may hold ({@code currency_limit}) is refused for good: it does not hold the
   * handover back (the user's lifetime value leaves it out).
   */
  static int acknowledged(ProductEventsResult result, int size) {
    return result.refused().stream().filter(r -> !r.code().equals(ProductEventsResult.CURRENCY_LIMIT))
        .mapToInt(Refused::position).min().orElse(size);
  }

  private EntityRef<VisitorCommand> self() {
    return ClusterSharding.get(context.getSystem()).entityRefFor(VisitorCommand.ENTITY_TYPE, id.entityId());
  }

  private EntityRef<UserCommand> user(String userId) {
    return ClusterSharding.get(context.getSystem())
        .entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(id.tenant(), userId).entityId());
  }

  @Override
  public EventHandler<State, VisitorEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }

  /** Once everything is handed over the state is tiny: a snapshot then spares later recoveries the history. */
  @Override
  public boolean shouldSnapshot(State state, VisitorEvent event, long sequenceNr) {
    return event instanceof HeldEventsHandedOver && state.held().isEmpty();
  }
}
