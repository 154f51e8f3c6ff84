package io.limbic.projections.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.kpi.backtest.CalendarDay;
import io.limbic.analytics.kpi.backtest.ForecastMetrics;
import io.limbic.analytics.kpi.lift.Effect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request parsing and result writing shared by the insight jobs and routes. Every wrong field is an
 * {@link IllegalArgumentException} naming it (the job fails with that message; a route answers 400).
 */
public final class InsightJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  static final Duration DEFAULT_WINDOW = Duration.ofDays(180);
  static final Duration MAX_WINDOW = Duration.ofDays(5 * 366);

  private InsightJson() {}

  /** The KPI window of a request: {@code grain} (day, hour), {@code from}, {@code to} (default: 180 days to today). */
  public record Window(String grain, Instant from, Instant to) {}

  static JsonNode parse(String json) {
    try {
      JsonNode node = MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
      if (!node.isObject()) throw new IllegalArgumentException("the request must be a JSON object");
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the request is not valid JSON: " + e.getOriginalMessage());
    }
  }

  static Window window(JsonNode request, Clock clock) {
    String grain = text(request, "grain", "day");
    if (!grain.equals("day") && !grain.equals("hour")) throw new IllegalArgumentException("grain: day or hour");
    Instant to = instant(request, "to", clock.instant().truncatedTo(ChronoUnit.DAYS));
    Instant from = instant(request, "from", to.minus(grain.equals("day") ? DEFAULT_WINDOW : Duration.ofDays(31)));
    if (!from.isBefore(to)) throw new IllegalArgumentException("from must be before to");
    if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) throw new IllegalArgumentException("from..to: at most 5 years");
    return new Window(grain, from, to);
  }

  static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) throw new IllegalArgumentException(field + ": required");
      return fallback;
    }
    if (!v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException(field + ": a non-empty string");
    return v.asText();
  }

  static Instant instant(JsonNode node, String field, Instant fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return fallback;
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": an ISO-8601 instant");
    }
  }

  static int integer(JsonNode node, String field, int fallback, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return fallback;
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
      throw new IllegalArgumentException(field + ": an integer from " + min + " to " + max);
    }
    return v.asInt();
  }

  static double number(JsonNode node, String field, double fallback, double min, double max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return fallback;
    if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
      throw new IllegalArgumentException(field + ": a number from " + min + " to " + max);
    }
    return v.asDouble();
  }

  static List<String> strings(JsonNode node, String field, List<String> fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) throw new IllegalArgumentException(field + ": required");
      return fallback;
    }
    if (!v.isArray()) throw new IllegalArgumentException(field + ": an array of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || item.asText().isBlank()) throw new IllegalArgumentException(field + ": an array of strings");
      out.add(item.asText());
    }
    return out;
  }

  static void put(ObjectNode node, String field, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) node.putNull(field);
    else node.put(field, value);
  }

  public static ObjectNode metrics(ForecastMetrics m) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("n", m.n());
    put(out, "mape", m.mape());
    out.put("mapeSkippedZeroActuals", m.mapeSkipped());
    put(out, "smape", m.smape());
    put(out, "directionalAccuracy", m.directionalAccuracy());
    put(out, "correlation", m.correlation());
    put(out, "coverage95", m.coverage95());
    put(out, "rushDayRecall", m.rushDayRecall());
    return out;
  }

  public static ObjectNode metrics(Map<String, ForecastMetrics> byKpi) {
    ObjectNode out = MAPPER.createObjectNode();
    byKpi.forEach((kpi, m) -> out.set(kpi, metrics(m)));
    return out;
  }

  public static ObjectNode effect(Effect e) {
    ObjectNode out = MAPPER.createObjectNode();
    put(out, "estimate", e.estimate());
    put(out, "standardError", e.standardError());
    ArrayNode interval = out.putArray("interval95");
    interval.add(e.lower95());
    interval.add(e.upper95());
    out.put("n", e.n());
    put(out, "pValue", e.pValue());
    return out;
  }

  public static ArrayNode calendar(List<CalendarDay> days) {
    ArrayNode out = MAPPER.createArrayNode();
    for (CalendarDay d : days) {
      ObjectNode day = out.addObject();
      day.put("t", d.period().toString());
      day.put("kpi", d.kpi());
      put(day, "predicted", d.predicted());
      put(day, "lower95", d.lower95());
      put(day, "upper95", d.upper95());
      day.put("rush", d.rush());
    }
    return out;
  }
}
