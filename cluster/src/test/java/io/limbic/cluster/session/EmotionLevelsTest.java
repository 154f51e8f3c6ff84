package io.limbic.cluster.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.analytics.interventions.InterventionConfig;
import io.limbic.analytics.interventions.InterventionContext;
import io.limbic.analytics.session.emotion.EmotionChangePolicy;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.protocol.escalation.EscalationPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmotionLevelsTest {
  private static InterventionConfig contexts(InterventionContext... contexts) {
    return new InterventionConfig(List.of(contexts), "purchase", "churn", Duration.ofHours(24), 0.1, 100, 0.01);
  }

  private static InterventionContext context(String id, String emotion, double minConfidence) {
    return new InterventionContext(id, emotion, "/checkout", minConfidence, 0, List.of());
  }

  @Test
  void aTenantWithNothingConfiguredKeepsRagesLevelOnly() {
    EmotionChangePolicy policy = EmotionLevels.of(EmotionChangePolicy.defaults(), InterventionConfig.empty(), null);
    assertEquals(Map.of(EmotionalState.RAGE, List.of(0.85)), policy.levels());
  }

  @Test
  void eachContextAndTheTriggerAddTheirConfidenceToTheirEmotion() {
    EscalationPolicy.Trigger trigger = new EscalationPolicy.Trigger("frustration", 0.9, BigDecimal.ONE, "USD");
    EmotionChangePolicy policy = EmotionLevels.of(EmotionChangePolicy.defaults(),
        contexts(context("help", "frustration", 0.7), context("calm-offer", "calm", 0.95),
            context("any", "confusion", 0.0), context("angry", "rage", 0.6), context("odd", "boredom", 0.8)),
        trigger);
    assertEquals(Map.of(
        EmotionalState.RAGE, List.of(0.6, 0.85),
        EmotionalState.FRUSTRATION, List.of(0.7, 0.9),
        EmotionalState.CALM, List.of(0.95)), policy.levels(),
        "a context at or below the minimum confidence adds nothing; an emotion the classifier lacks neither");
  }
}
