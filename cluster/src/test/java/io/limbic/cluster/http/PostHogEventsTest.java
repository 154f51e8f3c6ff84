package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostHogEventsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static JsonNode event(String json) throws Exception {
    return Json.MAPPER.readTree(json);
  }

  @Test
  void anAliasHandsTheAliasedIdToTheUserAsAnAnonymousId() throws Exception {
    PostHogEvents.Translated translated = PostHogEvents.translate(List.of(event(
        "{\"event\":\"$create_alias\",\"distinct_id\":\"u-1\",\"properties\":{\"distinct_id\":\"u-1\",\"alias\":\"anon-7\"}}")),
        NOW);
    assertEquals(1, translated.identifies().size());
    JsonNode body = translated.identifies().get(0).body();
    assertEquals("u-1", body.path("userId").asText());
    assertEquals("anon-7", body.path("anonymousId").asText());
    assertEquals("ph-u-1", body.path("sessionId").asText());
    assertEquals(0, translated.productEvents().size());
  }

  @Test
  void anAliasWithoutAUsableAliasStaysAProductEvent() throws Exception {
    PostHogEvents.Translated translated = PostHogEvents.translate(List.of(
        event("{\"event\":\"$create_alias\",\"distinct_id\":\"u-1\",\"properties\":{\"alias\":\"u-1\"}}"),
        event("{\"event\":\"$create_alias\",\"distinct_id\":\"u-1\",\"properties\":{\"alias\":\"has space\"}}")), NOW);
    assertTrue(translated.identifies().isEmpty());
    assertEquals(2, translated.productEvents().size());
    assertEquals("create_alias", translated.productEvents().get(0).path("type").asText());
  }
}
