package io.limbic.cluster.escalation;

import io.limbic.projections.escalation.ChannelSender;
import io.limbic.projections.escalation.ContactChannel;
import io.limbic.projections.escalation.EscalationNotice;
import io.limbic.protocol.Tags;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.IncidentCommand;
import io.limbic.protocol.escalation.IncidentCommand.Acknowledge;
import io.limbic.protocol.escalation.IncidentCommand.Acknowledgement;
import io.limbic.protocol.escalation.IncidentCommand.DeliverNotice;
import io.limbic.protocol.escalation.IncidentCommand.Open;
import io.limbic.protocol.escalation.IncidentCommand.OpenResult;
import io.limbic.protocol.escalation.IncidentCommand.Opening;
import io.limbic.protocol.escalation.IncidentEvent;
import io.limbic.protocol.escalation.IncidentEvent.ChainEnded;
import io.limbic.protocol.escalation.IncidentEvent.ContactPaged;
import io.limbic.protocol.escalation.IncidentEvent.IncidentAcknowledged;
import io.limbic.protocol.escalation.IncidentEvent.IncidentOpened;
import io.limbic.protocol.escalation.IncidentEvent.NoticeDelivered;
import io.limbic.protocol.escalation.IncidentEvent.NoticeFailed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One user's executive escalations (entity id {@code tenant/userId}), one incident open at a time: opening pages the
 * first contact at once, and each deadline pages the next until someone acknowledges or the chain ends. The
 * deadline is in the journal (and in the {@code incidents} read model, which the deadline sweeper reads), so a
 * timer lost with passivation or a crashed node is armed again when the entity recovers.
 *
 * <p>Each notice is sent from here as soon as its contact is paged (the fast path); the delivery agent asks again
 * for every paged contact through {@link DeliverNotice}, which sends only what no provider has accepted yet: that is
 * where failures are retried with backoff and parked. Both use the notice's one idempotency key.
 */
public final class Incident
    extends EventSourcedBehaviorWithEnforcedReplies<IncidentCommand, IncidentEvent, IncidentState> {
  public static final String TAG_PREFIX = IncidentCommand.ENTITY_TYPE.name();
  private static final String DEADLINE = "deadline";
  /** Incidents run on their own threads: an open is not queued behind the sessions' and users' messages. */
  public static final String DISPATCHER = "limbic.escalation-dispatcher";

  /** The deadline timer of one incident at one contact. */
  private record DeadlineReached(String incidentId, int contactIndex) implements IncidentCommand {}

  /** What a provider answered for one channel of one contact. */
  private record ChannelAnswered(
      String incidentId, int contactIndex, int channelIndex, String channelType, String reference, String error,
      boolean retryable) implements IncidentCommand {}

  /** Sends in flight for one contact and who waits for their outcome. */
  private static final class InFlight {
    int remaining;
    final List<String> failures = new ArrayList<>();
    final List<ActorRef<StatusReply<Done>>> waiting = new ArrayList<>();
  }

  private final TenantScopedId id;
  private final ChannelSender sender;
  private final AckLinks links;
  private final Clock clock;
  private final ActorContext<IncidentCommand> ctx;
  private final TimerScheduler<IncidentCommand> timers;
  private final Map<Integer, InFlight> inFlight = new HashMap<>();

  public static void init(ActorSystem<?> system, ChannelSender sender, AckLinks links) {
    ClusterSharding.get(system).init(
        Entity.of(IncidentCommand.ENTITY_TYPE, ctx -> create(ctx.getEntityId(), sender, links, Clock.systemUTC()))
            .withStopMessage(IncidentCommand.Passivate.INSTANCE)
            .withEntityProps(DispatcherSelector.fromConfig(DISPATCHER)));
  }

  public static Behavior<IncidentCommand> create(String entityId, ChannelSender sender, AckLinks links, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Incident(entityId, sender, links, clock, ctx, timers)));
  }

  private Incident(
      String entityId, ChannelSender sender, AckLinks links, Clock clock, ActorContext<IncidentCommand> ctx,
      TimerScheduler<IncidentCommand> timers) {
    super(PersistenceId.of(IncidentCommand.ENTITY_TYPE.name(), entityId),
        io.limbic.cluster.health.EntityRestarts.onJournalFailure());
    this.id = TenantScopedId.fromEntityId(entityId);
    this.sender = sender;
    this.links = links;
    this.clock = clock;
    this.ctx = ctx;
    this.timers = timers;
  }

  @Override
  public IncidentState emptyState() {
    return IncidentState.empty();
  }

  @Override
  public CommandHandlerWithReply<IncidentCommand, IncidentEvent, IncidentState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Open.class, this::onOpen)
        .onCommand(Acknowledge.class, this::onAcknowledge)
        .onCommand(DeliverNotice.class, this::onDeliverNotice)
        .onCommand(DeadlineReached.class, this::onDeadline)
        .onCommand(ChannelAnswered.class, this::onAnswered)
        .onCommand(IncidentCommand.WakeForDeadline.class, this::onWake)
        .onCommand(IncidentCommand.Passivate.class, (s, c) -> Effect().stop().thenNoReply())
        .build();
  }

  @Override
  public SignalHandler<IncidentState> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::arm).build();
  }

  private ReplyEffect<IncidentEvent, IncidentState> onOpen(IncidentState state, Open cmd) {
    Opening o = cmd.opening();
    String incidentId = IncidentCommand.incidentId(id.tenant(), o.emotionId());
    if (state.wasOpenedBy(o.emotionId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(new OpenResult(incidentId, false, "already opened")));
    }
    Instant now = clock.instant();
    if (!state.mayOpen(now)) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(
          new OpenResult(state.current().id(), false, "one incident per user per window")));
    }
    EscalationPolicy p = o.policy();
    if (p.contacts().isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(new OpenResult(null, false, "no contacts")));
    }
    IncidentOpened opened = new IncidentOpened(id.tenant(), id.id(), incidentId, now, o.emotionId(), o.sessionId(),
        o.company(), o.lifetimeValue(), o.currency(), o.emotion(), o.confidence(), o.url(), o.section(), o.evidence(),
        o.detectedAt(), o.source(), p.escalateAfter(), p.window(), p.contacts());
    ContactPaged first = paged(opened, 0, now);
    // The first notice goes out with the write of the opening, not after it: under load a journal write waits
    // behind every session's, and the first contact is the one the latency goal is about. If the write fails, the
    // entity restarts and the safety net opens the same emotion again: the contact may get the notice twice, with
    // the same idempotency key (as after any crash between sending and recording).
    send(state.apply(opened).apply(first).current(), 0, null);
    return Effect().persist(List.of(opened, first))
        .thenRun(this::arm)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(new OpenResult(incidentId, true, "opened")));
  }

  private ContactPaged paged(IncidentOpened opened, int index, Instant now) {
    return new ContactPaged(id.tenant(), id.id(), opened.incidentId(), now, index, opened.contacts().get(index).name(),
        IncidentCommand.noticeKey(opened.emotionId(), index), now.plus(opened.escalateAfter()));
  }

  private void afterPaged(IncidentState state, int index) {
    arm(state);
    send(state.current(), index, null);
  }

  private ReplyEffect<IncidentEvent, IncidentState> onDeadline(IncidentState state, DeadlineReached cmd) {
    IncidentState.Current c = state.current();
    if (c == null || !c.id().equals(cmd.incidentId()) || !c.open() || c.paged() != cmd.contactIndex()) {
      return Effect().noReply();
    }
    Instant now = clock.instant();
    if (now.isBefore(c.deadline())) {
      arm(state); // woken early (a clock step): wait out the rest
      return Effect().noReply();
    }
    int next = c.paged() + 1;
    if (next >= c.opened().contacts().size()) {
      return Effect().persist(new ChainEnded(id.tenant(), id.id(), c.id(), now)).thenNoReply();
    }
    return Effect().persist(paged(c.opened(), next, now)).thenRun(s -> afterPaged(s, next)).thenNoReply();
  }

  private ReplyEffect<IncidentEvent, IncidentState> onWake(IncidentState state, IncidentCommand.WakeForDeadline w) {
    if (!timers.isTimerActive(DEADLINE)) arm(state);
    return Effect().noReply();
  }

  /** Starts the timer of the current incident's deadline, if it has one (at once when it has passed). */
  private void arm(IncidentState state) {
    IncidentState.Current c = state.current();
    if (c == null || !c.open() || c.deadline() == null) {
      timers.cancel(DEADLINE);
      return;
    }
    Duration wait = Duration.between(clock.instant(), c.deadline());
    timers.startSingleTimer(DEADLINE, new DeadlineReached(c.id(), c.paged()), wait.isNegative() ? Duration.ZERO : wait);
  }

  private ReplyEffect<IncidentEvent, IncidentState> onAcknowledge(IncidentState state, Acknowledge cmd) {
    IncidentState.Current c = state.current();
    if (c == null || !c.id().equals(cmd.incidentId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("no such incident"));
    }
    if (c.acknowledged()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(new Acknowledgement(c.id(), c.ackedBy(), c.ackedAt(), false)));
    }
    int index = Math.max(0, Math.min(cmd.contactIndex(), c.opened().contacts().size() - 1));
    String by = cmd.by() != null ? cmd.by() : c.contact(index).name();
    IncidentAcknowledged ack = new IncidentAcknowledged(id.tenant(), id.id(), c.id(), cmd.at(), index, by);
    return Effect().persist(ack)
        .thenRun(s -> timers.cancel(DEADLINE))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(new Acknowledgement(c.id(), by, cmd.at(), true)));
  }

  private ReplyEffect<IncidentEvent, IncidentState> onDeliverNotice(IncidentState state, DeliverNotice cmd) {
    IncidentState.Current c = state.current();
    // An incident replaced by a later one, or acknowledged: nothing more is sent for it.
    if (c == null || !c.id().equals(cmd.incidentId()) || c.acknowledged() || cmd.contactIndex() > c.paged()) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    send(c, cmd.contactIndex(), cmd.replyTo());
    return Effect().noReply();
  }

  /** Sends the notice on each channel of the contact no provider has accepted yet; {@code replyTo} hears the outcome. */
  private void send(IncidentState.Current c, int index, ActorRef<StatusReply<Done>> replyTo) {
    InFlight flight = inFlight.get(index);
    if (flight != null) {
      if (replyTo != null) flight.waiting.add(replyTo);
      return;
    }
    EscalationPolicy.Contact contact = c.contact(index);
    List<Integer> missing = new ArrayList<>();
    for (int j = 0; j < contact.channels().size(); j++) if (!c.delivered(index, j)) missing.add(j);
    if (missing.isEmpty()) {
      if (replyTo != null) replyTo.tell(StatusReply.ack());
      return;
    }
    flight = new InFlight();
    flight.remaining = missing.size();
    if (replyTo != null) flight.waiting.add(replyTo);
    inFlight.put(index, flight);
    EscalationNotice notice = notice(c, index);
    for (int j : missing) {
      EscalationPolicy.Channel channel = contact.channels().get(j);
      int channelIndex = j;
      ctx.pipeToSelf(sendSafely(Channels.of(channel), notice), (delivered, error) -> error == null
          ? new ChannelAnswered(c.id(), index, channelIndex, channel.type(), delivered.reference(), null, false)
          : new ChannelAnswered(c.id(), index, channelIndex, channel.type(), null, describe(error), retryable(error)));
    }
  }

  private java.util.concurrent.CompletionStage<ChannelSender.Delivered> sendSafely(
      ContactChannel channel, EscalationNotice notice) {
    try {
      return sender.send(channel, notice);
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  private EscalationNotice notice(IncidentState.Current c, int index) {
    IncidentOpened o = c.opened();
    String ackUrl = links.url(id.tenant(), id.id(), c.id(), index, clock.instant());
    String page = o.url() != null ? o.url() : o.section();
    return new EscalationNotice(id.tenant(), c.id(), c.contact(index).name(), ackUrl, id.id(), o.company(),
        o.lifetimeValue(), o.currency(), o.emotion(), o.confidence(), page, o.evidence(),
        IncidentCommand.noticeKey(o.emotionId(), index));
  }

  private ReplyEffect<IncidentEvent, IncidentState> onAnswered(IncidentState state, ChannelAnswered a) {
    IncidentState.Current c = state.current();
    // The answer to a first notice whose opening was never written (the write failed, the entity restarted): there
    // is no incident to record it in; the safety net opens it again under the same key.
    if (c == null || !c.id().equals(a.incidentId())) return Effect().noReply();
    Instant now = clock.instant();
    IncidentEvent event = a.error() == null
        ? new NoticeDelivered(id.tenant(), id.id(), a.incidentId(), now, a.contactIndex(), a.channelIndex(),
            a.channelType(), a.reference())
        : new NoticeFailed(id.tenant(), id.id(), a.incidentId(), now, a.contactIndex(), a.channelIndex(),
            a.channelType(), a.error(), a.retryable());
    return Effect().persist(event).thenRun(s -> settle(a)).thenNoReply();
  }

  private void settle(ChannelAnswered a) {
    InFlight flight = inFlight.get(a.contactIndex());
    if (flight == null) return;
    if (a.error() != null) flight.failures.add(a.channelType() + ": " + a.error());
    if (--flight.remaining > 0) return;
    inFlight.remove(a.contactIndex());
    StatusReply<Done> outcome = flight.failures.isEmpty()
        ? StatusReply.ack() : StatusReply.error(String.join("; ", flight.failures));
    flight.waiting.forEach(r -> r.tell(outcome));
  }

  private static Throwable cause(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
    return t;
  }

  private static String describe(Throwable error) {
    Throwable t = cause(error);
    String message = t.getMessage();
    String text = t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  private static boolean retryable(Throwable error) {
    return !(cause(error) instanceof ChannelSender.DeliveryFailed f) || f.retryable();
  }

  @Override
  public EventHandler<IncidentState, IncidentEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(IncidentState::apply);
  }

  @Override
  public Set<String> tagsFor(IncidentEvent event) {
    return Set.of(Tags.forEntity(TAG_PREFIX, id.entityId()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
