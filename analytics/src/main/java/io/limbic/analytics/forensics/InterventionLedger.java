package io.limbic.analytics.forensics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns decisions into one report per context and variant against that context's holdout, with a quarterly
 * projection of saves. A week's saves for a variant are (the context's holdout churn rate over the whole period -
 * the variant's churn rate that week) x its exposures that week: the holdout is too small to split by week.
 */
public final class InterventionLedger {
  /** A variant's report and its projected saves (prevented churns) over the next quarter. */
  public record Line(VariantReport report, Interval quarterlySaves, List<Double> weeklySaves) {}

  private InterventionLedger() {}

  public static List<Line> lines(List<DecisionRow> rows, Instant from) {
    Map<String, long[]> holdouts = new LinkedHashMap<>();
    Map<String, List<DecisionRow>> byVariant = new LinkedHashMap<>();
    for (DecisionRow r : rows) {
      if (r.holdout()) {
        long[] h = holdouts.computeIfAbsent(r.contextId(), k -> new long[3]);
        h[0]++;
        if ("success".equals(r.outcome())) h[1]++;
        if ("failure".equals(r.outcome())) h[2]++;
      } else {
        byVariant.computeIfAbsent(r.contextId() + "\u0000" + r.variantId(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Line> lines = new ArrayList<>();
    for (Map.Entry<String, List<DecisionRow>> e : byVariant.entrySet()) {
      List<DecisionRow> treated = e.getValue();
      String contextId = treated.get(0).contextId();
      String variantId = treated.get(0).variantId();
      long[] h = holdouts.getOrDefault(contextId, new long[3]);
      ArmOutcomes holdout = new ArmOutcomes(h[0], h[1], h[2], 0);
      long successes = treated.stream().filter(r -> "success".equals(r.outcome())).count();
      long failures = treated.stream().filter(r -> "failure".equals(r.outcome())).count();
      double cost = treated.stream().mapToDouble(DecisionRow::cost).sum();
      double meanValue = treated.stream().mapToDouble(DecisionRow::lifetimeValue).average().orElse(0);
      ArmOutcomes arm = new ArmOutcomes(treated.size(), successes, failures, cost);
      VariantReport report = InterventionForensics.compare(contextId, variantId, arm, holdout, meanValue);
      List<Double> weekly = weeklySaves(treated, holdout.failureRate(), from);
      lines.add(new Line(report, QuarterlyProjection.of(weekly), weekly));
    }
    return lines;
  }

  private static List<Double> weeklySaves(List<DecisionRow> treated, double holdoutChurnRate, Instant from) {
    if (Double.isNaN(holdoutChurnRate)) return List.of();
    TreeMap<Long, long[]> weeks = new TreeMap<>();
    long weekMillis = Duration.ofDays(7).toMillis();
    for (DecisionRow r : treated) {
      long week = Math.floorDiv(r.decidedAt().toEpochMilli() - from.toEpochMilli(), weekMillis);
      long[] w = weeks.computeIfAbsent(week, k -> new long[2]);
      w[0]++;
      if ("failure".equals(r.outcome())) w[1]++;
    }
    if (weeks.isEmpty()) return List.of();
    List<Double> saves = new ArrayList<>();
    for (long week = weeks.firstKey(); week <= weeks.lastKey(); week++) {
      long[] w = weeks.getOrDefault(week, new long[2]);
      saves.add(w[0] == 0 ? 0 : (holdoutChurnRate - (double) w[1] / w[0]) * w[0]);
    }
    return saves;
  }
}
