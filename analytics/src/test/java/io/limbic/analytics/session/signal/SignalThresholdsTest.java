package io.limbic.analytics.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalThresholdsTest {

  @Test
  void defaultsAndPresetsAreValid() {
    assertTrue(SignalThresholds.defaults().validate().isEmpty());
    assertTrue(SignalThresholds.fourClicksIn50Px().validate().isEmpty());
    assertTrue(SignalThresholds.fourClicksIn100Px().validate().isEmpty());
  }

  @Test
  void everyInvalidValueIsReported() {
    SignalThresholds bad = new SignalThresholds(1, -5, Double.NaN, 0, 1000, 10, 2000, 8, 3000, 3, 3000, 0.5,
        5000, 10, Set.of(" "));
    List<String> errors = bad.validate();
    assertEquals(6, errors.size(), errors.toString());
    assertTrue(errors.contains("rageMinClicks must be 3..50"));
    assertTrue(errors.contains("rageMaxGapMs must be > 0 and <= 60000"));
    assertThrows(IllegalArgumentException.class, () -> new FrustrationSignals(bad, new PageContext()));
  }
}
