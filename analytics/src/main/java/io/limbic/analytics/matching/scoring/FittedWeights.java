package io.limbic.analytics.matching.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tenant's own combination of the score's features, fitted on its logged outcomes ({@link WeightFitter}):
 * score = 1 / (1 + exp(-(intercept + sum_i weight_i * (feature_i - mean_i) / scale_i))). Features are the named
 * components of a {@link ReciprocalScore}'s breakdown ({@link #FEATURES}).
 *
 * @param source "fitted" or, for the documented defaults, "default"
 * @param outcomes logged matches with an outcome the fit used; positives among them
 */
public record FittedWeights(double intercept, List<Double> weights, List<Double> means, List<Double> scales,
    String source, int outcomes, int positives, double lambda) {

  /** Compat both ways, the candidate's history, then context. */
  public static final List<String> FEATURES = List.of("compatForward", "compatBackward", "desirability", "yesRate",
      "completeness", "recency", "distance", "mutualInterest");

  public FittedWeights {
    weights = List.copyOf(weights);
    means = List.copyOf(means);
    scales = List.copyOf(scales);
  }

  /** The linear predictor of one breakdown's features, in the order of {@link #FEATURES}. */
  public double logit(double[] features) {
    double z = intercept;
    for (int i = 0; i < features.length; i++) z += weights.get(i) * (features[i] - means.get(i)) / scales.get(i);
    return z;
  }

  public double score(double[] features) {
    return 1 / (1 + Math.exp(-logit(features)));
  }

  /** Feature name -> weight per standard deviation, for the quality report. */
  public Map<String, Double> named() {
    Map<String, Double> named = new java.util.LinkedHashMap<>();
    for (int i = 0; i < FEATURES.size(); i++) named.put(FEATURES.get(i), weights.get(i));
    return named;
  }

  static List<Double> zeros() {
    List<Double> zeros = new ArrayList<>();
    for (int i = 0; i < FEATURES.size(); i++) zeros.add(0.0);
    return zeros;
  }
}
