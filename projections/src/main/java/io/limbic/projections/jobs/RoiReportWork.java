package io.limbic.projections.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.forensics.DecisionRow;
import io.limbic.analytics.forensics.Interval;
import io.limbic.analytics.forensics.InterventionLedger;
import io.limbic.analytics.forensics.VariantReport;
import io.limbic.analytics.kpi.Progress;
import io.limbic.projections.db.StoredJson;
import io.limbic.projections.interventions.InterventionRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code roi_report}: the intervention forensics of the last {@code days} (default 30, at most 1830) as one stored
 * report: per context and variant its exposures, lift, prevented churn value, cost, ROI and projected quarterly
 * saves (the same figures as {@code GET /v1/forensics/interventions}), plus the totals over all variants. Request
 * {@code {"days"?}}; the monthly schedule {@code monthly-roi-report} runs it.
 */
public final class RoiReportWork implements JobWork {
  public static final String KIND = "roi_report";
  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 1830;
  static final int MAX_DECISIONS = 200_000;

  private final InterventionRepository decisions;
  private final Clock clock;

  public RoiReportWork(InterventionRepository decisions, Clock clock) {
    this.decisions = decisions;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String run(String tenant, String requestJson, Progress progress) throws Exception {
    int days = days(StoredJson.MAPPER.readTree(requestJson));
    Instant until = clock.instant();
    Instant since = until.minus(Duration.ofDays(days));
    List<DecisionRow> rows = decisions.since(tenant, since, MAX_DECISIONS).stream()
        .map(r -> new DecisionRow(r.contextId(), r.variantId(), r.holdout(), r.decidedAt(), r.outcome(), r.cost(),
            r.lifetimeValue()))
        .toList();
    progress.report(0.5);
    if (progress.cancelled()) throw new Progress.Cancelled();
    ObjectNode out = StoredJson.MAPPER.createObjectNode();
    out.put("since", since.toString());
    out.put("until", until.toString());
    out.put("decisions", rows.size());
    out.put("truncated", rows.size() >= MAX_DECISIONS);
    ArrayNode variants = out.putArray("variants");
    double cost = 0;
    double value = 0;
    double valueLow = 0;
    double valueHigh = 0;
    for (InterventionLedger.Line line : InterventionLedger.lines(rows, since)) {
      VariantReport r = line.report();
      ObjectNode v = variants.addObject();
      v.put("contextId", r.contextId());
      v.put("variantId", r.variantId());
      v.put("exposures", r.treated().exposures());
      v.put("holdoutExposures", r.holdout().exposures());
      interval(v.putObject("lift"), r.lift());
      interval(v.putObject("preventedChurnValue"), r.preventedChurnValue());
      v.put("cost", r.cost());
      number(v, "roi", r.roi());
      interval(v.putObject("quarterlySaves"), line.quarterlySaves());
      cost += r.cost();
      if (finite(r.preventedChurnValue().estimate())) value += r.preventedChurnValue().estimate();
      if (finite(r.preventedChurnValue().low())) valueLow += r.preventedChurnValue().low();
      if (finite(r.preventedChurnValue().high())) valueHigh += r.preventedChurnValue().high();
    }
    ObjectNode totals = out.putObject("totals");
    totals.put("cost", cost);
    // Summed bounds are conservative (they assume the variants' errors move together), not a joint interval.
    interval(totals.putObject("preventedChurnValue"), new Interval(value, valueLow, valueHigh));
    number(totals, "roi", cost > 0 ? (value - cost) / cost : Double.NaN);
    progress.report(1);
    return StoredJson.MAPPER.writeValueAsString(out);
  }

  private static int days(JsonNode request) {
    JsonNode days = request == null ? null : request.get("days");
    if (days == null || days.isNull()) return DEFAULT_DAYS;
    if (!days.canConvertToInt() || !days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > MAX_DAYS) {
      throw new IllegalArgumentException("days: a whole number from 1 to " + MAX_DAYS);
    }
    return days.asInt();
  }

  private static void interval(ObjectNode node, Interval i) {
    number(node, "estimate", i.estimate());
    number(node, "low", i.low());
    number(node, "high", i.high());
  }

  private static void number(ObjectNode node, String field, double x) {
    if (finite(x)) node.put(field, x);
    else node.putNull(field);
  }

  private static boolean finite(double x) {
    return !Double.isNaN(x) && !Double.isInfinite(x);
  }
}
