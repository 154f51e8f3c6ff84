package io.limbic.cluster.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A rage redelivered an hour late (the user's shard was away) or replayed from a parked dead letter used to page an
 * executive and push an intervention as if it were happening now.
 */
class ActionableEmotionTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void anEmotionOfTheLastFiveMinutesMayStartSomething() {
    assertFalse(ActionableEmotion.isStale(NOW, NOW));
    assertFalse(ActionableEmotion.isStale(NOW.minus(ActionableEmotion.FOR), NOW));
    assertFalse(ActionableEmotion.isStale(null, NOW), "no detection time: judged as now");
  }

  @Test
  void anOlderOneIsHistory() {
    assertTrue(ActionableEmotion.isStale(NOW.minus(ActionableEmotion.FOR).minusMillis(1), NOW));
    assertTrue(ActionableEmotion.isStale(NOW.minusSeconds(3_600), NOW));
  }
}
