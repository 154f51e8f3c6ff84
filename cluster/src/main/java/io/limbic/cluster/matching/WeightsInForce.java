package io.limbic.cluster.matching;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.limbic.analytics.matching.scoring.FittedWeights;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.analytics.matching.scoring.WeightFitter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The combination a tenant's daily matches are scored with, as {@code GET /v1/matches/quality} shows it.
 *
 * @param source "fitted" (the tenant's own, {@link WeightFitter}) or "default" ({@link MatchWeights#DEFAULT})
 * @param reason why the defaults are in force; null when fitted
 * @param checkedAt when the match log was last read for this tenant (fitted or found too small)
 * @param outcomes logged matches with an outcome read at {@code checkedAt}; positives: the mutual ones
 * @param lambda the L2 penalty of the fit; null for the defaults
 * @param intercept the fit's intercept; null for the defaults
 * @param weights fitted: feature -> weight per standard deviation of the feature; default: the formula's weights
 * @param combination the fitted combination itself, null for the defaults (not shown)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WeightsInForce(String source, String reason, Instant checkedAt, int outcomes, int positives,
    int minOutcomes, int minPositives, Double lambda, Double intercept, Map<String, Double> weights,
    @JsonIgnore FittedWeights combination) {

  static WeightsInForce fitted(FittedWeights fitted, Instant at) {
    return new WeightsInForce("fitted", null, at, fitted.outcomes(), fitted.positives(), WeightFitter.MIN_OUTCOMES,
        WeightFitter.MIN_POSITIVES, fitted.lambda(), fitted.intercept(), fitted.named(), fitted);
  }

  static WeightsInForce defaults(String reason, Instant at, int outcomes, int positives) {
    MatchWeights d = MatchWeights.DEFAULT;
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("contextShare", d.contextShare());
    weights.put("completeness", d.completeness());
    weights.put("recency", d.recency());
    weights.put("distance", d.distance());
    weights.put("mutualInterest", d.mutualInterest());
    weights.put("historyShare", d.historyShare());
    return new WeightsInForce("default", reason, at, outcomes, positives, WeightFitter.MIN_OUTCOMES,
        WeightFitter.MIN_POSITIVES, null, null, weights, null);
  }
}
