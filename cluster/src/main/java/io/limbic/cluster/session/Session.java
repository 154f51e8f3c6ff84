package io.limbic.cluster.session;

import io.limbic.analytics.session.SessionAnalyzer;
import io.limbic.analytics.session.SessionSettings;
import io.limbic.analytics.session.SessionSummary;
import io.limbic.analytics.session.SessionUpdate;
import io.limbic.analytics.session.emotion.EmotionClassifier;
import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.signal.ClientReportedSignals;
import io.limbic.analytics.session.signal.ClientSignalVerdict;
import io.limbic.analytics.session.signal.SignalEvent;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import io.limbic.cluster.tenant.SignalThresholdsJson;
import io.limbic.cluster.tenant.TenantThresholdsReplica;
import io.limbic.cluster.trace.JournalTrace;
import io.limbic.protocol.trace.Trace;
import io.limbic.protocol.Tags;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.session.Capabilities;
import io.limbic.protocol.session.ClientSignalReport;
import io.limbic.protocol.session.IngestResult;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.session.SessionCommand.DeliverEmotions;
import io.limbic.protocol.session.SessionCommand.EmotionDeliveryAnswered;
import io.limbic.protocol.session.SessionCommand.Erase;
import io.limbic.protocol.session.SessionCommand.GetSession;
import io.limbic.protocol.session.SessionCommand.Identify;
import io.limbic.protocol.session.SessionCommand.IngestTelemetry;
import io.limbic.protocol.session.SessionCommand.Passivate;
import io.limbic.protocol.session.SessionCommand.PushIntervention;
import io.limbic.protocol.session.SessionCommand.ReportClientSignals;
import io.limbic.protocol.session.SessionCommand.Subscribe;
import io.limbic.protocol.session.SessionCommand.ThresholdsLoaded;
import io.limbic.protocol.session.SessionCommand.Tick;
import io.limbic.protocol.session.SessionCommand.Unsubscribe;
import io.limbic.protocol.session.SessionCommand.UserLinkAnswered;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionEvent.CapabilitiesDeclared;
import io.limbic.protocol.session.SessionEvent.ClientSignalCorroborated;
import io.limbic.protocol.session.SessionEvent.ClientSignalReported;
import io.limbic.protocol.session.SessionEvent.EmotionDelivered;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SessionErased;
import io.limbic.protocol.session.SessionEvent.SessionIdentified;
import io.limbic.protocol.session.SessionEvent.SessionSummarized;
import io.limbic.protocol.session.SessionPush;
import io.limbic.protocol.session.SessionThresholds;
import io.limbic.protocol.session.SessionView;
import io.limbic.protocol.tenant.TenantCommand;
import io.limbic.protocol.user.UserCommand;
import java.time.Clock;
import org.apache.pekko.Done;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.EventAdapter;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One browser session of one tenant. Samples go through a {@link SessionAnalyzer} held in memory only; what it
 * concludes (signals, emotion changes with evidence, identity, periodic summaries) is persisted. An emotion change
 * of an identified session is sent to the user's entity right after it is persisted: no projection in between.
 *
 * <p>Delivery to the user is at least once. Every emotion of an identified session is undelivered in the session's
 * state (from its {@code EmotionDetected}) until the user's entity acknowledges it ({@code EmotionDelivered}).
 * They go one at a time, oldest first (the user sees them in order); one not acknowledged within the ask timeout is
 * sent again after a backoff. An incarnation that starts (after a passivation, a restart or a move) resumes with
 * what its state holds, and a passivation that leaves some undelivered schedules a wake-up through sharding. The
 * user's entity records an emotion id once. Pushes go to the session's sockets through {@link SessionPushes}.
 */
public final class Session
    extends EventSourcedBehaviorWithEnforcedReplies<SessionCommand, SessionEvent, SessionState> {
  public static final String TOO_MANY_SOCKETS = "too many sockets for this session";
  /** An identify naming another user than the one the session already has: refused, nothing changes. */
  public static final String SESSION_OWNED = "the session belongs to another user";

  private final ActorContext<SessionCommand> context;
  private final TimerScheduler<SessionCommand> timers;
  private final TenantScopedId id;
  private final SessionEntitySettings settings;
  private final SessionAnalyzer analyzer;
  // Client reports judged beside the analyzer's own signals; like the analyzer, in memory for this incarnation.
  private final ClientReportedSignals clientReports;
  private final ClusterSharding sharding;
  private final Clock clock = Clock.systemUTC();
  // Sockets counted against the per-session bound (pushes go through SessionPushes); rebuilt by a census on start.
  private final Set<ActorRef<SessionPush>> subscribers = new HashSet<>();
  private final InterventionPushes interventionPushes = new InterventionPushes();
  // The emotion id asked of the user's entity and not answered yet; its trace while this incarnation knows it.
  private String inFlight;
  private int attempts;
  private final Map<String, Trace> traces = new HashMap<>();
  private final DetectionLatency latency;
  private final SessionThresholds thresholdsSource;
  private final JournalTrace<SessionEvent> trace = new JournalTrace<>();
  private long samplesBeforeThisIncarnation;
  private long lastSampleNanos;
  private long lastClientT = Long.MIN_VALUE;
  private long lastSummaryNanos = System.nanoTime();
  private boolean summaryDue;
  private boolean ticking;
  // Telemetry that names the session's first user waits while the user's entity records the link.
  private boolean linking;

  public static void init(ActorSystem<?> system, SessionEntitySettings settings) {
    ClusterSharding.get(system)
        .init(
            Entity.of(SessionCommand.ENTITY_TYPE, ctx -> create(ctx.getEntityId(), settings))
                .withStopMessage(Passivate.INSTANCE));
  }

  /**
   * Starts on the tenant's thresholds as this node's replica holds them, at once. Only a tenant the replica does not
   * know yet (its settings entity has not published since the cluster started) is asked, with commands that arrive
   * meanwhile waiting in a stash; if it does not answer, the session runs on the defaults and its view says so.
   */
  public static Behavior<SessionCommand> create(String entityId, SessionEntitySettings settings) {
    TenantScopedId id = TenantScopedId.fromEntityId(entityId);
    return Behaviors.setup(ctx -> {
      SessionPushes.get(ctx.getSystem()).prepare(id.tenant(), id.id());
      var replicated = TenantThresholdsReplica.get(ctx.getSystem()).find(id.tenant());
      if (replicated.isPresent()) {
        return started(ctx, id, settings, new ThresholdsLoaded(replicated.get(), SessionThresholds.fromReplica()));
      }
      return Behaviors.withStash(10_000, stash -> askingTenant(ctx, stash, id, settings));
    });
  }

  private static Behavior<SessionCommand> askingTenant(
      ActorContext<SessionCommand> ctx, StashBuffer<SessionCommand> stash, TenantScopedId id,
      SessionEntitySettings settings) {
    ctx.pipeToSelf(
        ClusterSharding.get(ctx.getSystem())
            .entityRefFor(TenantCommand.ENTITY_TYPE, id.tenant())
            .askWithStatus(TenantCommand.GetSignalThresholds::new, settings.askTimeout()),
        (thresholds, failure) -> failure == null
            ? new ThresholdsLoaded(thresholds, SessionThresholds.fromEntity())
            : new ThresholdsLoaded(SignalThresholdsJson.defaults(), SessionThresholds.unconfirmed()));
    return Behaviors.receiveMessage(msg -> {
      if (!(msg instanceof ThresholdsLoaded loaded)) {
        stash.stash(msg);
        return Behaviors.same();
      }
      if (!SessionThresholds.TENANT.equals(loaded.source().source())) {
        ctx.getLog().warn("Session {} of tenant {} runs on default thresholds: the tenant's did not answer",
            id.id(), id.tenant());
      }
      return stash.unstashAll(started(ctx, id, settings, loaded));
    });
  }

  private static Behavior<SessionCommand> started(
      ActorContext<SessionCommand> ctx, TenantScopedId id, SessionEntitySettings settings, ThresholdsLoaded loaded) {
    SessionSettings defaults = SessionSettings.defaults();
    SessionSettings analysis = defaults.withThresholds(SignalThresholdsJson.of(loaded.thresholds()))
        .withChangePolicy(EmotionLevels.of(ctx.getSystem(), id.tenant(), defaults.changePolicy()));
    return Behaviors.withTimers(timers -> new Session(ctx, timers, id, settings, analysis, loaded.source()));
  }

  private Session(
      ActorContext<SessionCommand> context, TimerScheduler<SessionCommand> timers, TenantScopedId id,
      SessionEntitySettings settings, SessionSettings analysis, SessionThresholds thresholdsSource) {
    super(
        PersistenceId.of(SessionCommand.ENTITY_TYPE.name(), id.entityId()),
        io.limbic.cluster.health.EntityRestarts.onJournalFailure());
    this.context = context;
    this.timers = timers;
    this.id = id;
    this.settings = settings;
    this.analyzer = new SessionAnalyzer(analysis, EmotionClassifier.standard());
    this.clientReports = new ClientReportedSignals(analysis.thresholds());
    this.sharding = ClusterSharding.get(context.getSystem());
    this.latency = DetectionLatency.get(context.getSystem());
    this.thresholdsSource = thresholdsSource;
  }

  @Override
  public SessionState emptyState() {
    return SessionState.empty(id.tenant(), id.id());
  }

  @Override
  public SignalHandler<SessionState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .build();
  }

  /** A new incarnation judges samples by what the client declared in an earlier one, and redelivers. */
  private void onRecovered(SessionState state) {
    samplesBeforeThisIncarnation = state.samples();
    analyzer.declare(SessionMapping.capabilities(state.capabilities()));
    SessionPushes.publish(context.getSystem(), id.tenant(), id.id(), SessionPush.census());
    deliverNext(state);
  }

  @Override
  public CommandHandlerWithReply<SessionCommand, SessionEvent, SessionState> commandHandler() {
    return trace.around(handlers());
  }

  private CommandHandlerWithReply<SessionCommand, SessionEvent, SessionState> handlers() {
    var refusing = newCommandHandlerWithReplyBuilder().forAnyState();
    ErasedSession.refuse(refusing, Effect());
    CommandHandlerWithReply<SessionCommand, SessionEvent, SessionState> erased = refusing.build();
    CommandHandlerWithReply<SessionCommand, SessionEvent, SessionState> live = liveHandlers();
    return (state, command) -> state.isErased() ? erased.apply(state, command) : live.apply(state, command);
  }

  private CommandHandlerWithReply<SessionCommand, SessionEvent, SessionState> liveHandlers() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Erase.class, this::onErase)
        .onCommand(IngestTelemetry.class, this::onIngest)
        .onCommand(UserLinkAnswered.class, this::onUserLinkAnswered)
        .onCommand(ReportClientSignals.class, this::onClientSignals)
        .onCommand(GetSession.class, this::onGet)
        .onCommand(Identify.class, this::onIdentify)
        .onCommand(Subscribe.class, this::onSubscribe)
        .onCommand(Unsubscribe.class, this::onUnsubscribe)
        .onCommand(PushIntervention.class, this::onPushIntervention)
        .onCommand(Tick.class, this::onTick)
        .onCommand(DeliverEmotions.class, this::onDeliverEmotions)
        .onCommand(EmotionDeliveryAnswered.class, this::onDeliveryAnswered)
        .onCommand(Passivate.class, this::onPassivate)
        .build();
  }

  /**
   * Telemetry that names the session's first user is held until the user's entity has recorded the session (so an
   * erasure, which reads the user's journal after the user refuses new links, finds every session that took the
   * person); an erased user refuses, and so does the telemetry.
   */
  private ReplyEffect<SessionEvent, SessionState> onIngest(SessionState state, IngestTelemetry cmd) {
    if (linking) return Effect().stash();
    if (state.userId() != null || cmd.userId() == null) return ingest(state, cmd);
    linking = true;
    context.pipeToSelf(
        sharding
            .entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(id.tenant(), cmd.userId()).entityId())
            .<Done>askWithStatus(
                replyTo -> new UserCommand.Identify(id.id(), null, null, null, clock.instant(), cmd.trace(), replyTo),
                settings.askTimeout()),
        (done, failure) -> new UserLinkAnswered(cmd, failure == null ? null : refusal(failure)));
    return Effect().noReply();
  }

  private static String refusal(Throwable failure) {
    Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (t instanceof StatusReply.ErrorMessage e) return e.getMessage();
    return "the user's entity did not record the session: " + t.getMessage();
  }

  private ReplyEffect<SessionEvent, SessionState> onUserLinkAnswered(SessionState state, UserLinkAnswered answer) {
    linking = false;
    if (answer.refusal() == null) return ingest(state, answer.ingest());
    return Effect().none()
        .thenReply(answer.ingest().replyTo(), s -> StatusReply.<IngestResult>error(answer.refusal()))
        .thenUnstashAll();
  }

  private ReplyEffect<SessionEvent, SessionState> ingest(SessionState state, IngestTelemetry cmd) {
    long now = System.nanoTime();
    // Detection latency runs from the message's arrival at the server (parsing, asks, stash and mailbox included).
    long received = cmd.arrival() == null ? now : cmd.arrival().localNanos();
    List<TelemetrySample> samples = new ArrayList<>(cmd.samples().size());
    cmd.samples().forEach(s -> samples.add(SessionMapping.fromWire(s)));
    List<SessionEvent> events = new ArrayList<>();
    Capabilities declared = cmd.capabilities();
    if (declared != null && !declared.equals(state.capabilities())) {
      // Before the samples: they are judged by what the client observes.
      analyzer.declare(SessionMapping.capabilities(declared));
      events.add(new CapabilitiesDeclared(
          id.tenant(), id.id(), state.userId(), clock.instant(), declared.mutations(), declared.selection()));
    }
    SessionUpdate offered = analyzer.offerAll(samples);
    // Batches arrive in order (HTTP from one SDK, or one WebSocket): analyse now rather than wait for the window.
    SessionUpdate flushed = analyzer.flush();
    List<BatchItemError> errors = new ArrayList<>();
    offered.rejections()
        .forEach(r -> errors.add(new BatchItemError(cmd.indices().get(r.index()), "rejected_sample", r.reason())));
    IngestResult result = new IngestResult(offered.accepted(), errors.size(), errors);

    lastSampleNanos = now;
    if (!samples.isEmpty()) lastClientT = Math.max(lastClientT, samples.get(samples.size() - 1).t());
    summaryDue |= offered.accepted() > 0;
    if (!samples.isEmpty()) startTicking();

    String userId = state.userId();
    if (userId == null && cmd.userId() != null) {
      userId = cmd.userId();
      events.add(new SessionIdentified(id.tenant(), id.id(), userId, clock.instant(), null));
    }
    conclusions(userId, List.of(offered, flushed), events);
    // Telemetry stashed while the session's user was being linked follows this batch, in order.
    if (events.isEmpty()) {
      return Effect().none().thenReply(cmd.replyTo(), s -> StatusReply.success(result)).thenUnstashAll();
    }
    Trace cause = trace.current();
    return Effect()
        .persist(events)
        .thenRun(s -> afterPersist(s, events, received, cause))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(result))
        .thenUnstashAll();
  }

  /**
   * Judges each report the session does not hold yet beside its own signals and records it; the reply is how many
   * were new. Nothing reaches the analyzer: the signal counts and the emotion stay the raw samples' own.
   */
  private ReplyEffect<SessionEvent, SessionState> onClientSignals(SessionState state, ReportClientSignals cmd) {
    Instant now = clock.instant();
    List<SessionEvent> events = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ClientSignalReport report : cmd.reports()) {
      var kind = SessionMapping.clientSignalKind(report.kind());
      if (kind.isEmpty() || state.holdsClientSignal(report.id()) || !seen.add(report.id())) continue;
      ClientSignalVerdict v = clientReports.report(SessionMapping.clientSignal(report, kind.get()));
      events.add(new ClientSignalReported(id.tenant(), id.id(), state.userId(), now, report.id(), report.kind(),
          report.source(), report.t(), report.target(), report.x(), report.y(), report.url(), v.corroborated(),
          v.confidence(), v.matchedAt(), v.evidence()));
    }
    if (events.isEmpty()) return Effect().reply(cmd.replyTo(), StatusReply.success(0));
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> StatusReply.success(events.size()));
  }

  /** Signals and emotion changes as events, in the order the analyzer found them. */
  private void conclusions(String userId, List<SessionUpdate> updates, List<SessionEvent> events) {
    Instant now = clock.instant();
    for (SessionUpdate update : updates) {
      for (SignalEvent signal : update.signals()) {
        events.add(SessionMapping.signal(id.tenant(), id.id(), userId, now, signal));
        for (ClientSignalVerdict v : clientReports.detected(signal)) {
          events.add(new ClientSignalCorroborated(
              id.tenant(), id.id(), userId, now, v.reportId(), v.confidence(), v.matchedAt(), v.evidence()));
        }
      }
      for (EmotionReading reading : update.emotionChanges()) {
        events.add(SessionMapping.emotion(id.tenant(), id.id(), userId, now, since(now, reading), reading));
      }
    }
  }

  /** Server time at which the reading's state began, from the analyzer's session-time bookkeeping. */
  private Instant since(Instant now, EmotionReading reading) {
    SessionSummary summary = analyzer.summary();
    long heldMs = Math.max(0, reading.at() - summary.emotionSince());
    return now.minusMillis(heldMs);
  }

  /**
   * Pushes and sends what the just persisted {@code events} found. What the user records is caused by the session's
   * event, so its trace names that event ({@code persistenceId:sequenceNr}) within the command's chain.
   */
  private void afterPersist(SessionState state, List<SessionEvent> events, long receivedNanos, Trace cause) {
    long firstSeqNr = lastSequenceNumber(context) - events.size() + 1;
    for (int i = 0; i < events.size(); i++) {
      if (!(events.get(i) instanceof EmotionDetected emotion)) continue;
      latency.record(System.nanoTime() - receivedNanos);
      SessionPushes.publish(context.getSystem(), id.tenant(), id.id(), SessionPush.emotion(SessionMapping.view(emotion)));
      long seqNr = firstSeqNr + i;
      // Bounded like the undelivered emotions: past the bound a redelivery goes without its trace.
      if (cause != null && traces.size() < SessionState.MAX_UNDELIVERED) {
        traces.put(eventId(seqNr), cause.causedBy(persistenceId().id(), seqNr));
      }
    }
    deliverNext(state);
  }

  private String eventId(long seqNr) {
    return persistenceId().id() + ":" + seqNr;
  }

  /** Asks the user's entity to record the oldest undelivered emotion, unless one is on its way. */
  private void deliverNext(SessionState state) {
    if (inFlight != null || state.undelivered().isEmpty()) return;
    UndeliveredEmotion next = state.undelivered().get(0);
    EmotionDetected e = next.emotion();
    String emotionId = next.emotionId();
    inFlight = emotionId;
    context.pipeToSelf(
        sharding
            .entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(id.tenant(), e.userId()).entityId())
            .<Done>askWithStatus(
                replyTo ->
                    new UserCommand.RecordEmotion(
                        id.id(), e.state(), e.label(), e.confidence(), e.at(), emotionId, e.url(), e.section(),
                        SessionMapping.evidenceLine(e.evidence()), traces.get(emotionId), replyTo),
                settings.askTimeout()),
        (done, failure) -> new EmotionDeliveryAnswered(emotionId, failure == null));
  }

  private ReplyEffect<SessionEvent, SessionState> onDeliveryAnswered(
      SessionState state, EmotionDeliveryAnswered answer) {
    if (!answer.emotionId().equals(inFlight)) return Effect().noReply();
    inFlight = null;
    boolean undelivered = state.undelivered().stream().anyMatch(u -> u.emotionId().equals(answer.emotionId()));
    if (!answer.acknowledged()) {
      attempts++;
      timers.startSingleTimer(DeliverEmotions.INSTANCE, settings.deliveryBackoff(attempts));
      return Effect().noReply();
    }
    attempts = 0;
    traces.remove(answer.emotionId());
    if (!undelivered) return Effect().noReply();
    SessionEvent delivered =
        new EmotionDelivered(id.tenant(), id.id(), state.userId(), clock.instant(), answer.emotionId());
    return Effect().persist(delivered).thenRun(this::deliverNext).thenNoReply();
  }

  private ReplyEffect<SessionEvent, SessionState> onDeliverEmotions(SessionState state, DeliverEmotions cmd) {
    deliverNext(state);
    return Effect().noReply();
  }

  private ReplyEffect<SessionEvent, SessionState> onGet(SessionState state, GetSession cmd) {
    SessionSummary live = analyzer.summary();
    boolean hasLive = live.samples() > 0;
    SessionView view =
        new SessionView(
            id.id(),
            state.userId(),
            samplesBeforeThisIncarnation + live.samples(),
            SessionMapping.physicsView(hasLive ? SessionMapping.physics(live.physics()) : state.physics()),
            state.signals(),
            state.emotion() == null ? null : SessionMapping.view(state.emotion()),
            state.clientSignals(),
            thresholdsSource);
    return Effect().reply(cmd.replyTo(), StatusReply.success(view));
  }

  /** A session's user is its first: naming the same user again is idempotent, naming another is refused. */
  private ReplyEffect<SessionEvent, SessionState> onIdentify(SessionState state, Identify cmd) {
    if (linking) return Effect().stash();
    if (state.userId() != null && !state.userId().equals(cmd.userId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(SESSION_OWNED));
    }
    SessionEvent event = new SessionIdentified(id.tenant(), id.id(), cmd.userId(), clock.instant(), cmd.anonymousId());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  /** At most {@code maxSubscribers} sockets per session; a subscriber that stops is forgotten. */
  private ReplyEffect<SessionEvent, SessionState> onSubscribe(SessionState state, Subscribe cmd) {
    if (!subscribers.contains(cmd.subscriber()) && subscribers.size() >= cmd.maxSubscribers()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(TOO_MANY_SOCKETS));
    }
    if (subscribers.add(cmd.subscriber())) context.watchWith(cmd.subscriber(), new Unsubscribe(cmd.subscriber()));
    return Effect().reply(cmd.replyTo(), StatusReply.ack());
  }

  private ReplyEffect<SessionEvent, SessionState> onUnsubscribe(SessionState state, Unsubscribe cmd) {
    if (subscribers.remove(cmd.subscriber())) context.unwatch(cmd.subscriber());
    return Effect().noReply();
  }

  private ReplyEffect<SessionEvent, SessionState> onPushIntervention(SessionState state, PushIntervention cmd) {
    int reached = interventionPushes.push(cmd.push(), subscribers.size(),
        push -> SessionPushes.publish(context.getSystem(), id.tenant(), id.id(), push));
    return Effect().reply(cmd.replyTo(), StatusReply.success(reached));
  }

  /** Lets session time pass: closes dead-click windows, writes a summary now and then, and goes quiet when idle. */
  private ReplyEffect<SessionEvent, SessionState> onTick(SessionState state, Tick tick) {
    long now = System.nanoTime();
    long quietNanos = now - lastSampleNanos;
    List<SessionEvent> events = new ArrayList<>();
    if (lastClientT != Long.MIN_VALUE) {
      conclusions(state.userId(), List.of(analyzer.advanceTo(lastClientT + quietNanos / 1_000_000)), events);
    }
    if (summaryDue && now - lastSummaryNanos >= settings.summaryEvery().toNanos()) events.add(summary(state));
    if (quietNanos >= settings.quietAfter().toNanos()) {
      timers.cancel(Tick.INSTANCE);
      ticking = false;
    }
    if (events.isEmpty()) return Effect().noReply();
    return Effect().persist(events).thenRun(s -> afterPersist(s, events, now, null)).thenNoReply();
  }

  /**
   * Persists the erasure; the eraser then deletes every earlier event and snapshot. What this incarnation holds in
   * memory (samples, a due summary, deliveries in flight) is dropped, not written.
   */
  private ReplyEffect<SessionEvent, SessionState> onErase(SessionState state, Erase cmd) {
    // Another user's session is not part of this person's erasure (their identify named it, another user won it).
    if (state.userId() != null && cmd.userId() != null && !state.userId().equals(cmd.userId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(SESSION_OWNED));
    }
    linking = false;
    timers.cancelAll();
    ticking = false;
    summaryDue = false;
    inFlight = null;
    traces.clear();
    String userId = cmd.userId() != null ? cmd.userId() : state.userId();
    return Effect().persist(new SessionErased(id.tenant(), id.id(), userId, clock.instant()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<SessionEvent, SessionState> onPassivate(SessionState state, Passivate cmd) {
    if (!state.undelivered().isEmpty()) wakeLater();
    if (!summaryDue) return Effect().stop().thenNoReply();
    return Effect().persist(summary(state)).thenStop().thenNoReply();
  }

  private SessionSummarized summary(SessionState state) {
    summaryDue = false;
    lastSummaryNanos = System.nanoTime();
    SessionSummary live = analyzer.summary();
    return new SessionSummarized(
        id.tenant(),
        id.id(),
        state.userId(),
        clock.instant(),
        samplesBeforeThisIncarnation + live.samples(),
        SessionMapping.physics(live.physics()),
        state.signals());
  }

  /**
   * Undelivered emotions outlive this incarnation: the next one starts when sharding gets this (wherever the entity
   * lives then) and resumes delivery. Held by this node's scheduler only: if the node dies first, delivery resumes
   * with the session's next message.
   */
  private void wakeLater() {
    var ref = sharding.entityRefFor(SessionCommand.ENTITY_TYPE, id.entityId());
    context.getSystem().scheduler().scheduleOnce(
        settings.deliveryBackoff(Math.max(1, attempts)), () -> ref.tell(DeliverEmotions.INSTANCE),
        context.getSystem().executionContext());
  }

  /**
   * A fixed tick from the first sample until the session has been quiet for quietAfter. Deliberately not skipped when
   * "nothing looks pending": with classifyEveryMs equal to the tick (250 ms), every tick classifies, and the reading
   * changes with quiet time alone (recent evidence fades with a 5 s half-life over a 15 s window, longer than
   * quietAfter), so a change that has to hold before it is persisted is decided on these ticks. Ticks also close
   * dead-click windows by wall time between batches. Ticking less would move persisted readings and dead clicks, and
   * LiveReplay (the real-data evaluation, loadtest/rage-realdata.sh) models exactly this cadence.
   */
  private void startTicking() {
    if (ticking) return;
    ticking = true;
    timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.tick());
  }

  @Override
  public EventHandler<SessionState, SessionEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onAnyEvent((state, event) -> state.apply(event, eventId(lastSequenceNumber(context))));
  }

  /** Stores each command's trace as the metadata of the events it persists. */
  @Override
  public EventAdapter<SessionEvent, ?> eventAdapter() {
    return trace;
  }

  @Override
  public Set<String> tagsFor(SessionEvent event) {
    return Set.of(Tags.forEntity(SessionCommand.ENTITY_TYPE.name(), id.entityId()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
