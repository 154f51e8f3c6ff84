package io.limbic.analytics.matching.scoring;

import java.util.Arrays;

/**
 * Logistic regression with a Gaussian (L2) penalty pulling each coefficient towards a prior value, fitted by
 * Newton's method: the loss sum log(1 + exp(-y eta)) + sum_j penalty_j (beta_j - prior_j)^2 / 2 is convex, so a few
 * iterations reach its minimum. A coefficient with penalty 0 (an intercept) is free; the penalties keep the others
 * finite when a feature separates the outcomes.
 */
final class PenalizedLogistic {
  private static final int ITERATIONS = 25;

  private PenalizedLogistic() {}

  /**
   * @param rows one row of features per outcome, the intercept's 1 included where wanted
   * @param labels the outcomes
   * @param prior the value each coefficient is pulled towards (also the starting point)
   * @param penalty how hard, per coefficient
   */
  static double[] fit(double[][] rows, boolean[] labels, double[] prior, double[] penalty) {
    int d = prior.length;
    double[] beta = prior.clone();
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int i = 0; i < rows.length; i++) {
        double[] z = rows[i];
        double eta = 0;
        for (int j = 0; j < d; j++) eta += beta[j] * z[j];
        double p = 1 / (1 + Math.exp(-eta));
        double residual = p - (labels[i] ? 1 : 0);
        double w = Math.max(p * (1 - p), 1e-9);
        for (int a = 0; a < d; a++) {
          gradient[a] += residual * z[a];
          for (int b = 0; b < d; b++) hessian[a][b] += w * z[a] * z[b];
        }
      }
      for (int j = 0; j < d; j++) {
        gradient[j] += penalty[j] * (beta[j] - prior[j]);
        hessian[j][j] += penalty[j];
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int a = 0; a < d; a++) {
        beta[a] -= step[a];
        change = Math.max(change, Math.abs(step[a]));
      }
      if (change < 1e-8) break;
    }
    return beta;
  }

  /** Gaussian elimination with partial pivoting; the penalty keeps the matrix positive definite. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) m[i] = Arrays.copyOf(a[i], n + 1);
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
