package io.limbic.cluster.tenant;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.Tags;
import io.limbic.protocol.tenant.StoredSignalThresholds;
import io.limbic.protocol.tenant.TenantCommand;
import io.limbic.protocol.tenant.NotificationChannel;
import io.limbic.protocol.tenant.NotificationChannels;
import io.limbic.protocol.tenant.TenantCommand.GetNotificationChannels;
import io.limbic.protocol.tenant.TenantCommand.GetSignalThresholds;
import io.limbic.protocol.tenant.TenantCommand.SetNotificationChannels;
import io.limbic.protocol.tenant.TenantCommand.SetSignalThresholds;
import io.limbic.protocol.tenant.TenantEvent;
import io.limbic.protocol.tenant.TenantEvent.NotificationChannelsSet;
import io.limbic.protocol.tenant.TenantEvent.SignalThresholdsSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.pattern.StatusReply;
import io.limbic.cluster.trace.JournalTrace;
import org.apache.pekko.persistence.typed.EventAdapter;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.persistence.typed.RecoveryCompleted;

/**
 * One tenant's settings, starting with its frustration-signal thresholds. New sessions read them when they start,
 * from the replica this entity publishes to ({@link TenantThresholdsReplica}); sessions already running keep the
 * thresholds they started with.
 */
public final class TenantSettings
    extends EventSourcedBehaviorWithEnforcedReplies<TenantCommand, TenantEvent, TenantSettings.State> {

  /**
   * The thresholds in force: those set last, else the defaults of this release (never stored, so a tenant that set
   * nothing follows the defaults as they change). {@code thresholdsVersion} counts the changes, so the replica on
   * every node keeps the latest ({@link TenantThresholdsReplica}).
   */
  public record State(
      StoredSignalThresholds signalThresholds, List<NotificationChannel> notificationChannels, long thresholdsVersion)
      implements CborSerializable {
    public State {
      notificationChannels = notificationChannels == null ? List.of() : List.copyOf(notificationChannels);
    }

    State withThresholds(StoredSignalThresholds thresholds) {
      return new State(thresholds, notificationChannels, thresholdsVersion + 1);
    }

    State withChannels(List<NotificationChannel> channels) {
      return new State(signalThresholds, channels, thresholdsVersion);
    }
  }

  private final String tenant;
  private final Clock clock;
  private final JournalTrace<TenantEvent> trace = new JournalTrace<>();
  private final TenantThresholdsReplica replica;

  public static void init(ActorSystem<?> system) {
    TenantThresholdsReplica replica = TenantThresholdsReplica.get(system);
    ClusterSharding.get(system)
        .init(Entity.of(TenantCommand.ENTITY_TYPE, ctx -> create(ctx.getEntityId(), Clock.systemUTC(), replica)));
  }

  /** With no replica to publish to (an entity unit test). */
  public static Behavior<TenantCommand> create(String tenant, Clock clock) {
    return create(tenant, clock, null);
  }

  public static Behavior<TenantCommand> create(String tenant, Clock clock, TenantThresholdsReplica replica) {
    return new TenantSettings(tenant, clock, replica);
  }

  private TenantSettings(String tenant, Clock clock, TenantThresholdsReplica replica) {
    super(
        PersistenceId.of(TenantCommand.ENTITY_TYPE.name(), tenant),
        io.limbic.cluster.health.EntityRestarts.onJournalFailure());
    this.tenant = tenant;
    this.clock = clock;
    this.replica = replica;
  }

  @Override
  public State emptyState() {
    return new State(SignalThresholdsJson.defaults(), List.of(), 0);
  }

  /** The tenant's events on one of the fixed tags, so read models and agents can follow settings changes. */
  @Override
  public Set<String> tagsFor(TenantEvent event) {
    return Set.of(Tags.forEntity(TenantCommand.ENTITY_TYPE.name(), tenant));
  }

  /** A recovered tenant publishes what is in force, defaults included: nodes then know them without asking. */
  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::publish).build();
  }

  private void publish(State state) {
    if (replica != null) replica.publish(tenant, state.thresholdsVersion(), state.signalThresholds());
  }

  @Override
  public CommandHandlerWithReply<TenantCommand, TenantEvent, State> commandHandler() {
    return trace.around(handlers());
  }

  /** Stores each command's trace as the metadata of the events it persists. */
  @Override
  public EventAdapter<TenantEvent, ?> eventAdapter() {
    return trace;
  }

  private CommandHandlerWithReply<TenantCommand, TenantEvent, State> handlers() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(SetSignalThresholds.class, this::onSet)
        .onCommand(GetSignalThresholds.class, this::onGet)
        .onCommand(SetNotificationChannels.class, this::onSetChannels)
        .onCommand(GetNotificationChannels.class, this::onGetChannels)
        .build();
  }

  private ReplyEffect<TenantEvent, State> onSet(State state, SetSignalThresholds cmd) {
    return Effect()
        .persist(new SignalThresholdsSet(tenant, clock.instant(), cmd.thresholds()))
        .thenRun(this::publish)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(s.signalThresholds()));
  }

  private ReplyEffect<TenantEvent, State> onGet(State state, GetSignalThresholds cmd) {
    return Effect().reply(cmd.replyTo(), StatusReply.success(state.signalThresholds()));
  }

  private ReplyEffect<TenantEvent, State> onSetChannels(State state, SetNotificationChannels cmd) {
    return Effect()
        .persist(new NotificationChannelsSet(tenant, clock.instant(), List.copyOf(cmd.channels())))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(new NotificationChannels(s.notificationChannels())));
  }

  private ReplyEffect<TenantEvent, State> onGetChannels(State state, GetNotificationChannels cmd) {
    return Effect().reply(cmd.replyTo(), StatusReply.success(new NotificationChannels(state.notificationChannels())));
  }

  @Override
  public EventHandler<State, TenantEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(SignalThresholdsSet.class, (state, e) -> state.withThresholds(e.thresholds()))
        .onEvent(NotificationChannelsSet.class, (state, e) -> state.withChannels(e.channels()))
        .build();
  }
}
