package io.limbic.cluster.http;

import io.limbic.projections.kpi.Grain;
import io.limbic.projections.kpi.JdbcKpiSeriesSource;
import io.limbic.projections.kpi.KpiNames;
import io.limbic.protocol.http.SegmentInput;
import io.limbic.protocol.kpi.SegmentDefinition;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/kpis?segment=&from=&to=&grain=day|hour[&kpi=a,b]}: the segment's KPI series from the KPI read
 * model, {@code {"segment", "grain", "from", "to", "controls", "series": {"<kpi>": [{"t", "value"}]}}}, one point
 * per whole period ({@code from} rounded down, {@code to} up to the grain); {@code value} is null where a level
 * KPI (evi) has no data.
 */
public final class KpiRoutes {
  /** Without {@code from}: this many periods before {@code to}. */
  static final int DEFAULT_PERIODS = 30;
  static final int MAX_KPIS = 50;

  private final JdbcKpiSeriesSource source;
  private final Executor blocking;
  private final Clock clock;

  public KpiRoutes(JdbcKpiSeriesSource source, Executor blocking, Clock clock) {
    this.source = source;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.path("kpis", () -> Directives.get(() ->
        Directives.parameterOptional("segment", segment -> Directives.parameterOptional("grain", grain ->
            Directives.parameterOptional("from", from -> Directives.parameterOptional("to", to ->
                Directives.parameterOptional("kpi", kpi ->
                    kpis(tenant, segment.orElse(SegmentInput.BUILT_IN), grain.orElse("day"), from, to, kpi))))))));
  }

  private Route kpis(String tenant, String segment, String grainName, Optional<String> from, Optional<String> to,
      Optional<String> kpi) {
    Optional<Grain> grain = Grain.of(grainName);
    if (grain.isEmpty()) return bad("invalid_grain", "grain: day or hour");
    Grain g = grain.get();
    Instant end;
    Instant start;
    try {
      end = g.ceil(to.map(Instant::parse).orElse(clock.instant()));
      start = g.floor(from.map(Instant::parse).orElse(end.minus(g.length().multipliedBy(DEFAULT_PERIODS))));
    } catch (DateTimeParseException e) {
      return bad("invalid_period", "from, to: ISO-8601 instants such as 2026-03-01T00:00:00Z");
    }
    if (!start.isBefore(end)) return bad("invalid_period", "from: must be before to");
    long periods = (end.getEpochSecond() - start.getEpochSecond()) / g.length().getSeconds();
    if (periods > g.maxPeriods()) {
      return bad("range_too_large", "a " + g.key() + " series spans at most " + g.maxPeriods() + " periods; this one "
          + periods);
    }
    List<String> names = kpi.map(k -> Arrays.stream(k.split(",", -1)).map(String::trim).distinct().toList())
        .orElse(List.of());
    if (names.size() > MAX_KPIS) return bad("invalid_kpi", "kpi: at most " + MAX_KPIS + " names");
    for (String name : names) {
      if (!KpiNames.valid(name)) {
        return bad("invalid_kpi", "kpi: unknown KPI '" + name + "'; one of " + String.join(", ", KpiNames.FIXED)
            + ", emotions.<state>, interventions.<variant>, events.<type>");
      }
    }
    return ApiDirectives.onResult(CompletableFuture.supplyAsync(() -> {
      try {
        Optional<SegmentDefinition> definition = source.definition(tenant, segment);
        return Json.ok(body(segment, g, start, end, definition,
            source.series(tenant, segment, g, names, start, end)));
      } catch (JdbcKpiSeriesSource.UnknownSegment e) {
        return Problems.badRequest("unknown_segment", e.getMessage() + "; see GET /v1/segments");
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    }, blocking), (HttpResponse r) -> r);
  }

  private static Map<String, Object> body(String segment, Grain grain, Instant start, Instant end,
      Optional<SegmentDefinition> definition, JdbcKpiSeriesSource.Series series) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("segment", segment);
    out.put("grain", grain.key());
    out.put("from", start.toString());
    out.put("to", end.toString());
    out.put("controls", definition.map(d -> d.controls().stream().map(KpiNames::control).toList()).orElse(List.of()));
    Map<String, Object> values = new LinkedHashMap<>();
    series.values().forEach((name, v) -> {
      List<Map<String, Object>> points = new ArrayList<>(v.length);
      for (int i = 0; i < v.length; i++) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("t", series.periods().get(i).toString());
        point.put("value", Double.isNaN(v[i]) ? null : v[i]);
        points.add(point);
      }
      values.put(name, points);
    });
    out.put("series", values);
    return out;
  }

  private static Route bad(String code, String detail) {
    return Directives.complete(Problems.badRequest(code, detail));
  }
}
