package io.limbic.analytics.kpi.curiosity;

import java.util.List;
import java.util.function.Function;

/**
 * A kind of hypothesis ({@code pattern}, e.g. "signal X lifts KPI Y in segment Z") and how to instantiate it over the
 * series a segment has: one {@link Hypothesis} per fitting combination, none when the series it needs are absent.
 */
public record HypothesisTemplate(String id, String pattern, Function<SeriesSet, List<Hypothesis>> instantiate) {
  public List<Hypothesis> over(SeriesSet series) {
    return instantiate.apply(series);
  }
}
