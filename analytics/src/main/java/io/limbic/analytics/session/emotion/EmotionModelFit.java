package io.limbic.analytics.session.emotion;

import java.util.List;

/**
 * Fits an {@link EmotionModel}: weights by L2-regularised maximum likelihood (full-batch Adam, deterministic) under
 * the sign rules of {@link WeightSigns} (each step is projected back onto the allowed signs), then the temperature on
 * a separate calibration set, so the confidence is honest on data the weights never saw.
 */
public final class EmotionModelFit {
  /** A feature vector with its true state. */
  public record Example(double[] x, EmotionalState state) {}

  private static final double L2 = 1e-3;
  private static final int ITERATIONS = 3000;
  private static final double LEARNING_RATE = 0.05;

  private EmotionModelFit() {}

  public static EmotionModel fit(List<Example> training, List<Example> calibration) {
    EmotionModel weights = fitWeights(training);
    return weights.withTemperature(fitTemperature(weights, calibration));
  }

  static EmotionModel fitWeights(List<Example> data) {
    int n = EmotionFeatures.NAMES.size();
    int k = EmotionalState.values().length;
    List<String> names = EmotionFeatures.NAMES;
    double[] means = new double[n];
    double[] scales = new double[n];
    for (Example e : data) {
      for (int i = 0; i < n; i++) if (!WeightSigns.zeroCentred(names.get(i))) means[i] += e.x()[i] / data.size();
    }
    for (Example e : data) for (int i = 0; i < n; i++) scales[i] += Math.pow(e.x()[i] - means[i], 2) / data.size();
    // A feature that never varies in training gets scale 1, so it cannot blow up on live data.
    for (int i = 0; i < n; i++) scales[i] = scales[i] > 1e-12 ? Math.sqrt(scales[i]) : 1;
    double[][] w = new double[k][n + 1];
    int[][] signs = new int[k][n + 1];
    for (EmotionalState s : EmotionalState.values()) {
      for (int i = 0; i < n; i++) signs[s.ordinal()][i + 1] = WeightSigns.of(names.get(i), s);
    }
    EmotionModel shape = new EmotionModel(names, means, scales, w, 1);
    double[][] z = new double[data.size()][];
    for (int j = 0; j < data.size(); j++) z[j] = shape.standardise(data.get(j).x());
    double[][] m = new double[k][n + 1];
    double[][] v = new double[k][n + 1];
    for (int it = 1; it <= ITERATIONS; it++) {
      double[][] grad = gradient(w, z, data);
      for (int c = 0; c < k; c++) {
        for (int i = 0; i <= n; i++) {
          double g = grad[c][i] + (i == 0 ? 0 : L2 * w[c][i]);
          m[c][i] = 0.9 * m[c][i] + 0.1 * g;
          v[c][i] = 0.999 * v[c][i] + 0.001 * g * g;
          double mHat = m[c][i] / (1 - Math.pow(0.9, it));
          double vHat = v[c][i] / (1 - Math.pow(0.999, it));
          w[c][i] = WeightSigns.project(w[c][i] - LEARNING_RATE * mHat / (Math.sqrt(vHat) + 1e-8), signs[c][i]);
        }
      }
    }
    return new EmotionModel(names, means, scales, w, 1);
  }

  private static double[][] gradient(double[][] w, double[][] z, List<Example> data) {
    int k = w.length;
    int n = z.length == 0 ? 0 : z[0].length;
    double[][] grad = new double[k][n + 1];
    double[] logits = new double[k];
    for (int j = 0; j < z.length; j++) {
      for (int c = 0; c < k; c++) {
        double sum = w[c][0];
        for (int i = 0; i < n; i++) sum += w[c][i + 1] * z[j][i];
        logits[c] = sum;
      }
      double[] p = EmotionModel.softmax(logits, 1);
      int truth = data.get(j).state().ordinal();
      for (int c = 0; c < k; c++) {
        double err = (p[c] - (c == truth ? 1 : 0)) / z.length;
        grad[c][0] += err;
        for (int i = 0; i < n; i++) grad[c][i + 1] += err * z[j][i];
      }
    }
    return grad;
  }

  /** Golden-section search of the temperature minimising held-out log loss. */
  static double fitTemperature(EmotionModel model, List<Example> calibration) {
    if (calibration.isEmpty()) return 1;
    double[][] logits = new double[calibration.size()][];
    for (int j = 0; j < logits.length; j++) logits[j] = model.logits(calibration.get(j).x());
    double lo = Math.log(0.2);
    double hi = Math.log(5);
    double phi = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 60; it++) {
      double a = hi - phi * (hi - lo);
      double b = lo + phi * (hi - lo);
      if (logLoss(logits, calibration, Math.exp(a)) < logLoss(logits, calibration, Math.exp(b))) hi = b;
      else lo = a;
    }
    return Math.exp((lo + hi) / 2);
  }

  static double logLoss(double[][] logits, List<Example> data, double temperature) {
    double loss = 0;
    for (int j = 0; j < logits.length; j++) {
      double p = EmotionModel.softmax(logits[j], temperature)[data.get(j).state().ordinal()];
      loss -= Math.log(Math.max(p, 1e-12));
    }
    return loss / Math.max(1, logits.length);
  }
}
