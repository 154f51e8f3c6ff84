package io.limbic.projections.matching;

import io.limbic.analytics.matching.scoring.FittedWeights;
import java.util.List;
import java.util.Map;

/**
 * The match log's feature columns (V20), one per breakdown component of {@link FittedWeights#FEATURES}, in that
 * order: the values a match was scored with, logged with it so a tenant's combination can be fitted.
 */
final class LoggedFeatures {
  /** Column names in {@link FittedWeights#FEATURES} order; names go into SQL, so they only ever come from here. */
  static final List<String> COLUMNS = List.of("compat_forward", "compat_backward", "desirability", "yes_rate",
      "completeness", "recency", "distance", "mutual_interest");

  static {
    if (COLUMNS.size() != FittedWeights.FEATURES.size()) throw new IllegalStateException("one column per feature");
  }

  private LoggedFeatures() {}

  static String columnList() {
    return String.join(", ", COLUMNS);
  }

  /** The breakdown's value of feature i, or null when it lacks it (or it is not a finite number). */
  static Double value(Map<String, Double> breakdown, int i) {
    Double v = breakdown == null ? null : breakdown.get(FittedWeights.FEATURES.get(i));
    return v == null || v.isNaN() || v.isInfinite() ? null : v;
  }
}
