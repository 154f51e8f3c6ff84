package io.limbic.analytics.session.emotion;

import java.util.Map;

/**
 * One classification of a session.
 *
 * @param confidence calibrated probability that {@code state} is right, in [0, 1]
 * @param at session time of the reading
 * @param url page where it arose
 * @param section page section where it arose
 * @param decisionAnxiety hesitation in a decision section (pricing, checkout, ...): the product calls it decision
 *     anxiety
 * @param probabilities every state's probability by wire name, summing to 1
 */
public record EmotionReading(
    EmotionalState state, double confidence, long at, String url, String section, boolean decisionAnxiety,
    Map<String, Double> probabilities, Evidence evidence) {

  public EmotionReading {
    probabilities = Map.copyOf(probabilities);
  }

  /** The name a person reads: "decision anxiety" rather than "hesitation" where that is what it is. */
  public String label() {
    return decisionAnxiety ? "decision anxiety" : state.wireName();
  }
}
