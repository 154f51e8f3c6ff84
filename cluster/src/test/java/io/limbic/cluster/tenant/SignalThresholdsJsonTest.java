package io.limbic.cluster.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.protocol.http.Validated;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalThresholdsJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Validated<Map<String, Object>> put(String json) throws Exception {
    return SignalThresholdsJson.overDefaults(MAPPER.readTree(json));
  }

  private static String code(Validated<Map<String, Object>> v) {
    return ((Validated.Invalid<Map<String, Object>>) v).code();
  }

  @Test
  void aChangeKeepsEveryOtherDefaultAndRoundTrips() throws Exception {
    Map<String, Object> stored = put("{\"rageMinClicks\": 4, \"rageMaxRadiusPx\": 50, \"ignoredTargets\": [\"#ad*\"]}").get();
    SignalThresholds thresholds = SignalThresholdsJson.of(stored);
    assertEquals(
        SignalThresholds.defaults().withRage(4, 1000, 50).withIgnoredTargets(Set.of("#ad*")), thresholds);
  }

  @Test
  void nothingStoredMeansTheDefaults() {
    assertEquals(SignalThresholds.defaults(), SignalThresholdsJson.of(Map.of()));
  }

  @Test
  void unknownNamesWrongTypesAndOutOfRangeValuesAreRefused() throws Exception {
    assertEquals("unknown_field", code(put("{\"rageClicks\": 4}")));
    assertEquals("invalid_field", code(put("{\"rageMinClicks\": \"4\"}")));
    assertEquals("invalid_field", code(put("{\"rageMinClicks\": 3.5}")));
    assertEquals("invalid_thresholds", code(put("{\"rageMinClicks\": 1}")));
    assertEquals("invalid_thresholds", code(put("{\"deadClickWindowMs\": -5}")));
    assertEquals("invalid_body", code(put("[]")));
    assertFalse(put("{\"scrollBaselineFactor\": 0.5}").isValid());
  }
}
