package io.limbic.projections.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.curiosity.Curiosity;
import io.limbic.analytics.kpi.curiosity.Finding;
import io.limbic.analytics.kpi.curiosity.HypothesisLibrary;
import io.limbic.analytics.kpi.curiosity.HypothesisTemplate;
import io.limbic.analytics.kpi.curiosity.SeriesSet;
import io.limbic.projections.jobs.JobWork;
import io.limbic.projections.kpi.KpiSeriesSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * Job {@code curiosity}: instantiates the hypothesis templates over the requested segments' KPIs and signals, tests
 * them all, applies Benjamini-Hochberg over the whole run and stores the findings (replacing the segments' previous
 * ones). Request: {@code {"segments"? (["all"]), "kpis", "signals"? ([]), "templates"? (all), "fdr"? (0.1),
 * "grain"?, "from"?, "to"?}}.
 */
public final class CuriosityWork implements JobWork {
  private final KpiSeriesSource source;
  private final FindingRepository repository;
  private final Clock clock;

  public CuriosityWork(KpiSeriesSource source, FindingRepository repository, Clock clock) {
    this.source = source;
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "curiosity";
  }

  @Override
  public String run(String tenant, String requestJson, Progress progress) throws Exception {
    JsonNode request = InsightJson.parse(requestJson);
    List<String> segments = InsightJson.strings(request, "segments", List.of("all"));
    List<String> kpis = InsightJson.strings(request, "kpis", null);
    List<String> signals = InsightJson.strings(request, "signals", List.of());
    if (segments.isEmpty() || kpis.isEmpty()) throw new IllegalArgumentException("segments and kpis: at least one each");
    List<HypothesisTemplate> templates =
        HypothesisLibrary.only(new HashSet<>(InsightJson.strings(request, "templates", List.of())));
    double fdr = InsightJson.number(request, "fdr", 0.1, 0.001, 0.5);
    InsightJson.Window window = InsightJson.window(request, clock);

    List<SeriesSet> series = new ArrayList<>();
    for (String segment : segments) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      series.add(SeriesSet.of(segment,
          source.panel(tenant, segment, window.grain(), kpis, signals, window.from(), window.to())));
    }
    Curiosity.Report report = Curiosity.run(series, templates, fdr, BacktestWork.part(progress, 0.1, 0.95));
    String runId = UUID.randomUUID().toString();
    repository.replace(tenant, segments, runId, clock.instant(), report);
    progress.report(1);

    ObjectNode out = InsightJson.MAPPER.createObjectNode();
    out.put("runId", runId);
    out.put("tested", report.tested());
    out.put("skipped", report.skipped());
    out.put("fdr", fdr);
    ArrayNode discoveries = out.putArray("discoveries");
    for (Finding f : report.discoveries()) discoveries.add(finding(f));
    return InsightJson.MAPPER.writeValueAsString(out);
  }

  public static ObjectNode finding(Finding f) {
    ObjectNode node = InsightJson.MAPPER.createObjectNode();
    node.put("template", f.template());
    node.put("statement", f.statement());
    node.put("segment", f.segment());
    node.put("kpi", f.kpi());
    node.put("subject", f.subject());
    node.put("lag", f.lag());
    node.setAll(InsightJson.effect(f.effect()));
    InsightJson.put(node, "qValue", f.qValue());
    node.put("discovery", f.discovery());
    return node;
  }
}
