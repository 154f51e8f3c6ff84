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

  @Test
  void aRageClickWithASessionIsAlsoTheSessionsClientReportedSignal() throws Exception {
    PostHogEvents.Translated translated = PostHogEvents.translate(List.of(
        event("{\"event\":\"$autocapture\",\"distinct_id\":\"a-1\",\"timestamp\":\"2026-12-01T11:59:59.500Z\","
            + "\"properties\":{\"$session_id\":\"s-1\",\"$event_type\":\"click\",\"$elements_chain\":\"button.buy\"}}"),
        event("{\"event\":\"$rageclick\",\"uuid\":\"r-1\",\"distinct_id\":\"a-1\",\"timestamp\":\"2026-12-01T11:59:59.500Z\","
            + "\"properties\":{\"$session_id\":\"s-1\",\"$event_type\":\"click\",\"$elements_chain\":\"button.buy\","
            + "\"$current_url\":\"https://shop.example/cart\",\"x\":12,\"y\":\"no\"}}"),
        event("{\"event\":\"$dead_click\",\"uuid\":\"d-1\",\"distinct_id\":\"a-1\",\"properties\":{\"$session_id\":\"s-1\"}}"),
        event("{\"event\":\"$rageclick\",\"uuid\":\"r-2\",\"distinct_id\":\"a-1\",\"properties\":{}}")), NOW);
    assertEquals(1, translated.telemetry().size(), "the raw click is telemetry, the summary is not");
    assertEquals(1, translated.telemetry().get(0).samples().size());
    // The summaries stay product events (events.rageclick KPIs keep counting them), with or without a session.
    assertEquals(List.of(1, 2, 3), translated.productIndices());
    assertEquals("rageclick", translated.productEvents().get(0).path("type").asText());
    assertEquals(1, translated.reports().size());
    PostHogEvents.SessionReports reports = translated.reports().get(0);
    assertEquals("s-1", reports.sessionId());
    assertEquals(List.of(1, 2), reports.indices());
    io.limbic.protocol.session.ClientSignalReport rage = reports.reports().get(0);
    assertEquals(new io.limbic.protocol.session.ClientSignalReport("r-1", "rageClicks", "posthog",
        Instant.parse("2026-12-01T11:59:59.500Z").toEpochMilli(), "button.buy", 12.0, null, "https://shop.example/cart"),
        rage);
    io.limbic.protocol.session.ClientSignalReport dead = reports.reports().get(1);
    assertEquals("deadClicks", dead.kind());
    assertEquals(NOW.toEpochMilli(), dead.t(), "no timestamp: the time it arrived");
    assertEquals(null, dead.target());
  }
}
