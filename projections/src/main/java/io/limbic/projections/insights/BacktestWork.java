package io.limbic.projections.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.kpi.Forecaster;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.backtest.BacktestPlan;
import io.limbic.analytics.kpi.backtest.BacktestResult;
import io.limbic.analytics.kpi.backtest.CalendarDay;
import io.limbic.analytics.kpi.backtest.PredictiveCalendar;
import io.limbic.analytics.kpi.backtest.RollingOriginBacktest;
import io.limbic.projections.jobs.JobWork;
import io.limbic.projections.kpi.KpiSeriesSource;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Job {@code backtest}: reads a segment's KPIs, runs a rolling-origin backtest of the requested model, forecasts the
 * predictive calendar from the end of the data, fills in the actuals of earlier stored predictions from the series
 * it read, and stores the run. Request: {@code {"segment", "model": {...}, "grain"?, "from"?, "to"?,
 * "minHistory"? (28), "step"? (7), "horizon"? (7), "calendarDays"? (14), "paths"? (0), "seed"? (1)}}.
 */
public final class BacktestWork implements JobWork {
  private final KpiSeriesSource source;
  private final List<KpiModelFamily> families;
  private final Forecaster forecaster;
  private final BacktestRepository repository;
  private final Clock clock;

  public BacktestWork(KpiSeriesSource source, List<KpiModelFamily> families, Forecaster forecaster,
      BacktestRepository repository, Clock clock) {
    this.source = source;
    this.families = List.copyOf(families);
    this.forecaster = forecaster;
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "backtest";
  }

  @Override
  public String run(String tenant, String requestJson, Progress progress) throws Exception {
    JsonNode request = InsightJson.parse(requestJson);
    String segment = InsightJson.text(request, "segment", "all");
    ModelSpec spec = ModelSpecJson.parse(request.get("model"));
    KpiModelFamily family = families.stream().filter(f -> f.type().equals(spec.type())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("model.type: unknown model type '" + spec.type() + "'"));
    InsightJson.Window window = InsightJson.window(request, clock);
    BacktestPlan plan = new BacktestPlan(InsightJson.integer(request, "minHistory", 28, 2, 10_000),
        InsightJson.integer(request, "step", 7, 1, 1_000), InsightJson.integer(request, "horizon", 7, 1, 366),
        InsightJson.integer(request, "paths", 0, 0, 100_000), InsightJson.integer(request, "seed", 1, 0, Integer.MAX_VALUE));
    int calendarDays = InsightJson.integer(request, "calendarDays", 14, 0, 366);

    KpiPanel panel = source.panel(tenant, segment, window.grain(), spec.kpis(), spec.controls(), window.from(),
        window.to());
    BacktestResult result = new RollingOriginBacktest(family, forecaster).run(panel, spec, plan, part(progress, 0, 0.9));
    List<CalendarDay> calendar = calendarDays == 0 ? List.of() : PredictiveCalendar.forecast(family, forecaster, panel,
        spec, null, calendarDays, plan.paths(), plan.seed(), part(progress, 0.9, 1));

    int filled = 0;
    for (int i = 0; i < spec.kpis().size(); i++) {
      int col = panel.kpis().indexOf(spec.kpis().get(i));
      Map<Instant, Double> actuals = new LinkedHashMap<>();
      for (int t = 0; t < panel.length(); t++) actuals.put(panel.periods().get(t), panel.y()[t][col]);
      filled += repository.fillActuals(tenant, segment, spec.type(), spec.kpis().get(i), actuals);
    }
    String runId = UUID.randomUUID().toString();
    BacktestRun run = new BacktestRun(runId, tenant, segment, spec.type(), window.grain(), window.from(), window.to(),
        plan.minHistory(), plan.step(), plan.horizon(), result.origins(), clock.instant(), result.metrics());
    repository.save(run, result.predictions(), calendar);
    progress.report(1);

    ObjectNode out = InsightJson.MAPPER.createObjectNode();
    out.put("runId", runId);
    out.put("segment", segment);
    out.put("model", spec.type());
    out.put("origins", result.origins());
    out.put("predictions", result.predictions().size());
    out.put("actualsFilled", filled);
    out.set("metrics", InsightJson.metrics(result.metrics()));
    out.set("calendar", InsightJson.calendar(calendar));
    return InsightJson.MAPPER.writeValueAsString(out);
  }

  /** A share [from, to] of the whole job's progress. */
  static Progress part(Progress whole, double from, double to) {
    return new Progress() {
      @Override
      public void report(double fraction) {
        whole.report(from + (to - from) * Math.max(0, Math.min(1, fraction)));
      }

      @Override
      public boolean cancelled() {
        return whole.cancelled();
      }
    };
  }
}
