package io.limbic.cluster.escalation;

import io.limbic.cluster.escalation.EscalationRuntime.Seen;
import io.limbic.projections.agents.Agent;
import io.limbic.projections.agents.AgentEvent;
import io.limbic.projections.agents.FailureMode;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The safety net of executive escalation: consumes the sessions' {@code EmotionDetected} and opens any incident the
 * hot path missed (its tell to the user lost, the node gone before the incident entity heard of it). The emotion
 * is named by its {@code persistenceId:sequenceNr}, exactly as the hot path names it, so the incident entity opens
 * one incident for it whichever comes first, and each contact's notice has one idempotency key.
 *
 * <p>Only emotions that could fire under the tenant's policy are looked at further: the user's lifetime value and
 * company are asked of their entity. A user the entity does not know has no value and escalates nothing.
 */
public final class EscalationSafetyNet implements Agent {
  public static final String NAME = "escalation-safety-net";

  private final EscalationRuntime runtime;
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public EscalationSafetyNet(EscalationRuntime runtime, ClusterSharding sharding, Duration askTimeout) {
    this.runtime = runtime;
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> entityTypes() {
    return List.of("session");
  }

  @Override
  public boolean handles(Object event) {
    return event instanceof EmotionDetected e && e.userId() != null;
  }

  @Override
  public FailureMode failureMode() {
    return FailureMode.SKIP;
  }

  @Override
  public CompletionStage<Done> react(AgentEvent event) {
    EmotionDetected e = (EmotionDetected) event.event();
    Seen seen = new Seen(e.tenant(), e.userId(), event.idempotencyKey(), e.sessionId(), e.state(), e.confidence(),
        e.url(), e.section(), evidenceLine(e), e.at());
    return runtime.policyFor(seen).thenCompose(policy -> {
      if (policy.isEmpty()) return CompletableFuture.completedFuture(Done.getInstance());
      String entityId = new TenantScopedId(e.tenant(), e.userId()).entityId();
      CompletionStage<Optional<UserView>> user = sharding.entityRefFor(UserCommand.ENTITY_TYPE, entityId)
          .<UserView>askWithStatus(UserCommand.GetUser::new, askTimeout)
          .thenApply(Optional::of)
          .exceptionally(error -> unknown(error) ? Optional.empty() : rethrow(error));
      return user.thenCompose(view -> view.isEmpty()
          ? CompletableFuture.completedFuture(Done.getInstance())
          : runtime.open(seen, policy.get(), view.get().lifetimeValue(), view.get().company(), "safety-net")
              .thenApply(opened -> Done.getInstance()));
    });
  }

  /** The evidence in one line, as the session tells it to the user's entity. */
  private static String evidenceLine(EmotionDetected e) {
    if (e.evidence() == null || e.evidence().reasons() == null || e.evidence().reasons().isEmpty()) return null;
    return String.join("; ", e.evidence().reasons());
  }

  private static boolean unknown(Throwable error) {
    Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return t instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage m && "unknown user".equals(m.getMessage());
  }

  private static <T> T rethrow(Throwable error) {
    if (error instanceof RuntimeException r) throw r;
    throw new java.util.concurrent.CompletionException(error);
  }
}
