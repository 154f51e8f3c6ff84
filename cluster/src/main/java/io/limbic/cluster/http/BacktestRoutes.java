package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.projections.insights.BacktestRepository;
import io.limbic.projections.insights.BacktestRun;
import io.limbic.projections.insights.CuriosityWork;
import io.limbic.projections.insights.FindingRepository;
import io.limbic.projections.insights.InsightJson;
import io.limbic.projections.insights.SignalLiftRepository;
import io.limbic.projections.insights.StoredFinding;
import io.limbic.projections.insights.StoredLift;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Reads of what the insight jobs stored: {@code GET /v1/backtests?segment=&model=} (latest runs with metrics),
 * {@code GET /v1/backtests/calendar?segment=&days=} (the predictive calendar from today), {@code GET
 * /v1/signal-lifts?segment=} and {@code GET /v1/findings?segment=&q=} (findings with q-value at most q, default 0.1).
 */
public final class BacktestRoutes {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
  static final int MAX_RUNS = 50;
  static final int MAX_FINDINGS = 1_000;

  private final BacktestRepository backtests;
  private final SignalLiftRepository lifts;
  private final FindingRepository findings;
  private final Executor blocking;
  private final Clock clock;

  public BacktestRoutes(BacktestRepository backtests, SignalLiftRepository lifts, FindingRepository findings,
      Executor blocking, Clock clock) {
    this.backtests = backtests;
    this.lifts = lifts;
    this.findings = findings;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    // The method directive sits inside each path, so a request for another path is not this resource's
    // (GuardedRoutes probes by method: an outer get() would claim every path and answer 403 instead of 404).
    return Directives.concat(
        Directives.path(PathMatchers.segment("backtests").slash("calendar"), () -> Directives.get(() ->
            segment(segment -> Directives.parameterOptional("days", days -> calendar(tenant, segment, days))))),
        Directives.path("backtests", () -> Directives.get(() -> segment(segment ->
            Directives.parameterOptional("model", model -> runs(tenant, segment, model))))),
        Directives.path("signal-lifts", () -> Directives.get(() -> segment(segment -> signalLifts(tenant, segment)))),
        Directives.path("findings", () -> Directives.get(() -> segment(segment ->
            Directives.parameterOptional("q", q -> findings(tenant, segment, q))))));
  }

  private static Route segment(java.util.function.Function<String, Route> inner) {
    return Directives.parameterOptional("segment", segment -> {
      String name = segment.orElse("all");
      if (!NAME.matcher(name).matches()) {
        return Directives.complete(Problems.badRequest("invalid_segment", "segment: 1-128 of A-Z a-z 0-9 _ . : -"));
      }
      return inner.apply(name);
    });
  }

  private Route runs(String tenant, String segment, Optional<String> model) {
    if (model.isPresent() && !NAME.matcher(model.get()).matches()) {
      return Directives.complete(Problems.badRequest("invalid_model", "model: a model type such as state_space"));
    }
    return answer(() -> {
      ObjectNode out = InsightJson.MAPPER.createObjectNode();
      out.put("segment", segment);
      ArrayNode runs = out.putArray("runs");
      for (BacktestRun r : backtests.runs(tenant, segment, model.orElse(null), MAX_RUNS)) {
        ObjectNode run = runs.addObject();
        run.put("runId", r.runId());
        run.put("model", r.model());
        run.put("grain", r.grain());
        run.put("from", r.from().toString());
        run.put("to", r.to().toString());
        run.put("minHistory", r.minHistory());
        run.put("step", r.step());
        run.put("horizon", r.horizon());
        run.put("origins", r.origins());
        run.put("ranAt", r.ranAt().toString());
        run.set("metrics", InsightJson.metrics(r.metrics()));
      }
      return out;
    });
  }

  private Route calendar(String tenant, String segment, Optional<String> daysParam) {
    int days;
    try {
      days = daysParam.map(Integer::parseInt).orElse(14);
    } catch (NumberFormatException e) {
      days = -1;
    }
    if (days < 1 || days > 366) return Directives.complete(Problems.badRequest("invalid_days", "days: 1 to 366"));
    int limit = days;
    return answer(() -> {
      ObjectNode out = InsightJson.MAPPER.createObjectNode();
      out.put("segment", segment);
      out.set("days", InsightJson.calendar(
          backtests.calendar(tenant, segment, clock.instant().truncatedTo(ChronoUnit.DAYS), limit)));
      return out;
    });
  }

  private Route signalLifts(String tenant, String segment) {
    return answer(() -> {
      ObjectNode out = InsightJson.MAPPER.createObjectNode();
      out.put("segment", segment);
      ArrayNode array = out.putArray("lifts");
      for (StoredLift s : lifts.lifts(tenant, segment)) {
        ObjectNode node = array.addObject();
        node.put("kpi", s.lift().kpi());
        node.put("signal", s.lift().signal());
        node.put("lag", s.lift().lag());
        node.setAll(InsightJson.effect(s.lift().effect()));
        node.put("model", s.lift().model());
        if (s.previous() == null) node.putNull("previousEstimate");
        else node.put("previousEstimate", s.previous());
        if (s.configured() == null) node.putNull("configured");
        else node.put("configured", s.configured());
        node.put("contradicts", s.contradicts());
        node.put("learnedAt", s.learnedAt().toString());
      }
      return out;
    });
  }

  private Route findings(String tenant, String segment, Optional<String> qParam) {
    double q;
    try {
      q = qParam.map(Double::parseDouble).orElse(0.1);
    } catch (NumberFormatException e) {
      q = Double.NaN;
    }
    if (!(q >= 0 && q <= 1)) return Directives.complete(Problems.badRequest("invalid_q", "q: a number from 0 to 1"));
    double maxQ = q;
    return answer(() -> {
      ObjectNode out = InsightJson.MAPPER.createObjectNode();
      out.put("segment", segment);
      out.put("q", maxQ);
      ArrayNode array = out.putArray("findings");
      for (StoredFinding f : findings.findings(tenant, segment, maxQ, MAX_FINDINGS)) {
        ObjectNode node = CuriosityWork.finding(f.finding());
        node.remove("degreesOfFreedom");
        node.put("fdr", f.fdr());
        node.put("foundAt", f.foundAt().toString());
        array.add(node);
      }
      return out;
    });
  }

  private Route answer(Callable<ObjectNode> read) {
    CompletableFuture<ObjectNode> body = CompletableFuture.supplyAsync(() -> {
      try {
        return read.call();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, blocking);
    return ApiDirectives.onResult(body, Json::ok);
  }
}
