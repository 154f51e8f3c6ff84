package io.limbic.analytics.session.emotion;

import io.limbic.analytics.session.signal.SignalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a reading's rage probability came about, and the two rules that keep it honest.
 * <ol>
 *   <li>Base rate. The model was fitted on traces where every state is {@value #TRAINING_SHARE_TEXT} of the data, so
 *       its calibrated probabilities hold at that base rate. The tenant's prior {@code π} moves them by Bayes' rule:
 *       rage's probability is multiplied by {@code π / (1/6)}, every other state's by {@code (1 - π) / (5/6)}, then
 *       all are normalised. The likelihood ratio is what the evidence did: posterior odds / prior odds.</li>
 *   <li>Converging evidence. Escalation-grade rage (confidence {@code >=} 0.85, the escalation policy's default)
 *       needs a rage click plus at least one independent kind of evidence in the signal window: a dead click, an
 *       error click, a thrashed cursor, excessive scrolling or a quick back ({@link #CORROBORATING}). Without both,
 *       rage's probability is capped at {@value #UNCORROBORATED_CAP} and the excess goes to the other states in
 *       proportion to theirs. A click burst alone never escalates.</li>
 * </ol>
 *
 * @param prior the tenant's rage prior
 * @param likelihoodRatio posterior odds of rage over prior odds, before the cap
 * @param posterior rage's probability after the prior and the cap
 * @param corroboratedBy the independent kinds of evidence present (summary names); empty when there were none
 * @param capped whether the convergence rule lowered rage's probability
 */
public record RageBelief(
    double prior, double likelihoodRatio, double posterior, List<String> corroboratedBy, boolean capped) {
  /** The share of every state in the training traces (balanced). */
  public static final double TRAINING_SHARE = 1.0 / 6;
  static final String TRAINING_SHARE_TEXT = "one sixth";
  /** Below the escalation default of 0.85 with room to spare, so rounding never crosses it. */
  public static final double UNCORROBORATED_CAP = 0.80;
  public static final List<SignalKind> CORROBORATING = List.of(SignalKind.DEAD_CLICK, SignalKind.ERROR_CLICK,
      SignalKind.THRASHED_CURSOR, SignalKind.EXCESSIVE_SCROLL, SignalKind.QUICK_BACK);

  public RageBelief {
    corroboratedBy = List.copyOf(corroboratedBy);
  }

  /**
   * Applies both rules to the model's probabilities (in {@link EmotionalState} order, at the training base rate),
   * in place, and says what they did.
   */
  static RageBelief apply(double[] p, double prior, Map<SignalKind, Integer> recentSignals) {
    if (!(prior > 0 && prior < 1)) throw new IllegalArgumentException("prior must be in (0, 1)");
    int rage = EmotionalState.RAGE.ordinal();
    double modelOdds = odds(p[rage]);
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] *= k == rage ? prior / TRAINING_SHARE : (1 - prior) / (1 - TRAINING_SHARE);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) p[k] /= sum;
    double likelihoodRatio = modelOdds / odds(TRAINING_SHARE);
    List<String> corroboration = new ArrayList<>();
    for (SignalKind kind : CORROBORATING) {
      if (recentSignals.getOrDefault(kind, 0) > 0) corroboration.add(kind.summaryName());
    }
    boolean converges = recentSignals.getOrDefault(SignalKind.RAGE_CLICK, 0) > 0 && !corroboration.isEmpty();
    boolean capped = !converges && p[rage] > UNCORROBORATED_CAP;
    if (capped) {
      double others = 1 - p[rage];
      double excess = p[rage] - UNCORROBORATED_CAP;
      for (int k = 0; k < p.length; k++) {
        if (k == rage) continue;
        p[k] += others > 0 ? excess * p[k] / others : excess / (p.length - 1);
      }
      p[rage] = UNCORROBORATED_CAP;
    }
    return new RageBelief(prior, likelihoodRatio, p[rage], corroboration, capped);
  }

  /** What moved rage's probability, for a person: prior, evidence, cap. */
  String describe() {
    String line = String.format(Locale.ROOT, "rage prior %.4f x evidence %.3g -> %.2f", prior, likelihoodRatio,
        posterior);
    if (capped) line += " (capped: rage clicks need dead/error clicks, thrashing, scrolling or a quick back)";
    else if (!corroboratedBy.isEmpty()) line += " (with " + String.join(", ", corroboratedBy) + ")";
    return line;
  }

  private static double odds(double p) {
    double q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
    return q / (1 - q);
  }
}
