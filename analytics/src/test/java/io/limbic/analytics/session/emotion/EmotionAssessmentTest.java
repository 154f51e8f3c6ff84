package io.limbic.analytics.session.emotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.physics.MotionFigures;
import io.limbic.analytics.session.physics.PhysicsSnapshot;
import io.limbic.analytics.session.signal.SignalKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmotionAssessmentTest {
  private final EmotionClassifier classifier = EmotionClassifier.standard();
  private final MotionFigures figures = new MotionFigures(14, 900, 450, 1_800, 3_000, 60_000, 0.01, 2.6, 0.4, 1,
      2_200, 9, 1.8, 2, 300, 60);
  private final PhysicsSnapshot physics = new PhysicsSnapshot(10_000, 120, 5_000, figures, figures);

  /** Calm reading, a hesitating one in a decision section, a rage burst: every kind of reason and label. */
  private final List<EmotionFeatures> cases = List.of(
      new EmotionFeatures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.5, 0.1, 2.3, 0.9, 0.2, 0, 0.1, 1, 0),
      new EmotionFeatures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.05, 2.3, 0.3, 0.9, 0.6, 0, 1, 1),
      new EmotionFeatures(4, 2.5, 5, 0, 2, 0, 1, 0, 0, 2.2, 2, 1.5, 2.9, 0.2, 0, 0, 0.1, 0, 0));

  @Test
  void theAssessmentsReadingIsTheClassifiersReading() {
    Set<EmotionalState> seen = EnumSet.noneOf(EmotionalState.class);
    for (EmotionFeatures f : cases) {
      Map<SignalKind, Integer> signals = Map.of(SignalKind.RAGE_CLICK, (int) f.rageBursts());
      EmotionReading classified = classifier.classify(10_000, f, physics, signals, 15_000, "/p", "pricing", 0.02);
      EmotionAssessment assessed = classifier.assess(10_000, f, physics, signals, 15_000, "/p", "pricing", 0.02);

      assertEquals(classified.state(), assessed.state());
      assertEquals(classified.confidence(), assessed.confidence());
      assertEquals(10_000, assessed.at());
      assertEquals(classified, assessed.reading());
      assertSame(assessed.reading(), assessed.reading(), "the evidence is written out once");
      assertTrue(assessed.reading().evidence().reasons().size() > 0, classified.toString());
      seen.add(classified.state());
    }
    assertTrue(seen.size() >= 2, "the cases reach different states: " + seen);
  }

  @Test
  void thePolicyJudgesAnAssessmentAsItsReading() {
    EmotionChangePolicy policy = EmotionChangePolicy.defaults();
    for (EmotionFeatures f : cases) {
      EmotionAssessment a = classifier.assess(10_000, f, physics, Map.of(), 15_000, "/p", null, 0.02);
      for (long since : new long[] {10_000, 9_500, 8_000}) {
        assertEquals(policy.shouldPersist(null, a.reading(), since),
            policy.shouldPersist(null, a.state(), a.confidence(), a.at(), since));
      }
    }
  }
}
