package io.limbic.cluster.agents;

import io.limbic.analytics.engagement.EngagementFacts;
import io.limbic.projections.agents.Agent;
import io.limbic.projections.agents.AgentEvent;
import io.limbic.projections.agents.FailureMode;
import io.limbic.protocol.TenantScopedId;
import io.limbic.projections.tracing.TraceParents;
import io.limbic.protocol.trace.Trace;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.AssessEngagement;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.EmotionObserved;
import io.limbic.protocol.user.UserEvent.ProductEventRecorded;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Publishes {@code UserAtRisk} / {@code UserEngaged} onto users. The agent holds nothing: for each user event that
 * can move the churn-risk score it asks that user's entity to re-assess itself, with the event's idempotency key
 * as the cause. The entity already folds every fact the score needs from its own journal (gaps between active
 * periods, emotions, outcomes), so the agent reads nothing, needs no table, and the score always rests on the whole
 * current history rather than on what one event carried; the entity persists a change of level only, and drops a
 * repeated cause, so redeliveries publish nothing twice.
 *
 * <p>Handled: {@code BecameActive} (a gap ended), {@code EmotionObserved} of {@code rage}, {@code frustration},
 * {@code engagement} or {@code calm}, and product events that hold a {@code purchase}, {@code renewal},
 * {@code churn} or {@code refund} (both the batch and the older single form). Not {@code HeartbeatRecorded}: within
 * an active period no term of the score moves, and at a persist interval of 0 it would be one command per heartbeat.
 * Never its own {@code UserAtRisk} / {@code UserEngaged}, so it cannot feed itself.
 */
public final class UserEngagementAgent implements Agent {
  public static final String NAME = "user-engagement";

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public UserEngagementAgent(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> entityTypes() {
    return List.of("user");
  }

  @Override
  public boolean handles(Object event) {
    if (event instanceof BecameActive) return true;
    if (event instanceof EmotionObserved e) return EngagementFacts.emotionSign(e.state()) != 0;
    if (event instanceof ProductEventsRecorded e) {
      return e.events().stream().map(ProductEvent::type).anyMatch(t -> EngagementFacts.outcomeSign(t) != 0);
    }
    if (event instanceof ProductEventRecorded e) return EngagementFacts.outcomeSign(e.type()) != 0;
    return false;
  }

  /** Per-user order does not matter: each assessment reads the entity's whole history, whatever came first. */
  @Override
  public FailureMode failureMode() {
    return FailureMode.SKIP;
  }

  /** Completes when the user acknowledged the assessment (persisted or not), fails on a timeout or an error. */
  @Override
  public CompletionStage<Done> react(AgentEvent event) {
    UserEvent user = (UserEvent) event.event();
    String entityId = new TenantScopedId(user.tenant(), user.userId()).entityId();
    // What the assessment persists belongs to the event's chain, with that event as its cause; the event's span
    // (if this node knows one) goes along for a user entity on another node.
    Trace trace = Trace.causedBy(event.persistenceId(), event.sequenceNr(), event.correlationId())
        .withTraceparent(TraceParents.traceparent(event.idempotencyKey()));
    return sharding
        .entityRefFor(UserCommand.ENTITY_TYPE, entityId)
        .askWithStatus(
            replyTo -> new AssessEngagement(event.idempotencyKey(), trace, replyTo), askTimeout);
  }
}
