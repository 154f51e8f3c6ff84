package io.limbic.cluster.escalation;

import io.limbic.cluster.user.ActionableEmotion;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.IncidentCommand;
import io.limbic.protocol.escalation.IncidentCommand.OpenResult;
import io.limbic.protocol.escalation.IncidentCommand.Opening;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * What a node needs to open incidents from wherever an emotion is seen (the user's entity on the hot path, the
 * safety-net agent): the policy cache and the incident entities. A node that did not install it (entity unit tests)
 * opens none.
 */
public final class EscalationRuntime implements Extension {
  public static final ExtensionId<EscalationRuntime> ID =
      new ExtensionId<>() {
        @Override
        public EscalationRuntime createExtension(ActorSystem<?> system) {
          return new EscalationRuntime();
        }
      };

  /** The emotion as seen, before the user's facts are added. */
  public record Seen(
      String tenant, String userId, String emotionId, String sessionId, String emotion, double confidence,
      String url, String section, String evidence, Instant at) {}

  private volatile PolicyCache policies;
  private volatile ClusterSharding sharding;
  private volatile Duration askTimeout;
  private volatile String webhookSecret = "";

  public static EscalationRuntime get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  public void install(PolicyCache policies, ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.policies = policies;
  }

  /** The node secret escalation webhooks are signed under (each tenant with its own key derived from it). */
  public void signWebhooksWith(String secret) {
    this.webhookSecret = secret;
  }

  public String webhookSecret() {
    return webhookSecret;
  }

  public boolean installed() {
    return policies != null;
  }

  public PolicyCache policies() {
    return policies;
  }

  /** The tenant's policy when this emotion alone could open an incident under it (and is not stale). */
  public CompletionStage<Optional<EscalationPolicy>> policyFor(Seen seen) {
    if (policies == null || seen.emotionId() == null || ActionableEmotion.isStale(seen.at(), Instant.now())) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return policies.get(seen.tenant()).thenApply(p ->
        IncidentTrigger.mayFire(p, seen.emotion(), seen.confidence()) ? Optional.of(p) : Optional.empty());
  }

  /**
   * Opens an incident when the policy fires for this user's facts; completes with what the incident entity
   * answered, or empty when the policy does not fire.
   */
  public CompletionStage<Optional<OpenResult>> open(
      Seen seen, EscalationPolicy policy, Map<String, BigDecimal> lifetimeValue, String company, String source) {
    if (!IncidentTrigger.fires(policy, seen.emotion(), seen.confidence(), lifetimeValue)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Opening opening = new Opening(seen.emotionId(), seen.sessionId(), company,
        IncidentTrigger.valueIn(policy, lifetimeValue), policy.trigger().currency(), seen.emotion(), seen.confidence(),
        seen.url(), seen.section(), seen.evidence(), seen.at(), source, policy);
    String entityId = new TenantScopedId(seen.tenant(), seen.userId()).entityId();
    return sharding.entityRefFor(IncidentCommand.ENTITY_TYPE, entityId)
        .<OpenResult>askWithStatus(r -> new IncidentCommand.Open(opening, r), askTimeout)
        .thenApply(Optional::of);
  }
}
