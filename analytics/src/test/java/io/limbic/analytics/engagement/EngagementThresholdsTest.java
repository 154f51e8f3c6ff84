package io.limbic.analytics.engagement;

import static io.limbic.analytics.engagement.EngagementLevel.AT_RISK;
import static io.limbic.analytics.engagement.EngagementLevel.ENGAGED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngagementThresholdsTest {
  private static final EngagementThresholds T = new EngagementThresholds(0.7, 0.35);

  @Test
  void anUnassessedUserMovesOnlyPastAThreshold() {
    assertEquals(Optional.of(AT_RISK), T.change(null, 0.7));
    assertEquals(Optional.of(ENGAGED), T.change(null, 0.35));
    assertEquals(Optional.empty(), T.change(null, 0.5));
  }

  @Test
  void betweenTheThresholdsTheLevelHolds() {
    assertEquals(Optional.empty(), T.change(AT_RISK, 0.36));
    assertEquals(Optional.empty(), T.change(ENGAGED, 0.69));
  }

  @Test
  void aLevelThatDoesNotChangePublishesNothing() {
    assertEquals(Optional.empty(), T.change(AT_RISK, 0.95));
    assertEquals(Optional.empty(), T.change(ENGAGED, 0.05));
  }

  @Test
  void crossingTheFarThresholdChangesTheLevel() {
    assertEquals(Optional.of(ENGAGED), T.change(AT_RISK, 0.35));
    assertEquals(Optional.of(AT_RISK), T.change(ENGAGED, 0.7));
  }

  @Test
  void aScoreWobblingAroundOneThresholdChangesTheLevelOnce() {
    EngagementLevel level = null;
    int changes = 0;
    for (double score : new double[] {0.71, 0.69, 0.72, 0.5, 0.7, 0.68, 0.9}) {
      Optional<EngagementLevel> next = T.change(level, score);
      if (next.isPresent()) {
        level = next.get();
        changes++;
      }
    }
    assertEquals(1, changes);
    assertEquals(AT_RISK, level);
  }

  @Test
  void thresholdsMustLeaveABandBetweenThem() {
    assertThrows(IllegalArgumentException.class, () -> new EngagementThresholds(0.4, 0.4));
    assertThrows(IllegalArgumentException.class, () -> new EngagementThresholds(1.0, 0.3));
    assertThrows(IllegalArgumentException.class, () -> new EngagementThresholds(0.7, 0.0));
  }
}
