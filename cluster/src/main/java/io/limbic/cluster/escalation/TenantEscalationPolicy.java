package io.limbic.cluster.escalation;

import io.limbic.protocol.Tags;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.EscalationPolicyCommand;
import io.limbic.protocol.escalation.EscalationPolicyCommand.GetPolicy;
import io.limbic.protocol.escalation.EscalationPolicyCommand.SetPolicy;
import io.limbic.protocol.escalation.EscalationPolicyEvent;
import io.limbic.protocol.escalation.EscalationPolicyEvent.PolicySet;
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
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/** A tenant's escalation policy (entity id = tenant): the defaults until one is set; a set replaces it whole. */
public final class TenantEscalationPolicy
    extends EventSourcedBehaviorWithEnforcedReplies<EscalationPolicyCommand, EscalationPolicyEvent, EscalationPolicy> {
  private final String tenant;
  private final Clock clock;

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(
        Entity.of(EscalationPolicyCommand.ENTITY_TYPE, ctx -> create(ctx.getEntityId(), Clock.systemUTC())));
  }

  public static Behavior<EscalationPolicyCommand> create(String tenant, Clock clock) {
    return new TenantEscalationPolicy(tenant, clock);
  }

  private TenantEscalationPolicy(String tenant, Clock clock) {
    super(PersistenceId.of(EscalationPolicyCommand.ENTITY_TYPE.name(), tenant),
        io.limbic.cluster.health.EntityRestarts.onJournalFailure());
    this.tenant = tenant;
    this.clock = clock;
  }

  @Override
  public EscalationPolicy emptyState() {
    return EscalationPolicy.DEFAULT;
  }

  @Override
  public CommandHandlerWithReply<EscalationPolicyCommand, EscalationPolicyEvent, EscalationPolicy> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(SetPolicy.class, this::onSet)
        .onCommand(GetPolicy.class, (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(state)))
        .build();
  }

  private ReplyEffect<EscalationPolicyEvent, EscalationPolicy> onSet(EscalationPolicy state, SetPolicy cmd) {
    return Effect().persist(new PolicySet(tenant, clock.instant(), cmd.policy()))
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  @Override
  public EventHandler<EscalationPolicy, EscalationPolicyEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(PolicySet.class, (state, e) -> e.policy()).build();
  }

  @Override
  public Set<String> tagsFor(EscalationPolicyEvent event) {
    return Set.of(Tags.forEntity(EscalationPolicyCommand.ENTITY_TYPE.name(), tenant));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(50, 2);
  }
}
