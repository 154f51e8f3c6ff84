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
    assertEquals("x must be a finite number between -100000 and 100000", SampleValidation.fromFields(move(100_000.5, 0)).reason());
  }

  @Test
  void rejectsNonFiniteAndNonNumericValues() {
    assertFalse(SampleValidation.fromFields(move(Double.NaN, 0)).ok());
    assertFalse(SampleValidation.fromFields(move(0, Double.POSITIVE_INFINITY)).ok());
    assertEquals("x must be a number", SampleValidation.fromFields(move("12", 0)).reason());
    Map<String, Object> badT = move(1, 1);
    badT.put("t", 12.5);
    assertEquals("t must be a whole number between 0 and 9007199254740992", SampleValidation.fromFields(badT).reason());
  }

  /** What the protocol layer hands over for 2^64+1000 and 10^999: their magnitude, never a wrapped long. */
  @Test
  void hugeValuesAreOutOfRangeNotWrapped() {
    Map<String, Object> hugeT = move(1, 1);
    hugeT.put("t", 18446744073709552616.0);
    assertEquals("t must be a whole number between 0 and 9007199254740992", SampleValidation.fromFields(hugeT).reason());
    hugeT.put("t", Double.POSITIVE_INFINITY);
    assertFalse(SampleValidation.fromFields(hugeT).ok());
    assertEquals("x must be a finite number", SampleValidation.fromFields(move(Double.POSITIVE_INFINITY, 1)).reason());
    Map<String, Object> button = move(1, 1);
    button.put("button", 1e300);
    assertEquals("button must be a whole number between 0 and 4", SampleValidation.fromFields(button).reason());
  }

  @Test
  void wholeTimesAreComparedExactlyAtTheBound() {
    Map<String, Object> m = move(1, 1);
    m.put("t", SampleValidation.MAX_CLIENT_TIME_MS);
    assertTrue(SampleValidation.fromFields(m).ok());
    m.put("t", SampleValidation.MAX_CLIENT_TIME_MS + 1); // 2^53 + 1: the same double as 2^53
    assertEquals("t must be a whole number between 0 and 9007199254740992", SampleValidation.fromFields(m).reason());
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
    assertEquals("scrollY must be a finite number between -10000000 and 10000000", SampleValidation.validate(nan).orElseThrow());
    assertTrue(SampleValidation.validate(TelemetrySample.click(10, 5, 5, "b")).isEmpty());
  }
}
