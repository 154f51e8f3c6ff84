package io.limbic.cluster.models;

import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Target;
import java.time.Instant;

/** The three model requests, parsed and checked as far as the request alone allows (see {@link ModelRequests}). */
public sealed interface ModelRequest {
  String segment();

  /** Fit {@code spec} on the segment's KPIs from {@code from} to {@code to}, or on {@code data} when given. */
  record Estimate(String segment, ModelSpec spec, String grain, Instant from, Instant to, KpiPanel data)
      implements ModelRequest {}

  /** {@code version} null: the latest. {@code inputs} as given (checked against the version later). */
  record Simulate(String segment, String type, Integer version, int horizonDays, double[][] inputs, int paths,
      Long seed) implements ModelRequest {}

  /** {@code budget} is {@code +Infinity} when none was given. */
  record Recommend(String segment, String type, Integer version, Target target, int horizonDays, double[] min,
      double[] max, double budget) implements ModelRequest {}
}
