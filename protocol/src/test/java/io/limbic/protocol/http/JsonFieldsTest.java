package io.limbic.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The API's shared number checks, with the literals Jackson turns into infinities and BigIntegers. */
class JsonFieldsTest {
  // As the API reads bodies: exact decimals in the tree (so 1e-999999999 is not read as 0).
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  static final String TWO_TO_64_PLUS_1000 = "18446744073709552616";
  static final String TEN_TO_999 = "1" + "0".repeat(999);

  private static JsonNode json(String literal) throws Exception {
    return MAPPER.readTree(literal);
  }

  private static String message(Validated<?> v) {
    return ((Validated.Invalid<?>) v).message();
  }

  @Test
  void finiteAcceptsTheRangeInclusiveAndRefusesEverythingElse() throws Exception {
    assertEquals(90.0, JsonFields.finite(json("90"), "lat", -90, 90).get());
    assertEquals(-90.0, JsonFields.finite(json("-90.0"), "lat", -90, 90).get());
    assertEquals("lat must be a finite number between -90 and 90",
        message(JsonFields.finite(json("90.000001"), "lat", -90, 90)));
    for (String bad : new String[] {"1e400", "-1e400", TEN_TO_999, "\"45\"", "true", "[1]", "{}"}) {
      assertFalse(JsonFields.finite(json(bad), "lat", -90, 90).isValid(), bad);
    }
    assertEquals("missing_field", ((Validated.Invalid<?>) JsonFields.finite(null, "lat", -90, 90)).code());
    assertEquals("missing_field", ((Validated.Invalid<?>) JsonFields.finite(json("null"), "lat", -90, 90)).code());
  }

  @Test
  void wholeRefusesFractionsOverflowAndNonNumbersAndNeverWraps() throws Exception {
    assertEquals(1990L, JsonFields.whole(json("1990"), "year", 1, 9999).get());
    assertEquals(1990L, JsonFields.whole(json("1990.0"), "year", 1, 9999).get(), "JSON has one number type");
    assertEquals(1990L, JsonFields.whole(json("1.99e3"), "year", 1, 9999).get());
    assertEquals("year must be a whole number between 1 and 9999",
        message(JsonFields.whole(json("4294969286"), "year", 1, 9999)));
    for (String bad : new String[] {"1990.5", "0", "10000", "1e400", TWO_TO_64_PLUS_1000, TEN_TO_999, "\"1990\"",
        "null"}) {
      assertFalse(JsonFields.whole(json(bad), "year", 1, 9999).isValid(), bad);
    }
    assertEquals(Long.MAX_VALUE, JsonFields.whole(json("9223372036854775807"), "n", 0, Long.MAX_VALUE).get());
    assertFalse(JsonFields.whole(json("9223372036854775808"), "n", 0, Long.MAX_VALUE).isValid());
    assertFalse(JsonFields.whole(json("1e19"), "n", 0, Long.MAX_VALUE).isValid());
    assertFalse(JsonFields.whole(json(TWO_TO_64_PLUS_1000), "n", Long.MIN_VALUE, Long.MAX_VALUE).isValid());
  }

  @Test
  void decimalKeepsTheWrittenValueAndRefusesInfinity() throws Exception {
    BigDecimal max = new BigDecimal("1000000000000");
    assertEquals(new BigDecimal("19.99"), JsonFields.decimal(json("19.99"), "amount", BigDecimal.ZERO, max, 8).get());
    assertEquals(0, max.compareTo(JsonFields.decimal(json("1e12"), "amount", BigDecimal.ZERO, max, 8).get()));
    assertEquals(0, JsonFields.decimal(json("1e12"), "amount", BigDecimal.ZERO, max, 8).get().scale());
    assertEquals("amount must be a number between 0 and 1000000000000 with at most 8 decimal places",
        message(JsonFields.decimal(json("1e400"), "amount", BigDecimal.ZERO, max, 8)));
    // In range, but adding it to a lifetime value would build a billion-digit number (or throw) on every replay.
    for (String bad : new String[] {"-1e400", "-0.01", TEN_TO_999, "1000000000000.01", "\"5\"", "1e-999999999",
        "0.000000001"}) {
      assertFalse(JsonFields.decimal(json(bad), "amount", BigDecimal.ZERO, max, 8).isValid(), bad);
    }
    assertTrue(JsonFields.decimal(json("0.00000001"), "amount", BigDecimal.ZERO, max, 8).isValid());
  }

  @Test
  void plainNumberKeepsTheMagnitude() throws Exception {
    assertEquals(1000L, JsonFields.plainNumber(json("1000")));
    assertEquals(1.5, JsonFields.plainNumber(json("1.5")));
    assertEquals(18446744073709552616.0, JsonFields.plainNumber(json(TWO_TO_64_PLUS_1000)).doubleValue());
    assertEquals(Double.POSITIVE_INFINITY, JsonFields.plainNumber(json(TEN_TO_999)).doubleValue());
    assertEquals(Double.POSITIVE_INFINITY, JsonFields.plainNumber(json("1e400")).doubleValue());
  }
}
