package io.limbic.analytics.matching.preference;

import java.util.Map;

/**
 * A learned preference over one attribute, in a form people can read.
 *
 * @param weights value -> relative preference in (0, 1]; the most preferred value has 1
 * @param unseenWeight relative preference for a value never seen in the evidence nor the prior
 * @param evidence decayed positive evidence behind the weights, in favorite units
 * @param priorMass pseudo-evidence that came from the stated or homophily prior
 * @param confidence how far the weights are trusted, in [0, 1); scores shrink towards neutral by (1 - confidence)
 */
public record AttributePreference(
    Map<String, Double> weights, double unseenWeight, double evidence, double priorMass, double confidence) {

  /** The score of a value nobody knows anything about, halfway between repelled and attracted. */
  public static final double NEUTRAL = 0.5;

  public AttributePreference {
    weights = Map.copyOf(weights);
  }

  public static AttributePreference none() {
    return new AttributePreference(Map.of(), 1.0, 0, 0, 0);
  }

  /** Score of a value in [0, 1]: the relative weight, shrunk towards neutral as far as confidence is lacking. */
  public double score(String value) {
    if (value == null) return NEUTRAL;
    return shrink(weights.getOrDefault(value, unseenWeight));
  }

  double shrink(double weight) {
    return confidence * weight + (1 - confidence) * NEUTRAL;
  }
}
