package io.limbic.cluster.session;

import io.limbic.analytics.interventions.InterventionConfig;
import io.limbic.analytics.interventions.InterventionContext;
import io.limbic.analytics.session.emotion.EmotionChangePolicy;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.escalation.EscalationRuntime;
import io.limbic.cluster.interventions.InterventionRuntime;
import io.limbic.protocol.escalation.EscalationPolicy;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The confidences a tenant acts on, per emotion, as levels of a session's change policy: its escalation policy's
 * trigger and each intervention context's {@code minConfidence}. A reading of the same state crossing one of them is
 * persisted; crossing anything else is not (README "Live sessions"). Read from this node's copies as the session
 * starts, without waiting: a copy not on the node yet (its first fetch is started by the read) leaves the default.
 */
final class EmotionLevels {
  private EmotionLevels() {}

  static EmotionChangePolicy of(ActorSystem<?> system, String tenant, EmotionChangePolicy base) {
    InterventionConfig config = InterventionConfig.empty();
    // A system without interventions (a test's) has neither their settings nor their runtime.
    if (system.settings().config().hasPath("limbic.interventions")) {
      InterventionRuntime interventions = InterventionRuntime.get(system);
      if (interventions.enabled()) config = interventions.configs().current(tenant);
    }
    EscalationPolicy.Trigger trigger = null;
    EscalationRuntime escalation = EscalationRuntime.get(system);
    if (escalation.installed()) {
      CompletableFuture<EscalationPolicy> held = escalation.policies().get(tenant).toCompletableFuture();
      if (held.isDone() && !held.isCompletedExceptionally()) trigger = held.join().trigger();
    }
    return of(base, config, trigger);
  }

  /** The base policy with a level for each context's emotion and confidence, and for the trigger (when known). */
  static EmotionChangePolicy of(EmotionChangePolicy base, InterventionConfig config, EscalationPolicy.Trigger trigger) {
    EmotionChangePolicy policy = base;
    for (InterventionContext c : config.contexts()) policy = with(policy, c.emotion(), c.minConfidence());
    if (trigger != null) policy = with(policy, trigger.emotion(), trigger.minConfidence());
    return policy;
  }

  private static EmotionChangePolicy with(EmotionChangePolicy policy, String emotion, double confidence) {
    for (EmotionalState state : EmotionalState.values()) {
      if (state.wireName().equals(emotion.toLowerCase(Locale.ROOT))) return policy.withLevel(state, confidence);
    }
    return policy;
  }
}
