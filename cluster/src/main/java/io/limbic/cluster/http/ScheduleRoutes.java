package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.schedule.CronExpression;
import io.limbic.projections.jobs.JobPlatform;
import io.limbic.projections.schedules.Schedule;
import io.limbic.projections.schedules.ScheduleDefault;
import io.limbic.projections.schedules.ScheduleRepository;
import io.limbic.projections.schedules.ScheduleSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The caller's tenant's schedules: {@code GET /v1/schedules} (each with its last run, outcome and next run) and
 * {@code PUT /v1/schedules/{name}} {@code {"cron"?, "enabled"?, "kind"?, "request"?}} (admin). For a default's name
 * (e.g. {@code nightly-estimate}) the missing fields come from the default, so {@code {"enabled": true}} opts a
 * tenant in; any other name needs {@code cron} and {@code kind}.
 */
public final class ScheduleRoutes {
  private static final long MAX_BODY = 64 * 1024;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final ScheduleRepository schedules;
  private final JobPlatform jobs;
  private final ScheduleSettings settings;
  private final Executor blocking;
  private final Clock clock;

  public ScheduleRoutes(
      ScheduleRepository schedules, JobPlatform jobs, ScheduleSettings settings, Executor blocking, Clock clock) {
    this.schedules = schedules;
    this.jobs = jobs;
    this.settings = settings;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.concat(
        Directives.path("schedules", () -> Directives.get(() -> ApiDirectives.onResult(
            blockingly(() -> schedules.list(tenant)),
            list -> Json.ok(Map.of("schedules", list.stream().map(this::view).toList()))))),
        Directives.path(PathMatchers.segment("schedules").slash(PathMatchers.segment()), name ->
            Directives.put(() -> ApiDirectives.jsonBody(MAX_BODY, body -> put(tenant, name, body)))));
  }

  private Route put(String tenant, String name, JsonNode body) {
    if (!NAME.matcher(name).matches()) {
      return bad("invalid_name", "name: 1 to 64 lower-case letters, digits and dashes");
    }
    if (!body.isObject()) return bad("invalid_body", "a JSON object");
    Optional<ScheduleDefault> preset = settings.defaults().stream().filter(d -> d.name().equals(name)).findFirst();
    JsonNode cronNode = body.get("cron");
    JsonNode kindNode = body.get("kind");
    JsonNode enabledNode = body.get("enabled");
    JsonNode requestNode = body.get("request");
    if (cronNode != null && !cronNode.isTextual()) return bad("invalid_cron", "cron: a string");
    if (kindNode != null && !kindNode.isTextual()) return bad("invalid_kind", "kind: a string");
    if (enabledNode != null && !enabledNode.isBoolean()) return bad("invalid_enabled", "enabled: true or false");
    if (requestNode != null && !requestNode.isObject()) return bad("invalid_request", "request: a JSON object");
    String cron = cronNode != null ? cronNode.asText() : preset.map(ScheduleDefault::cron).orElse(null);
    String kind = kindNode != null ? kindNode.asText() : preset.map(ScheduleDefault::kind).orElse(null);
    if (cron == null) return bad("invalid_cron", "cron: required for a schedule that is not a default");
    if (kind == null) return bad("invalid_kind", "kind: required for a schedule that is not a default");
    try {
      CronExpression.parse(cron);
    } catch (IllegalArgumentException e) {
      return bad("invalid_cron", e.getMessage());
    }
    if (!jobs.has(kind)) return bad("invalid_kind", "kind: no job kind '" + kind + "'; known: " + jobs.kinds());
    String request = requestNode != null ? requestNode.toString() : preset.map(ScheduleDefault::requestJson)
        .orElse("{}");
    boolean enabled = enabledNode == null || enabledNode.asBoolean();
    return ApiDirectives.onResult(
        blockingly(() -> schedules.put(tenant, name, kind, cron, enabled, request, clock.instant())),
        s -> Json.ok(view(s)));
  }

  private Map<String, Object> view(Schedule s) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", s.name());
    v.put("kind", s.kind());
    v.put("cron", s.cron());
    v.put("enabled", s.enabled());
    v.put("request", parsed(s.requestJson()));
    Instant now = clock.instant();
    v.put("nextRun", s.enabled() ? nextRun(s, now) : null);
    if (s.lastPeriod() != null || s.lastOutcome() != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("period", s.lastPeriod());
      last.put("at", s.lastRunAt());
      last.put("jobId", s.lastJobId());
      last.put("outcome", s.lastOutcome());
      last.put("error", s.lastError());
      last.put("attempts", s.attempts());
      last.put("retryAt", s.retryAt());
      v.put("lastRun", last);
    } else {
      v.put("lastRun", null);
    }
    v.put("checkedAt", s.checkedAt());
    return v;
  }

  /** The next period's start, or the pending retry when that comes first. */
  private static Instant nextRun(Schedule s, Instant now) {
    Instant next = CronExpression.parse(s.cron()).next(now).orElse(null);
    if (s.retryAt() != null && "failed".equals(s.lastOutcome()) && (next == null || s.retryAt().isBefore(next))) {
      return s.retryAt().isBefore(now) ? now : s.retryAt();
    }
    return next;
  }

  private static JsonNode parsed(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }

  private static Route bad(String code, String detail) {
    return Directives.complete(Problems.badRequest(code, detail));
  }

  private interface Query<T> {
    T run() throws Exception;
  }

  private <T> CompletionStage<T> blockingly(Query<T> query) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return query.run();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, blocking);
  }
}
