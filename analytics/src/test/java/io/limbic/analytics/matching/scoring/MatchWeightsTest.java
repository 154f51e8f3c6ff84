package io.limbic.analytics.matching.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchWeightsTest {

  @Test
  void theDefaultsAreValid() {
    assertEquals(List.of(), MatchWeights.DEFAULT.validate());
  }

  @Test
  void badWeightsAreReported() {
    MatchWeights bad = new MatchWeights(1.5, -1, 0, 0, Double.NaN, 0, Duration.ZERO);
    List<String> errors = bad.validate();
    assertTrue(errors.contains("contextShare must be in [0, 1]"), errors.toString());
    assertTrue(errors.contains("context weights must be finite and >= 0"), errors.toString());
    assertTrue(errors.contains("maxDistanceKm must be finite and > 0"), errors.toString());
    assertTrue(errors.contains("recencyHalfLife must be positive"), errors.toString());
    assertThrows(IllegalArgumentException.class, bad::requireValid);
  }

  @Test
  void contextNeedsAWeightWhenItHasAShare() {
    assertTrue(new MatchWeights(0.4, 0, 0, 0, 0, 100, Duration.ofDays(7)).validate()
        .contains("at least one context weight must be > 0 when contextShare > 0"));
    assertEquals(List.of(), new MatchWeights(0, 0, 0, 0, 0, 100, Duration.ofDays(7)).validate());
  }
}
