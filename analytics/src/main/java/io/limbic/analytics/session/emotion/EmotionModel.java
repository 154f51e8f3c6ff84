package io.limbic.analytics.session.emotion;

import java.util.Arrays;
import java.util.List;

/**
 * A multinomial logistic model: for each state a logit = bias + Σ weight·(feature - mean)/scale, probabilities are
 * softmax(logits / temperature). Everything is visible: the standardised weights say how many logits one typical
 * step of a feature adds to a state, and {@link #contributions} breaks a single decision down the same way.
 *
 * @param features feature names, in {@link EmotionFeatures#NAMES} order
 * @param means standardisation centre per feature
 * @param scales standardisation scale per feature (positive)
 * @param weights per state in {@link EmotionalState} order: bias followed by one weight per feature
 * @param temperature divides the logits; fitted on held-out traces so confidence matches observed frequency
 */
public record EmotionModel(
    List<String> features, double[] means, double[] scales, double[][] weights, double temperature) {

  public EmotionModel {
    features = List.copyOf(features);
    int n = features.size();
    if (means.length != n || scales.length != n) throw new IllegalArgumentException("means/scales size");
    if (weights.length != EmotionalState.values().length) throw new IllegalArgumentException("one row per state");
    for (double[] row : weights) if (row.length != n + 1) throw new IllegalArgumentException("bias + weights");
    for (double s : scales) if (!(s > 0)) throw new IllegalArgumentException("scales must be positive");
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be positive");
  }

  /**
   * Standard scores; those of the pointer-physics features are clipped to +-{@value #MAX_PHYSICS_Z}, so a value far
   * outside anything seen in training (a direction entropy of exactly 0 bits, say) adds at most a few logits instead
   * of eight. Signal features are not clipped: they are capped counts already, and large on purpose.
   */
  public double[] standardise(double[] x) {
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = (x[i] - means[i]) / scales[i];
      if (!WeightSigns.zeroCentred(features.get(i))) z[i] = Math.max(-MAX_PHYSICS_Z, Math.min(MAX_PHYSICS_Z, z[i]));
    }
    return z;
  }

  static final double MAX_PHYSICS_Z = 3;

  public double[] logits(double[] x) {
    double[] z = standardise(x);
    double[] logits = new double[weights.length];
    for (int k = 0; k < weights.length; k++) {
      double sum = weights[k][0];
      for (int i = 0; i < z.length; i++) sum += weights[k][i + 1] * z[i];
      logits[k] = sum;
    }
    return logits;
  }

  public double[] probabilities(double[] x) {
    return softmax(logits(x), temperature);
  }

  /** How much each feature moved this state's logit away from its bias, before the temperature. */
  public double[] contributions(EmotionalState state, double[] x) {
    double[] z = standardise(x);
    double[] c = new double[z.length];
    for (int i = 0; i < z.length; i++) c[i] = weights[state.ordinal()][i + 1] * z[i];
    return c;
  }

  public EmotionModel withTemperature(double newTemperature) {
    return new EmotionModel(features, means, scales, weights, newTemperature);
  }

  static double[] softmax(double[] logits, double temperature) {
    double max = Arrays.stream(logits).max().orElse(0);
    double[] p = new double[logits.length];
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      p[k] = Math.exp((logits[k] - max) / temperature);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) p[k] /= sum;
    return p;
  }
}
