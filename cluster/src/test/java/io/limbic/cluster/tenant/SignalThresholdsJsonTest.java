package io.limbic.cluster.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.protocol.http.Validated;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalThresholdsJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Validated<SignalThresholds> put(String json) throws Exception {
    return SignalThresholdsJson.overDefaults(MAPPER.readTree(json));
  }

  private static String code(Validated<SignalThresholds> v) {
    return ((Validated.Invalid<SignalThresholds>) v).code();
  }

  private static String message(Validated<SignalThresholds> v) {
    return ((Validated.Invalid<SignalThresholds>) v).message();
  }

  @Test
  void aChangeKeepsEveryOtherDefaultAndRoundTripsThroughTheStoredType() throws Exception {
    SignalThresholds put =
        put("{\"rageMinClicks\": 4, \"rageMaxRadiusPx\": 50, \"ignoredTargets\": [\"#chat\", \"#ad*\"]}").get();
    SignalThresholds expected =
        SignalThresholds.defaults().withRage(4, 1000, 50).withIgnoredTargets(Set.of("#ad*", "#chat"));
    assertEquals(expected, put);
    assertEquals(List.of("#ad*", "#chat"), SignalThresholdsJson.stored(put).ignoredTargets());
    assertEquals(expected, SignalThresholdsJson.of(SignalThresholdsJson.stored(put)));
  }

  @Test
  void theStoredDefaultsAreTheDefaults() {
    assertEquals(SignalThresholds.defaults(), SignalThresholdsJson.of(SignalThresholdsJson.defaults()));
  }

  @Test
  void unknownNamesWrongTypesAndOutOfRangeValuesAreRefused() throws Exception {
    assertEquals("unknown_field", code(put("{\"rageClicks\": 4}")));
    assertEquals("invalid_field", code(put("{\"rageMinClicks\": \"4\"}")));
    assertEquals("invalid_field", code(put("{\"rageMinClicks\": 3.5}")));
    assertEquals("invalid_field", code(put("{\"ignoredTargets\": \"#ad\"}")));
    assertEquals("invalid_field", code(put("{\"ignoredTargets\": [7]}")));
    assertEquals("invalid_thresholds", code(put("{\"rageMinClicks\": 1}")));
    assertEquals("invalid_thresholds", code(put("{\"deadClickWindowMs\": -5}")));
    assertEquals("invalid_body", code(put("[]")));
    assertFalse(put("{\"scrollBaselineFactor\": 0.5}").isValid());
  }

  @Test
  void hugeAndNonFiniteNumbersAreRefusedNeverWrapped() throws Exception {
    // 2^32 + 3 would be 3 through asInt(), 2^64 + 1000 would be 1000 through asLong().
    assertEquals("rageMinClicks must be a whole number between -2147483648 and 2147483647",
        message(put("{\"rageMinClicks\": 4294967299}")));
    assertEquals("rageMaxGapMs must be a whole number between -9223372036854775808 and 9223372036854775807",
        message(put("{\"rageMaxGapMs\": 18446744073709552616}")));
    assertEquals("invalid_field", code(put("{\"rageMaxGapMs\": 1e400}")));
    assertEquals("invalid_field", code(put("{\"rageMaxRadiusPx\": 1e400}")));
    assertEquals("invalid_field", code(put("{\"scrollMinDistancePx\": 1" + "0".repeat(999) + "}")));
    assertEquals(4, put("{\"rageMinClicks\": 4.0}").get().rageMinClicks(), "a whole number may be written 4.0");
  }
}
