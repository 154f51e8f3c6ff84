package io.limbic.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.protocol.user.ProductEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductEventInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private static Validated<ProductEventInput> parse(String json) throws Exception {
    return ProductEventInput.parse(MAPPER.readTree(json), NOW);
  }

  private static String code(String json) throws Exception {
    return ((Validated.Invalid<ProductEventInput>) parse(json)).code();
  }

  @Test
  void aPurchaseOfAUser() throws Exception {
    ProductEventInput in =
        parse("{\"userId\":\"u1\",\"type\":\"purchase\",\"amount\":19.99,\"currency\":\"EUR\","
            + "\"at\":\"2026-11-21T11:00:00Z\",\"id\":\"order-7\"}").get();
    assertEquals(Optional.of("u1"), in.userId());
    assertEquals(
        new ProductEvent("order-7", "purchase", new BigDecimal("19.99"), "EUR", Instant.parse("2026-11-21T11:00:00Z")),
        in.event());
    assertEquals(1, in.event().valueSign());
  }

  @Test
  void anAnonymousEventWithoutAmount() throws Exception {
    assertTrue(parse("{\"anonymousId\":\"a1\",\"type\":\"signup\",\"at\":\"2026-11-21T11:00:00Z\",\"id\":\"x\"}")
        .isValid());
  }

  @Test
  void everyRuleHasItsRefusal() throws Exception {
    String at = ",\"at\":\"2026-11-21T11:00:00Z\",\"id\":\"x\"";
    assertEquals("invalid_event", code("{\"type\":\"purchase\"" + at + "}"));
    assertEquals("invalid_event", code("{\"userId\":\"u\",\"anonymousId\":\"a\",\"type\":\"purchase\"" + at + "}"));
    assertEquals("missing_field", code("{\"userId\":\"u\",\"type\":\"purchase\",\"at\":\"2026-11-21T11:00:00Z\"}"));
    assertEquals("missing_field", code("{\"userId\":\"u\",\"type\":\"purchase\",\"id\":\"x\"}"));
    assertEquals("invalid_field", code("{\"userId\":\"u\",\"type\":\"Purchase!\"" + at + "}"));
    assertEquals("invalid_field", code("{\"userId\":\"u\",\"type\":\"purchase\",\"amount\":\"5\",\"currency\":\"EUR\"" + at + "}"));
    assertEquals("invalid_field", code("{\"userId\":\"u\",\"type\":\"purchase\",\"amount\":-5,\"currency\":\"EUR\"" + at + "}"));
    assertEquals("invalid_field", code("{\"userId\":\"u\",\"type\":\"purchase\",\"amount\":5,\"currency\":\"euro\"" + at + "}"));
    assertEquals("invalid_event", code("{\"userId\":\"u\",\"type\":\"purchase\",\"amount\":5" + at + "}"));
    assertEquals("time_in_future", code("{\"userId\":\"u\",\"type\":\"purchase\",\"at\":\"2027-01-01T00:00:00Z\",\"id\":\"x\"}"));
  }

  /** Issue 7, defect 5: 1e400 made decimalValue() throw, and the whole batch failed with a 500. */
  @Test
  void infiniteAndHugeAmountsAreRefused() throws Exception {
    String rest = ",\"currency\":\"EUR\",\"at\":\"2026-11-21T11:00:00Z\",\"id\":\"x\"}";
    for (String amount : new String[] {"1e400", "-1e400", JsonFieldsTest.TEN_TO_999, "1000000000000.5"}) {
      Validated<ProductEventInput> in = parse("{\"userId\":\"u\",\"type\":\"purchase\",\"amount\":" + amount + rest);
      assertEquals("amount must be a number between 0 and 1000000000000 with at most 8 decimal places",
          ((Validated.Invalid<ProductEventInput>) in).message(), amount);
    }
    assertEquals(new BigDecimal("1000000000000"),
        parse("{\"userId\":\"u\",\"type\":\"purchase\",\"amount\":1000000000000" + rest).get().event().amount());
  }

  @Test
  void historyIsAcceptedBackToTheFloorAndNotBefore() throws Exception {
    assertTrue(parse("{\"userId\":\"u\",\"type\":\"signup\",\"at\":\"2000-01-01T00:00:00Z\",\"id\":\"x\"}").isValid());
    assertEquals("time_in_past", code("{\"userId\":\"u\",\"type\":\"signup\",\"at\":\"1999-12-31T23:59:59Z\",\"id\":\"x\"}"));
    assertEquals("time_in_past", code("{\"userId\":\"u\",\"type\":\"signup\",\"at\":\"-300000000-01-01T00:00:00Z\",\"id\":\"x\"}"));
    assertEquals("missing_field", code("{\"userId\":\"u\",\"type\":\"signup\",\"id\":\"x\"}"));
  }
}
