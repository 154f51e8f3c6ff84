package io.limbic.cluster.http;

import io.limbic.analytics.forensics.EmotionOutcomes;
import io.limbic.analytics.forensics.EmotionReading;
import io.limbic.analytics.forensics.EmotionVolatility;
import io.limbic.analytics.forensics.EmotionVolatility.Totals;
import io.limbic.analytics.forensics.EmotionWeather;
import io.limbic.analytics.forensics.FailureLog;
import io.limbic.analytics.forensics.OutcomeRules;
import io.limbic.analytics.forensics.ProductOutcome;
import io.limbic.projections.forensics.ForensicsRepository;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.EscalationPolicyCommand;
import io.limbic.protocol.intervention.InterventionCommand;
import io.limbic.protocol.intervention.StoredInterventionConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Revenue forensics, read role: {@code GET /v1/forensics/emotions?from=&to=}, {@code evi?date=},
 * {@code weather?date=} and {@code failures?from=&to=}, from the emotion-forensics and product-outcomes read models
 * (and, for failures, the decisions, feedback and incidents ones). The outcome types and window come from the
 * tenant's interventions config, the rage grade and acknowledgement deadline from its escalation policy, both
 * asked of their entities per request. ({@code interventions} is {@link InterventionForensicsRoutes}.)
 */
public final class ForensicsRoutes {
  static final int MAX_ROWS = 200_000;
  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final ForensicsRepository repository;
  private final Executor blocking;
  private final Clock clock;

  public ForensicsRoutes(ClusterSharding sharding, Duration askTimeout, ForensicsRepository repository,
      Executor blocking, Clock clock) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.repository = repository;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    // The method directive inside each path: an outer get() would claim every /v1/forensics/... path, so a key
    // without the read role got 403 for an unknown one instead of 404 (GuardedRoutes probes by method).
    return Directives.pathPrefix("forensics", () -> Directives.concat(
        Directives.path("emotions", () -> Directives.get(() -> period((from, to) -> emotions(tenant, from, to)))),
        Directives.path("failures", () -> Directives.get(() -> period((from, to) -> failures(tenant, from, to)))),
        Directives.path("evi", () -> Directives.get(() -> day(date -> evi(tenant, date)))),
        Directives.path("weather", () -> Directives.get(() -> day(date -> weather(tenant, date))))));
  }

  private interface PeriodRoute {
    Route apply(Instant from, Instant to);
  }

  private Route period(PeriodRoute inner) {
    return Directives.parameterOptional("from", from -> Directives.parameterOptional("to", to -> {
      Instant now = clock.instant();
      Instant end;
      Instant start;
      try {
        end = to.map(Instant::parse).orElse(now);
        start = from.map(Instant::parse).orElse(end.minus(DEFAULT_PERIOD));
      } catch (DateTimeParseException e) {
        return Directives.complete(Problems.badRequest("invalid_period", "from, to: ISO-8601 instants"));
      }
      if (!start.isBefore(end)) {
        return Directives.complete(Problems.badRequest("invalid_period", "from: must be before to"));
      }
      return inner.apply(start, end);
    }));
  }

  private Route day(Function<LocalDate, Route> inner) {
    return Directives.parameterOptional("date", date -> {
      try {
        return inner.apply(date.map(LocalDate::parse).orElse(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
      } catch (DateTimeParseException e) {
        return Directives.complete(Problems.badRequest("invalid_date", "date: YYYY-MM-DD (a UTC day)"));
      }
    });
  }

  private Route emotions(String tenant, Instant from, Instant to) {
    CompletionStage<Map<String, Object>> body = rules(tenant).thenApplyAsync(rules -> {
      List<EmotionReading> readings = call(() -> repository.readings(tenant, from, to, MAX_ROWS));
      List<ProductOutcome> outcomes = call(() -> repository.outcomes(tenant, rules.successEvent(),
          rules.failureEvent(), from, to.plus(rules.window()), MAX_ROWS));
      Map<String, Object> out = head(from, to, rules);
      out.put("readings", readings.size());
      out.put("truncated", readings.size() >= MAX_ROWS || outcomes.size() >= MAX_ROWS);
      out.put("method", ForensicsJson.EMOTIONS_METHOD);
      out.put("lines", EmotionOutcomes.lines(readings, outcomes, rules).stream().map(ForensicsJson::line).toList());
      return out;
    }, blocking);
    return ApiDirectives.onResult(body, Json::ok);
  }

  private Route evi(String tenant, LocalDate date) {
    CompletableFuture<Map<String, Object>> body = CompletableFuture.supplyAsync(() -> {
      Map<String, Totals> pages = call(() -> repository.volatility(tenant, date));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("date", date.toString());
      out.put("segment", EmotionVolatility.ALL_SEGMENT);
      out.put("formula", ForensicsJson.EVI_FORMULA);
      out.put("tenant", ForensicsJson.volatility(null, sum(pages)));
      List<Map<String, Object>> rows = new ArrayList<>();
      pages.forEach((page, totals) -> rows.add(ForensicsJson.volatility(page, totals)));
      out.put("pages", rows);
      return out;
    }, blocking);
    return ApiDirectives.onResult(body, Json::ok);
  }

  private Route weather(String tenant, LocalDate date) {
    CompletableFuture<Map<String, Object>> body = CompletableFuture.supplyAsync(() -> {
      Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
      List<EmotionReading> readings = call(() -> repository.readings(tenant, start, start.plus(Duration.ofDays(1)),
          MAX_ROWS));
      EmotionWeather.Report report = EmotionWeather.of(date, readings, call(() -> repository.timeByState(tenant, date)),
          sum(call(() -> repository.volatility(tenant, date))),
          sum(call(() -> repository.volatility(tenant, date.minusDays(1)))));
      Map<String, Object> out = ForensicsJson.weather(report);
      out.put("truncated", readings.size() >= MAX_ROWS);
      return out;
    }, blocking);
    return ApiDirectives.onResult(body, Json::ok);
  }

  private Route failures(String tenant, Instant from, Instant to) {
    CompletionStage<Map<String, Object>> body = rules(tenant).thenCombine(policy(tenant), Settings::new)
        .thenApplyAsync(settings -> failureLog(tenant, from, to, settings.rules(), settings.policy()), blocking);
    return ApiDirectives.onResult(body, Json::ok);
  }

  private record Settings(OutcomeRules rules, EscalationPolicy policy) {}

  private Map<String, Object> failureLog(String tenant, Instant from, Instant to, OutcomeRules rules,
      EscalationPolicy policy) {
      double minConfidence = policy.trigger().minConfidence();
      Duration window = rules.window();
      List<FailureLog.Item> falsePositives = FailureLog.falsePositives(
          call(() -> repository.falsePositives(tenant, from, to, MAX_ROWS)));
      List<ProductOutcome> churns = call(() -> repository.outcomes(tenant, rules.failureEvent(), rules.failureEvent(),
          from, to, MAX_ROWS));
      List<EmotionReading> rages = call(() -> repository.rages(tenant, from.minus(window), to, minConfidence,
          MAX_ROWS));
      List<String> users = churns.stream().map(ProductOutcome::userId).distinct().toList();
      List<FailureLog.DecisionSpan> decisions = call(() -> repository.decisions(tenant, users, from.minus(window), to));
      List<FailureLog.IncidentSpan> incidents = call(() -> repository.incidents(tenant, from.minus(window), to,
          MAX_ROWS));
      List<FailureLog.Item> missed = FailureLog.missedSaves(rages, minConfidence, churns, decisions, incidents, window);
      List<FailureLog.Item> late = FailureLog.lateIncidents(
          incidents.stream().filter(i -> !i.openedAt().isBefore(from)).toList(), policy.escalateAfter(),
          clock.instant());
      Map<String, Object> out = head(from, to, rules);
      out.put("minConfidence", minConfidence);
      out.put("escalateAfter", policy.escalateAfter().toString());
      out.put("definitions", ForensicsJson.FAILURE_DEFINITIONS);
      out.put("falsePositives", items(falsePositives));
      out.put("missedSaves", items(missed));
      out.put("lateIncidents", items(late));
      return out;
  }

  private static List<Map<String, Object>> items(List<FailureLog.Item> items) {
    return items.stream().sorted(Comparator.comparing(FailureLog.Item::at)).map(ForensicsJson::item).toList();
  }

  private static Map<String, Object> head(Instant from, Instant to, OutcomeRules rules) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", from.toString());
    out.put("to", to.toString());
    out.put("successEvent", rules.successEvent());
    out.put("failureEvent", rules.failureEvent());
    out.put("attributionWindow", rules.window().toString());
    return out;
  }

  private static Totals sum(Map<String, Totals> pages) {
    return pages.values().stream().reduce(Totals.NONE, Totals::plus);
  }

  /** The tenant's outcome rules: its interventions config's (a tenant without one gets the defaults). */
  private CompletionStage<OutcomeRules> rules(String tenant) {
    return sharding.entityRefFor(InterventionCommand.ENTITY_TYPE, tenant)
        .<StoredInterventionConfig>askWithStatus(InterventionCommand.GetConfig::new, askTimeout)
        .thenApply(c -> new OutcomeRules(
            Optional.ofNullable(c.successEvent()).orElse(OutcomeRules.DEFAULT.successEvent()),
            Optional.ofNullable(c.failureEvent()).orElse(OutcomeRules.DEFAULT.failureEvent()),
            Optional.ofNullable(c.attributionWindow()).orElse(OutcomeRules.DEFAULT.window())));
  }

  private CompletionStage<EscalationPolicy> policy(String tenant) {
    return sharding.entityRefFor(EscalationPolicyCommand.ENTITY_TYPE, tenant)
        .askWithStatus(EscalationPolicyCommand.GetPolicy::new, askTimeout);
  }

  private interface Read<T> {
    T get() throws Exception;
  }

  private static <T> T call(Read<T> read) {
    try {
      return read.get();
    } catch (Exception e) {
      throw new java.util.concurrent.CompletionException(e);
    }
  }
}
