package io.limbic.cluster.http;

import io.limbic.analytics.forensics.DecisionRow;
import io.limbic.analytics.forensics.Interval;
import io.limbic.analytics.forensics.InterventionLedger;
import io.limbic.analytics.forensics.VariantReport;
import io.limbic.projections.interventions.InterventionRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/forensics/interventions?since=}: per context and variant against the context's holdout, from the
 * decisions read model (default: the last 90 days, at most {@link #MAX_DECISIONS} decisions).
 */
public final class InterventionForensicsRoutes {
  static final int MAX_DECISIONS = 200_000;
  private static final Duration DEFAULT_PERIOD = Duration.ofDays(90);
  // Far enough for any attribution history; an extreme instant would overflow the millisecond arithmetic below.
  private static final Duration MAX_PERIOD = Duration.ofDays(5 * 366);
  static final String METHOD = "lift = treated success rate - holdout success rate (absolute); 95 % intervals: "
      + "Newcombe's hybrid score interval for a difference of proportions (Wilson limits per arm); prevented churn "
      + "value = (holdout churn rate - treated churn rate) x treated exposures x mean lifetime value of the treated, "
      + "interval scaled from the churn difference's; ROI = (prevented churn value - cost) / cost; quarterly saves: "
      + "least-squares trend of weekly saves projected over 13 weeks, normal prediction interval";

  private final InterventionRepository repository;
  private final Executor blocking;
  private final Clock clock;

  public InterventionForensicsRoutes(InterventionRepository repository, Executor blocking, Clock clock) {
    this.repository = repository;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.path(PathMatchers.segment("forensics").slash("interventions"), () -> Directives.get(
        () -> Directives.parameterOptional("since", since -> report(tenant, since.orElse(null)))));
  }

  private Route report(String tenant, String sinceParam) {
    Instant now = clock.instant();
    Instant since;
    try {
      since = sinceParam == null ? now.minus(DEFAULT_PERIOD) : Instant.parse(sinceParam);
    } catch (DateTimeParseException e) {
      return Directives.complete(Problems.badRequest("invalid_since", "since: an ISO-8601 instant"));
    }
    if (since.isBefore(now.minus(MAX_PERIOD)) || since.isAfter(now)) {
      return Directives.complete(Problems.badRequest("invalid_since", "since: at most 5 years back, not in the future"));
    }
    CompletableFuture<Map<String, Object>> body = CompletableFuture.supplyAsync(() -> {
      try {
        List<DecisionRow> rows = repository.since(tenant, since, MAX_DECISIONS).stream()
            .map(r -> new DecisionRow(r.contextId(), r.variantId(), r.holdout(), r.decidedAt(), r.outcome(), r.cost(),
                r.lifetimeValue()))
            .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", since.toString());
        out.put("until", now.toString());
        out.put("decisions", rows.size());
        out.put("truncated", rows.size() >= MAX_DECISIONS);
        out.put("method", METHOD);
        out.put("variants", InterventionLedger.lines(rows, since).stream().map(InterventionForensicsRoutes::line)
            .toList());
        return out;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, blocking);
    return ApiDirectives.onResult(body, Json::ok);
  }

  private static Map<String, Object> line(InterventionLedger.Line line) {
    VariantReport r = line.report();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("contextId", r.contextId());
    m.put("variantId", r.variantId());
    m.put("exposures", r.treated().exposures());
    m.put("successRate", num(r.treated().successRate()));
    m.put("churnRate", num(r.treated().failureRate()));
    Map<String, Object> holdout = new LinkedHashMap<>();
    holdout.put("exposures", r.holdout().exposures());
    holdout.put("successRate", num(r.holdout().successRate()));
    holdout.put("churnRate", num(r.holdout().failureRate()));
    m.put("holdout", holdout);
    m.put("lift", interval(r.lift()));
    m.put("churnReduction", interval(r.churnReduction()));
    m.put("preventedChurnValue", interval(r.preventedChurnValue()));
    m.put("cost", r.cost());
    m.put("roi", num(r.roi()));
    m.put("weeklySaves", line.weeklySaves());
    m.put("quarterlySaves", interval(line.quarterlySaves()));
    return m;
  }

  private static Map<String, Object> interval(Interval i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("estimate", num(i.estimate()));
    m.put("low", num(i.low()));
    m.put("high", num(i.high()));
    return m;
  }

  private static Double num(double x) {
    return Double.isNaN(x) || Double.isInfinite(x) ? null : x;
  }
}
