package io.limbic.cluster.escalation;

import io.limbic.projections.agents.Agent;
import io.limbic.projections.agents.AgentEvent;
import io.limbic.projections.agents.FailureMode;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.escalation.IncidentCommand;
import io.limbic.protocol.escalation.IncidentEvent.ContactPaged;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Makes every paged contact's notice arrive: for each {@code ContactPaged} it asks the incident entity to deliver
 * what no provider has accepted yet (usually nothing: the entity sent it the moment it paged). A failure is retried
 * by the agent platform with backoff and, after the last attempt, parked in {@code agent_dead_letters} (visible and
 * replayable at {@code /v1/dead-letters?agent=escalation-delivery}). Every attempt carries the notice's one
 * idempotency key, so a receiver that got an earlier attempt can drop the repeat.
 */
public final class NoticeDeliveryAgent implements Agent {
  public static final String NAME = "escalation-delivery";

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public NoticeDeliveryAgent(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> entityTypes() {
    return List.of("incident");
  }

  @Override
  public boolean handles(Object event) {
    return event instanceof ContactPaged;
  }

  @Override
  public FailureMode failureMode() {
    return FailureMode.SKIP;
  }

  @Override
  public CompletionStage<Done> react(AgentEvent event) {
    ContactPaged paged = (ContactPaged) event.event();
    String entityId = new TenantScopedId(paged.tenant(), paged.userId()).entityId();
    // The sends themselves are bounded by the providers' timeouts; the ask waits a little longer than they do.
    return sharding.entityRefFor(IncidentCommand.ENTITY_TYPE, entityId)
        .askWithStatus(r -> new IncidentCommand.DeliverNotice(paged.incidentId(), paged.contactIndex(), r),
            askTimeout.multipliedBy(3));
  }
}
