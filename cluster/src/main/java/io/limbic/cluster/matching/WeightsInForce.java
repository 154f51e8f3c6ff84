package io.limbic.cluster.matching;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.analytics.matching.scoring.MutualFitter;
import io.limbic.analytics.matching.scoring.MutualProbability;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The P(mutual) model a tenant's daily matches are scored with, as {@code GET /v1/matches/quality} shows it.
 *
 * @param source "fitted" (the tenant's own, {@link MutualFitter}) or "default" ({@link MutualProbability#DEFAULT})
 * @param reason why the defaults are in force (for a side, when only one was fitted); null when both are fitted
 * @param checkedAt when the match log was last read for this tenant (fitted or found too small)
 * @param forwardDecisions searchers' decisions about logged matches read at {@code checkedAt}
 * @param backwardDecisions candidates' decisions about the searchers of logged matches
 * @param minDecisions a side is fitted from this many decisions, with at least {@code minEach} yeses and noes
 * @param lambda the fit's penalty towards the defaults
 * @param forward coefficients of P(searcher says yes): name -> value (see {@link MutualProbability.Side})
 * @param backward coefficients of P(candidate says yes)
 * @param context the context multiplier's weights, when the defaults are in force (a fitted model carries context
 *     in its sides); null when fitted
 * @param model the model itself (not shown)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WeightsInForce(String source, String reason, Instant checkedAt, int forwardDecisions,
    int backwardDecisions, int minDecisions, int minEach, double lambda, Map<String, Double> forward,
    Map<String, Double> backward, Map<String, Double> context, @JsonIgnore MutualProbability model) {

  static WeightsInForce of(MutualProbability model, String reason, Instant at, int forwardDecisions,
      int backwardDecisions) {
    Map<String, Double> context = null;
    if (!model.contextInSides()) {
      MatchWeights d = MatchWeights.DEFAULT;
      context = new LinkedHashMap<>();
      context.put("contextShare", d.contextShare());
      context.put("completeness", d.completeness());
      context.put("recency", d.recency());
      context.put("distance", d.distance());
      context.put("mutualInterest", d.mutualInterest());
    }
    return new WeightsInForce(model.source(), reason, at, forwardDecisions, backwardDecisions,
        MutualFitter.MIN_DECISIONS, MutualFitter.MIN_EACH, MutualFitter.LAMBDA, named(model.forward()),
        named(model.backward()), context, model);
  }

  /** The fitted model, or null when the defaults are in force. */
  @JsonIgnore
  public MutualProbability fitted() {
    return model.contextInSides() ? model : null;
  }

  private static Map<String, Double> named(MutualProbability.Side s) {
    Map<String, Double> named = new LinkedHashMap<>();
    named.put("intercept", s.intercept());
    named.put("base", s.base());
    named.put("rate", s.rate());
    named.put("appeal", s.appeal());
    named.put("compat", s.compat());
    named.put("peers", s.peers());
    named.put("completeness", s.completeness());
    named.put("recency", s.recency());
    named.put("distance", s.distance());
    named.put("mutualInterest", s.mutualInterest());
    return named;
  }
}
