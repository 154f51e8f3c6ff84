package io.limbic.cluster.interventions;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.Tags;
import io.limbic.protocol.intervention.InterventionCommand;
import io.limbic.protocol.intervention.InterventionCommand.GetConfig;
import io.limbic.protocol.intervention.InterventionCommand.SetConfig;
import io.limbic.protocol.intervention.InterventionConfigEvent;
import io.limbic.protocol.intervention.InterventionConfigEvent.InterventionConfigSet;
import io.limbic.protocol.intervention.StoredInterventionConfig;
import java.time.Clock;
import java.time.Duration;
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

/**
 * One tenant's interventions config, its own entity type so it changes apart from the other tenant settings. The
 * hot path never asks it per emotion: each node caches the config ({@link InterventionConfigs}).
 */
public final class InterventionSettings
    extends EventSourcedBehaviorWithEnforcedReplies<InterventionCommand, InterventionConfigEvent,
        InterventionSettings.State> {

  /** The config in force; empty (no contexts, defaults) before the first PUT. */
  public record State(StoredInterventionConfig config) implements CborSerializable {}

  private final String tenant;
  private final Clock clock;

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system)
        .init(Entity.of(InterventionCommand.ENTITY_TYPE, ctx -> create(ctx.getEntityId(), Clock.systemUTC())));
  }

  public static Behavior<InterventionCommand> create(String tenant, Clock clock) {
    return new InterventionSettings(tenant, clock);
  }

  private InterventionSettings(String tenant, Clock clock) {
    super(
        PersistenceId.of(InterventionCommand.ENTITY_TYPE.name(), tenant),
        io.limbic.cluster.health.EntityRestarts.onJournalFailure());
    this.tenant = tenant;
    this.clock = clock;
  }

  @Override
  public State emptyState() {
    return new State(InterventionConfigJson.empty());
  }

  @Override
  public Set<String> tagsFor(InterventionConfigEvent event) {
    return Set.of(Tags.forEntity(InterventionCommand.ENTITY_TYPE.name(), tenant));
  }

  @Override
  public CommandHandlerWithReply<InterventionCommand, InterventionConfigEvent, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(SetConfig.class, this::onSet)
        .onCommand(GetConfig.class, this::onGet)
        .build();
  }

  private ReplyEffect<InterventionConfigEvent, State> onSet(State state, SetConfig cmd) {
    return Effect()
        .persist(new InterventionConfigSet(tenant, clock.instant(), cmd.config()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(s.config()));
  }

  private ReplyEffect<InterventionConfigEvent, State> onGet(State state, GetConfig cmd) {
    return Effect().reply(cmd.replyTo(), StatusReply.success(state.config()));
  }

  @Override
  public EventHandler<State, InterventionConfigEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(InterventionConfigSet.class, (state, e) -> new State(e.config()))
        .build();
  }
}
