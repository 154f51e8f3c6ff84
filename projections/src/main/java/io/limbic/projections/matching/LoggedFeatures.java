package io.limbic.projections.matching;

import java.util.List;
import java.util.Map;

/**
 * The match log's feature columns (V20, V21): the breakdown components a match was scored with, logged with it so
 * that a tenant's P(mutual) can be fitted on the decisions that followed ({@code MutualFitter}).
 */
final class LoggedFeatures {
  /** Breakdown names, in column order. */
  static final List<String> NAMES = List.of("compatForward", "compatBackward", "desirability", "yesRate",
      "completeness", "recency", "distance", "mutualInterest", "searcherYesRate", "searcherDesirability",
      "peerForward", "peerBackward");
  /** Column names in {@link #NAMES} order; names go into SQL, so they only ever come from here. */
  static final List<String> COLUMNS = List.of("compat_forward", "compat_backward", "desirability", "yes_rate",
      "completeness", "recency", "distance", "mutual_interest", "searcher_yes_rate", "searcher_desirability",
      "peer_forward", "peer_backward");

  static {
    if (COLUMNS.size() != NAMES.size()) throw new IllegalStateException("one column per feature");
  }

  private LoggedFeatures() {}

  static String columnList() {
    return String.join(", ", COLUMNS);
  }

  /** The breakdown's value of feature i, or null when it lacks it (or it is not a finite number). */
  static Double value(Map<String, Double> breakdown, int i) {
    Double v = breakdown == null ? null : breakdown.get(NAMES.get(i));
    return v == null || v.isNaN() || v.isInfinite() ? null : v;
  }
}
