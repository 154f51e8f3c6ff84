package io.limbic.projections.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.lift.ConfiguredLift;
import io.limbic.analytics.kpi.lift.LiftComparison;
import io.limbic.analytics.kpi.lift.SignalLift;
import io.limbic.analytics.kpi.lift.SignalLifts;
import io.limbic.projections.jobs.JobWork;
import io.limbic.projections.kpi.KpiSeriesSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Job {@code signal_lifts}: learns the lift of every signal on every KPI of a segment (see {@link SignalLifts}), at
 * the requested lags, compares them with the configured values given and stores them. Request: {@code {"segment",
 * "kpis", "signals", "lags"? ([0]), "configured"? ([{"kpi", "signal", "value"}]), "grain"?, "from"?, "to"?}}.
 * Configured lifts come with the request ({@code configured}); tenant settings do not hold them.
 */
public final class SignalLiftsWork implements JobWork {
  private final KpiSeriesSource source;
  private final SignalLiftRepository repository;
  private final Clock clock;

  public SignalLiftsWork(KpiSeriesSource source, SignalLiftRepository repository, Clock clock) {
    this.source = source;
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "signal_lifts";
  }

  @Override
  public String run(String tenant, String requestJson, Progress progress) throws Exception {
    JsonNode request = InsightJson.parse(requestJson);
    String segment = InsightJson.text(request, "segment", "all");
    List<String> kpis = InsightJson.strings(request, "kpis", null);
    List<String> signals = InsightJson.strings(request, "signals", null);
    if (kpis.isEmpty() || signals.isEmpty()) throw new IllegalArgumentException("kpis and signals: at least one each");
    List<Integer> lags = new ArrayList<>();
    JsonNode lagNode = request.get("lags");
    if (lagNode == null || lagNode.isNull()) lags.add(0);
    else if (!lagNode.isArray()) throw new IllegalArgumentException("lags: an array of integers from 0 to 28");
    else for (JsonNode l : lagNode) {
      if (!l.isIntegralNumber() || l.asInt() < 0 || l.asInt() > 28) {
        throw new IllegalArgumentException("lags: an array of integers from 0 to 28");
      }
      lags.add(l.asInt());
    }
    List<ConfiguredLift> configured = configured(request.get("configured"));
    InsightJson.Window window = InsightJson.window(request, clock);

    KpiPanel panel = source.panel(tenant, segment, window.grain(), kpis, signals, window.from(), window.to());
    List<SignalLift> lifts = new ArrayList<>();
    for (int i = 0; i < lags.size(); i++) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      lifts.addAll(SignalLifts.all(segment, panel, lags.get(i)));
      progress.report((i + 1.0) / (lags.size() + 1));
    }
    List<LiftComparison> comparisons = SignalLifts.compare(lifts, configured);
    String runId = UUID.randomUUID().toString();
    repository.save(tenant, runId, clock.instant(), lifts, comparisons);
    progress.report(1);

    ObjectNode out = InsightJson.MAPPER.createObjectNode();
    out.put("runId", runId);
    out.put("segment", segment);
    ArrayNode liftArray = out.putArray("lifts");
    for (SignalLift l : lifts) liftArray.add(lift(l));
    ArrayNode comparisonArray = out.putArray("comparisons");
    for (LiftComparison c : comparisons) {
      ObjectNode node = comparisonArray.addObject();
      node.put("kpi", c.kpi());
      node.put("signal", c.signal());
      node.put("configured", c.configured());
      if (c.learned() == null) node.putNull("learned");
      else node.set("learned", InsightJson.effect(c.learned().effect()));
      node.put("contradicts", c.contradicts());
    }
    return InsightJson.MAPPER.writeValueAsString(out);
  }

  static ObjectNode lift(SignalLift l) {
    ObjectNode node = InsightJson.MAPPER.createObjectNode();
    node.put("kpi", l.kpi());
    node.put("signal", l.signal());
    node.put("lag", l.lag());
    node.setAll(InsightJson.effect(l.effect()));
    node.put("model", l.model());
    return node;
  }

  private static List<ConfiguredLift> configured(JsonNode node) {
    List<ConfiguredLift> out = new ArrayList<>();
    if (node == null || node.isNull()) return out;
    if (!node.isArray()) throw new IllegalArgumentException("configured: an array of {kpi, signal, value}");
    for (JsonNode c : node) {
      if (!c.isObject() || c.get("value") == null || !c.get("value").isNumber()) {
        throw new IllegalArgumentException("configured: an array of {kpi, signal, value}");
      }
      out.add(new ConfiguredLift(InsightJson.text(c, "kpi", null), InsightJson.text(c, "signal", null),
          c.get("value").asDouble()));
    }
    return out;
  }
}
