package io.limbic.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeartbeatInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private static Validated<HeartbeatInput> parse(String json) throws Exception {
    JsonNode node = MAPPER.readTree(json);
    return HeartbeatInput.parse(node, NOW);
  }

  private static String code(Validated<HeartbeatInput> v) {
    return ((Validated.Invalid<HeartbeatInput>) v).code();
  }

  @Test
  void minimalHeartbeatDefaultsToNow() throws Exception {
    Validated<HeartbeatInput> v = parse("{\"userId\":\"u-1@x.io\"}");
    assertTrue(v.isValid());
    assertEquals(new HeartbeatInput("u-1@x.io", Optional.empty(), NOW), v.get());
  }

  @Test
  void fullHeartbeatKeepsSessionAndTimeWithOffset() throws Exception {
    Validated<HeartbeatInput> v =
        parse("{\"userId\":\"u1\",\"sessionId\":\"s:1\",\"at\":\"2026-11-21T13:00:00+01:00\"}");
    assertEquals(new HeartbeatInput("u1", Optional.of("s:1"), NOW), v.get());
  }

  @Test
  void missingOrWronglyTypedUserIdIsRejected() throws Exception {
    assertEquals("missing_field", code(parse("{}")));
    assertEquals("missing_field", code(parse("{\"userId\":null}")));
    assertEquals("invalid_field", code(parse("{\"userId\":42}")));
    assertEquals("invalid_body", code(parse("[1,2]")));
  }

  @Test
  void idsOutsideTheAlphabetOrLengthAreRejected() throws Exception {
    assertEquals("invalid_id", code(parse("{\"userId\":\"\"}")));
    assertEquals("invalid_id", code(parse("{\"userId\":\"a b\"}")));
    assertEquals("invalid_id", code(parse("{\"userId\":\"a/b\"}")));
    assertEquals("invalid_id", code(parse("{\"userId\":\"" + "x".repeat(129) + "\"}")));
    assertTrue(parse("{\"userId\":\"" + "x".repeat(128) + "\"}").isValid());
    assertEquals("invalid_id", code(parse("{\"userId\":\"u1\",\"sessionId\":\"s 1\"}")));
  }

  @Test
  void timeMoreThanFiveMinutesAheadIsRejectedButFiveExactlyIsNot() throws Exception {
    assertTrue(parse("{\"userId\":\"u1\",\"at\":\"2026-11-21T12:05:00Z\"}").isValid());
    assertEquals("time_in_future", code(parse("{\"userId\":\"u1\",\"at\":\"2026-11-21T12:05:00.001Z\"}")));
  }

  @Test
  void timeMoreThanADayOldIsRejectedButADayExactlyIsNot() throws Exception {
    assertTrue(parse("{\"userId\":\"u1\",\"at\":\"2026-11-20T12:00:00Z\"}").isValid());
    assertEquals("time_in_past", code(parse("{\"userId\":\"u1\",\"at\":\"2026-11-20T11:59:59.999Z\"}")));
  }

  @Test
  void timesCenturiesAwayAreRejectedWithAReason() throws Exception {
    Validated<HeartbeatInput> ancient = parse("{\"userId\":\"x\",\"at\":\"-300000000-01-01T00:00:00Z\"}");
    assertEquals("time_in_past", code(ancient));
    assertTrue(((Validated.Invalid<HeartbeatInput>) ancient).message().startsWith("at is more than 24 hours"));
    assertEquals("time_in_future", code(parse("{\"userId\":\"x\",\"at\":\"+300000000-01-01T00:00:00Z\"}")));
  }

  @Test
  void unparsableTimeIsRejected() throws Exception {
    assertEquals("invalid_field", code(parse("{\"userId\":\"u1\",\"at\":\"yesterday\"}")));
    assertEquals("invalid_field", code(parse("{\"userId\":\"u1\",\"at\":1700000000}")));
    assertFalse(parse("{\"userId\":\"u1\",\"at\":\"2026-11-21T12:00:00\"}").isValid());
  }
}
