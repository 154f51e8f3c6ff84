package io.limbic.analytics.session.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleValidationTest {

  private static Map<String, Object> move(Object x, Object y) {
    Map<String, Object> m = new HashMap<>();
    m.put("t", 1000);
    m.put("type", "move");
    m.put("x", x);
    m.put("y", y);
    return m;
  }

  @Test
  void acceptsAWellFormedSampleAndTheCoordinateBoundItself() {
    SampleValidation.Parsed parsed = SampleValidation.fromFields(move(100_000.0, -100_000));
    assertTrue(parsed.ok(), parsed.reason());
    assertEquals(SampleType.MOVE, parsed.sample().type());
    assertEquals(100_000.0, parsed.sample().x());
  }

  @Test
  void rejectsCoordinatesBeyondTheBound() {
    assertEquals("x outside ±100000 px", SampleValidation.fromFields(move(100_000.5, 0)).reason());
  }

  @Test
  void rejectsNonFiniteAndNonNumericValues() {
    assertFalse(SampleValidation.fromFields(move(Double.NaN, 0)).ok());
    assertFalse(SampleValidation.fromFields(move(0, Double.POSITIVE_INFINITY)).ok());
    assertEquals("x is not a number", SampleValidation.fromFields(move("12", 0)).reason());
    Map<String, Object> badT = move(1, 1);
    badT.put("t", 12.5);
    assertEquals("t must be whole milliseconds", SampleValidation.fromFields(badT).reason());
  }

  @Test
  void rejectsUnknownTypesAndKeyValues() {
    Map<String, Object> m = move(1, 1);
    m.put("type", "hover");
    assertEquals("unknown type: hover", SampleValidation.fromFields(m).reason());
    Map<String, Object> key = new HashMap<>(Map.of("t", 5, "type", "key", "key", "a"));
    assertEquals("key samples must not carry the key value", SampleValidation.fromFields(key).reason());
  }

  @Test
  void moveNeedsBothCoordinates() {
    assertEquals("x and y must be given together", SampleValidation.fromFields(move(1, null)).reason());
    assertEquals("move requires x and y", SampleValidation.fromFields(move(null, null)).reason());
  }

  @Test
  void typedSamplesAreCheckedToo() {
    TelemetrySample nan = TelemetrySample.scroll(10, Double.NaN);
    assertEquals("scrollY is not a finite number", SampleValidation.validate(nan).orElseThrow());
    assertTrue(SampleValidation.validate(TelemetrySample.click(10, 5, 5, "b")).isEmpty());
  }
}
