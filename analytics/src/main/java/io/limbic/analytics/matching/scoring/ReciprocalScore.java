package io.limbic.analytics.matching.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A candidate's score for one searcher with every component behind it, for the matches API and the match log.
 * Breakdown keys: compatForward, compatBackward, reciprocal, completeness, recency, distanceKm (-1 when unknown),
 * distance, mutualInterest, context, score.
 */
public record ReciprocalScore(String userId, double score, Map<String, Double> breakdown) {

  public ReciprocalScore {
    // insertion order is kept so the API lists components in the order the formula uses them
    breakdown = Collections.unmodifiableMap(new LinkedHashMap<>(breakdown));
  }

  /** 2ab / (a + b): near the smaller of the two, and 0 as soon as one side has no interest at all. */
  public static double harmonicMean(double a, double b) {
    if (a <= 0 || b <= 0) return 0;
    return 2 * a * b / (a + b);
  }
}
