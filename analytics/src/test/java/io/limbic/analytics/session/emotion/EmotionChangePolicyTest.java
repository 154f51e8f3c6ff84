package io.limbic.analytics.session.emotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmotionChangePolicyTest {
  private final EmotionChangePolicy policy = EmotionChangePolicy.defaults();

  private static EmotionReading reading(EmotionalState state, double confidence, long at) {
    Evidence evidence = new Evidence(15_000, 5_000, Map.of(), Map.of(), List.of());
    return new EmotionReading(state, confidence, at, "/", null, false, Map.of(), evidence);
  }

  @Test
  void aNewStateIsPersistedOnceStableAndConfident() {
    EmotionReading calm = reading(EmotionalState.CALM, 0.9, 0);
    EmotionReading engaged = reading(EmotionalState.ENGAGEMENT, 0.7, 5_000);
    assertFalse(policy.shouldPersist(calm, engaged, 4_500), "top state for only 500 ms");
    assertTrue(policy.shouldPersist(calm, engaged, 4_000));
    assertFalse(policy.shouldPersist(calm, reading(EmotionalState.ENGAGEMENT, 0.45, 5_000), 0), "unsure");
    assertTrue(policy.shouldPersist(null, calm, 0 - 1_000));
  }

  @Test
  void rageDoesNotWaitForStability() {
    assertTrue(policy.shouldPersist(reading(EmotionalState.CALM, 0.9, 0), reading(EmotionalState.RAGE, 0.6, 10), 10));
  }

  @Test
  void theSameStateIsPersistedOnlyWhenALevelIsCrossed() {
    EmotionReading at70 = reading(EmotionalState.RAGE, 0.7, 0);
    assertFalse(policy.shouldPersist(at70, reading(EmotionalState.RAGE, 0.84, 10), 0));
    assertTrue(policy.shouldPersist(at70, reading(EmotionalState.RAGE, 0.85, 10), 0), "the level is inclusive");
    EmotionReading at90 = reading(EmotionalState.RAGE, 0.9, 0);
    assertFalse(policy.shouldPersist(at90, reading(EmotionalState.RAGE, 0.81, 10), 0), "within hysteresis");
    assertTrue(policy.shouldPersist(at90, reading(EmotionalState.RAGE, 0.79, 10), 0));
  }

  @Test
  void anotherStateWobblingAcrossRagesLevelIsNoNews() {
    EmotionReading engaged = reading(EmotionalState.ENGAGEMENT, 0.99, 0);
    assertFalse(policy.shouldPersist(engaged, reading(EmotionalState.ENGAGEMENT, 0.7, 10), 0));
    assertFalse(policy.shouldPersist(reading(EmotionalState.ENGAGEMENT, 0.7, 0),
        reading(EmotionalState.ENGAGEMENT, 0.99, 10), 0));
  }

  @Test
  void aLevelSomethingActsOnIsWrittenForItsStateOnly() {
    EmotionChangePolicy acting = policy.withLevel(EmotionalState.FRUSTRATION, 0.7);
    EmotionReading at60 = reading(EmotionalState.FRUSTRATION, 0.6, 0);
    assertTrue(acting.shouldPersist(at60, reading(EmotionalState.FRUSTRATION, 0.72, 10), 0));
    assertFalse(policy.shouldPersist(at60, reading(EmotionalState.FRUSTRATION, 0.72, 10), 0), "not without it");
    assertTrue(acting.shouldPersist(reading(EmotionalState.FRUSTRATION, 0.75, 0),
        reading(EmotionalState.FRUSTRATION, 0.64, 10), 0), "below it by more than the hysteresis");
    assertFalse(acting.shouldPersist(reading(EmotionalState.CALM, 0.6, 0), reading(EmotionalState.CALM, 0.72, 10), 0));
    assertTrue(acting.shouldPersist(reading(EmotionalState.RAGE, 0.7, 0), reading(EmotionalState.RAGE, 0.9, 10), 0),
        "rage keeps its own");
    assertEquals(List.of(0.7), acting.levelsOf(EmotionalState.FRUSTRATION));
    assertSame(acting, acting.withLevel(EmotionalState.FRUSTRATION, 0.7), "a level once");
    assertSame(policy, policy.withLevel(EmotionalState.CALM, 0.5), "at the minimum confidence: adds nothing");
    assertSame(policy, policy.withLevel(EmotionalState.CALM, 1.0), "no reading is above 1");
  }
}
