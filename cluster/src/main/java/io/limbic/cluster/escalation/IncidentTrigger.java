package io.limbic.cluster.escalation;

import io.limbic.protocol.escalation.EscalationPolicy;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Whether an emotion of a user opens an incident under a policy: the policy's emotion, at or above its confidence,
 * for a user whose lifetime value in the policy's currency reaches its minimum (other currencies do not count:
 * nothing converts them), and someone to notify.
 */
public final class IncidentTrigger {
  private IncidentTrigger() {}

  /** Whether the emotion alone could open one: the cheap check before anything is looked up. */
  public static boolean mayFire(EscalationPolicy policy, String emotion, double confidence) {
    return !policy.contacts().isEmpty() && policy.trigger().emotion().equals(emotion)
        && confidence >= policy.trigger().minConfidence();
  }

  public static boolean fires(
      EscalationPolicy policy, String emotion, double confidence, Map<String, BigDecimal> lifetimeValue) {
    return mayFire(policy, emotion, confidence)
        && valueIn(policy, lifetimeValue).compareTo(policy.trigger().minLifetimeValue()) >= 0;
  }

  public static BigDecimal valueIn(EscalationPolicy policy, Map<String, BigDecimal> lifetimeValue) {
    BigDecimal value = lifetimeValue == null ? null : lifetimeValue.get(policy.trigger().currency());
    return value == null ? BigDecimal.ZERO : value;
  }
}
