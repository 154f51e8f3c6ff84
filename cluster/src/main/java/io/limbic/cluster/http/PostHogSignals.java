package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.session.ClientSignalReport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * PostHog's own frustration summaries as client-reported signals: {@code $rageclick} a {@code rageClicks} report,
 * {@code $dead_click} a {@code deadClicks} one, source {@code posthog}. The element is {@code $elements_chain} (the
 * notation of the session's autocapture click samples, so the two can be matched), the page {@code $current_url},
 * the time the event's {@code timestamp} (posthog-js stamps a dead click with the click's own time), the position
 * {@code properties.x} / {@code y} when numbers (posthog-js sends none), the id the event's {@code uuid}.
 */
final class PostHogSignals {
  static final String SOURCE = "posthog";
  private static final int MAX_TEXT = 2048;

  private PostHogSignals() {}

  /** The report a PostHog event stands for, if it is one of the two summaries. */
  static Optional<ClientSignalReport> report(JsonNode event, Instant now) {
    String kind = switch (event.path("event").asText("")) {
      case "$rageclick" -> "rageClicks";
      case "$dead_click" -> "deadClicks";
      default -> null;
    };
    if (kind == null) return Optional.empty();
    JsonNode properties = event.path("properties");
    String id = text(event, "uuid").orElseGet(() -> UUID.randomUUID().toString());
    return Optional.of(new ClientSignalReport(clip(id, 64), kind, SOURCE, time(event, now).toEpochMilli(),
        text(properties, "$elements_chain").map(t -> clip(t, MAX_TEXT)).orElse(null), number(properties, "x"),
        number(properties, "y"), text(properties, "$current_url").map(u -> clip(u, MAX_TEXT)).orElse(null)));
  }

  private static Instant time(JsonNode event, Instant now) {
    try {
      return text(event, "timestamp").map(t -> OffsetDateTime.parse(t).toInstant()).orElse(now);
    } catch (DateTimeParseException e) {
      return now;
    }
  }

  private static Double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() && Double.isFinite(value.asDouble()) ? value.asDouble() : null;
  }

  private static String clip(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }
}
