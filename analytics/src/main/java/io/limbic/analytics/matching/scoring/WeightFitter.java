package io.limbic.analytics.matching.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fits a tenant's {@link FittedWeights} on its logged matches: L2-regularised logistic regression of "the match
 * became mutual" on the standardised features the match was scored with, by Newton's method (the loss is convex
 * and has 9 parameters, so a few iterations reach the optimum). The penalty lambda * |w|^2 / 2 (lambda = 1, not on
 * the intercept) keeps weights finite when one feature separates the outcomes and pulls weights of features that
 * say little towards 0.
 *
 * <p>A tenant with fewer than {@link #MIN_OUTCOMES} logged matches with an outcome, or fewer than
 * {@link #MIN_POSITIVES} mutual ones (or as few negatives), keeps the defaults of {@link MatchWeights}: the weights
 * of so few outcomes would be noise.
 */
public final class WeightFitter {
  public static final int MIN_OUTCOMES = 100;
  public static final int MIN_POSITIVES = 10;
  public static final double LAMBDA = 20.0;
  private static final int ITERATIONS = 25;

  /** One logged match: its breakdown and whether it became mutual. */
  public record Outcome(Map<String, Double> breakdown, boolean positive) {}

  private WeightFitter() {}

  /** The fitted weights, or empty when the outcomes are too few to fit. */
  public static Optional<FittedWeights> fit(List<Outcome> outcomes) {
    List<double[]> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (Outcome o : outcomes) {
      double[] x = features(o.breakdown());
      if (x == null) continue;
      rows.add(x);
      labels.add(o.positive());
    }
    int n = rows.size();
    int positives = (int) labels.stream().filter(b -> b).count();
    if (n < MIN_OUTCOMES || positives < MIN_POSITIVES || n - positives < MIN_POSITIVES) return Optional.empty();
    int d = FittedWeights.FEATURES.size();
    double[] mean = new double[d], scale = new double[d];
    for (double[] x : rows) for (int j = 0; j < d; j++) mean[j] += x[j] / n;
    for (double[] x : rows) for (int j = 0; j < d; j++) scale[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / n;
    for (int j = 0; j < d; j++) scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
    // beta[0] is the intercept
    double[] beta = new double[d + 1];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      double[] gradient = new double[d + 1];
      double[][] hessian = new double[d + 1][d + 1];
      for (int i = 0; i < n; i++) {
        double[] z = standardised(rows.get(i), mean, scale);
        double eta = beta[0];
        for (int j = 0; j < d; j++) eta += beta[j + 1] * z[j + 1];
        double p = 1 / (1 + Math.exp(-eta));
        double residual = p - (labels.get(i) ? 1 : 0);
        double w = Math.max(p * (1 - p), 1e-9);
        for (int a = 0; a <= d; a++) {
          gradient[a] += residual * z[a];
          for (int b = 0; b <= d; b++) hessian[a][b] += w * z[a] * z[b];
        }
      }
      for (int j = 1; j <= d; j++) {
        gradient[j] += LAMBDA * beta[j];
        hessian[j][j] += LAMBDA;
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int a = 0; a <= d; a++) {
        beta[a] -= step[a];
        change = Math.max(change, Math.abs(step[a]));
      }
      if (change < 1e-8) break;
    }
    List<Double> weights = new ArrayList<>(), means = new ArrayList<>(), scales = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      weights.add(beta[j + 1]);
      means.add(mean[j]);
      scales.add(scale[j]);
    }
    return Optional.of(new FittedWeights(beta[0], weights, means, scales, "fitted", n, positives, LAMBDA));
  }

  /** The features in {@link FittedWeights#FEATURES} order, or null when the breakdown lacks one. */
  public static double[] features(Map<String, Double> breakdown) {
    double[] x = new double[FittedWeights.FEATURES.size()];
    for (int j = 0; j < x.length; j++) {
      Double v = breakdown.get(FittedWeights.FEATURES.get(j));
      if (v == null || v.isNaN() || v.isInfinite()) return null;
      x[j] = v;
    }
    return x;
  }

  private static double[] standardised(double[] x, double[] mean, double[] scale) {
    double[] z = new double[x.length + 1];
    z[0] = 1;
    for (int j = 0; j < x.length; j++) z[j + 1] = (x[j] - mean[j]) / scale[j];
    return z;
  }

  /** Gaussian elimination with partial pivoting; the penalty keeps the matrix positive definite. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) m[i] = java.util.Arrays.copyOf(a[i], n + 1);
    for (int i = 0; i < n; i++) m[i][n] = b[i];
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
      double[] t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
      double diag = Math.abs(m[col][col]) < 1e-12 ? 1e-12 : m[col][col];
      for (int r = 0; r < n; r++) {
        if (r == col) continue;
        double f = m[r][col] / diag;
        for (int c = col; c <= n; c++) m[r][c] -= f * m[col][c];
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = m[i][n] / (Math.abs(m[i][i]) < 1e-12 ? 1e-12 : m[i][i]);
    return x;
  }
}
