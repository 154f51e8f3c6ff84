package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.protocol.http.Validated;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SegmentCallsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  private static SegmentCalls.Translated translated(String body) throws Exception {
    return SegmentCalls.translate(SegmentCalls.calls(json(body), Optional.empty()).get(), NOW);
  }

  @Test
  void aTrackIsAProductEventIdentifiedByItsMessageId() throws Exception {
    SegmentCalls.Translated t = translated("{\"batch\":[{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"u-1\","
        + "\"anonymousId\":\"a-1\",\"messageId\":\"node-next-1-abc\",\"timestamp\":\"2026-11-30T10:00:00.000Z\"}]}");
    JsonNode item = t.productEvents().get(0);
    assertEquals("signed_up", item.get("type").asText());
    assertEquals("u-1", item.get("userId").asText());
    assertFalse(item.has("anonymousId"), "one owner: the user");
    assertEquals("node-next-1-abc", item.get("id").asText());
    assertEquals("2026-11-30T10:00:00.000Z", item.get("at").asText());
    assertEquals(List.of(0), t.productIndices());
  }

  @Test
  void anOrderCompletedIsAPurchaseWithItsRevenue() throws Exception {
    JsonNode item = translated("{\"batch\":[{\"type\":\"track\",\"event\":\"Order Completed\",\"anonymousId\":\"a-1\","
        + "\"messageId\":\"m-1\",\"properties\":{\"revenue\":12.5,\"total\":15,\"currency\":\"EUR\"}}]}")
        .productEvents().get(0);
    assertEquals("purchase", item.get("type").asText());
    assertEquals("a-1", item.get("anonymousId").asText());
    assertEquals(12.5, item.get("amount").asDouble());
    assertEquals("EUR", item.get("currency").asText());
    assertEquals(NOW.toString(), item.get("at").asText(), "no timestamp: the time it arrived");
    assertEquals("refund", SegmentCalls.typeOf("Order Refunded"));
  }

  @Test
  void anAmountWithoutCurrencyIsNotAnAmount() throws Exception {
    JsonNode item = translated("{\"batch\":[{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"messageId\":\"m\","
        + "\"properties\":{\"revenue\":3}}]}").productEvents().get(0);
    assertFalse(item.has("amount"));
  }

  @Test
  void pageScreenAndGroupAreProductEventsOfTheirType() throws Exception {
    SegmentCalls.Translated t = translated("{\"batch\":[{\"type\":\"page\",\"name\":\"Pricing\",\"userId\":\"u\"},"
        + "{\"type\":\"screen\",\"userId\":\"u\"},{\"type\":\"group\",\"groupId\":\"g\",\"userId\":\"u\"}]}");
    assertEquals("page", t.productEvents().get(0).get("type").asText());
    assertEquals("screen", t.productEvents().get(1).get("type").asText());
    assertEquals("group", t.productEvents().get(2).get("type").asText());
    assertTrue(t.productEvents().get(0).get("id").asText().startsWith("seg-"), "no messageId: a fresh id");
  }

  @Test
  void identifyLinksTheAnonymousIdAndKeepsTheEmail() throws Exception {
    SegmentCalls.Translated t = translated("{\"batch\":[{\"type\":\"identify\",\"userId\":\"u-1\","
        + "\"anonymousId\":\"a-1\",\"traits\":{\"email\":\"ana@globex.example\",\"plan\":\"pro\"}}]}");
    ObjectNode body = t.links().get(0).body();
    assertEquals("u-1", body.get("userId").asText());
    assertEquals("seg-u-1", body.get("sessionId").asText());
    assertEquals("a-1", body.get("anonymousId").asText());
    assertEquals("ana@globex.example", body.path("traits").path("email").asText());
    assertFalse(body.path("traits").has("plan"));
  }

  @Test
  void aUserIdTooLongToPrefixGetsADigestSession() throws Exception {
    String user = "u".repeat(128);
    ObjectNode body = SegmentCalls.identify(json("{\"userId\":\"" + user + "\"}")).get();
    assertTrue(body.get("sessionId").asText().matches("seg-[0-9a-f]{32}"), body.toString());
    assertEquals(user, body.get("userId").asText());
  }

  @Test
  void anAliasLinksThePreviousIdAsAnAnonymousId() throws Exception {
    SegmentCalls.Translated t = translated("{\"batch\":[{\"type\":\"alias\",\"userId\":\"u-1\",\"previousId\":\"a-9\"},"
        + "{\"type\":\"alias\",\"userId\":\"u-1\"}]}");
    assertEquals("a-9", t.links().get(0).body().get("anonymousId").asText());
    assertEquals(1, t.refused().size());
    assertEquals("invalid_alias", t.refused().get(0).code());
  }

  @Test
  void anAnonymousIdentifyAndAnUnknownTypeAreRefusedItems() throws Exception {
    SegmentCalls.Translated t = translated("{\"batch\":[{\"type\":\"identify\",\"anonymousId\":\"a\"},"
        + "{\"type\":\"flush\"},\"not a call\"]}");
    assertEquals(List.of("user_required", "unsupported_type", "unsupported_type"),
        t.refused().stream().map(e -> e.code()).toList());
    assertEquals(List.of(0, 1, 2), t.refused().stream().map(e -> e.index()).toList());
  }

  @Test
  void aSingleCallTakesItsTypeFromThePath() throws Exception {
    Validated<List<JsonNode>> calls = SegmentCalls.calls(json("{\"type\":\"page\",\"event\":\"x\",\"userId\":\"u\"}"),
        Optional.of("track"));
    assertEquals("track", calls.get().get(0).get("type").asText());
  }

  @Test
  void aMessageIdOutsideTheIdRuleIsReplacedByItsDigest() throws Exception {
    String id = SegmentCalls.messageId(json("{\"messageId\":\"has spaces and ünïcode\"}"));
    assertTrue(id.matches("seg-[0-9a-f]{32}"), id);
    assertEquals(id, SegmentCalls.messageId(json("{\"messageId\":\"has spaces and ünïcode\"}")), "stable: retries dedup");
  }

  @Test
  void aCallOver32KbRefusesTheWholeRequest() throws Exception {
    String big = "x".repeat(SegmentCalls.MAX_CALL_BYTES);
    Validated<List<JsonNode>> batch = SegmentCalls.calls(json("{\"batch\":[{\"type\":\"track\",\"event\":\"a\"},"
        + "{\"type\":\"track\",\"properties\":{\"p\":\"" + big + "\"}}]}"), Optional.empty());
    assertTrue(batch instanceof Validated.Invalid<List<JsonNode>> bad && bad.code().equals("call_too_large")
        && bad.message().contains("call 1"), batch.toString());
    assertFalse(SegmentCalls.calls(json("{\"properties\":{\"p\":\"" + big + "\"}}"), Optional.of("track")).isValid());
    assertTrue(SegmentCalls.calls(json("{\"properties\":{\"p\":\"" + "x".repeat(30_000) + "\"}}"),
        Optional.of("track")).isValid());
  }

  @Test
  void aBatchMustBeAnArray() throws Exception {
    assertFalse(SegmentCalls.calls(json("{\"batch\":{}}"), Optional.empty()).isValid());
    assertFalse(SegmentCalls.calls(json("[]"), Optional.empty()).isValid());
  }
}
