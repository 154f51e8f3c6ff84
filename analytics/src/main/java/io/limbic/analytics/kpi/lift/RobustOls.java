package io.limbic.analytics.kpi.lift;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ordinary least squares with a covariance of the coefficients that does not assume constant error variance:
 * HC1 (White's sandwich scaled by n / (n - k)) or Newey-West (HAC with Bartlett weights, also robust to
 * autocorrelation up to {@code lag} periods, scaled the same way). Rows are observations in time order.
 */
public final class RobustOls {
  public enum Covariance { HC1, NEWEY_WEST }

  /** The fitted coefficients, their covariance and the degrees of freedom used for t intervals. */
  public record Fit(double[] coefficients, double[][] covariance, int n, int k, String covarianceMethod) {
    public int degreesOfFreedom() {
      return n - k;
    }

    public Effect effect(int j) {
      return Effect.of(coefficients[j], Math.sqrt(covariance[j][j]), n, degreesOfFreedom());
    }
  }

  private RobustOls() {}

  /** The usual automatic Newey-West lag, floor(4 (n / 100)^(2/9)). */
  public static int automaticLag(int n) {
    return (int) Math.floor(4 * Math.pow(n / 100.0, 2.0 / 9.0));
  }

  /**
   * @throws IllegalArgumentException with fewer rows than columns + 2 or collinear columns
   */
  public static Fit fit(double[][] x, double[] y, Covariance covariance, int lag) {
    int n = x.length;
    int k = n == 0 ? 0 : x[0].length;
    if (n < k + 2) throw new IllegalArgumentException("too few observations: " + n + " for " + k + " coefficients");
    // columns scaled to unit root-mean-square: the same fit, better conditioned, and a scale-free collinearity check
    double[] scale = new double[k];
    double[][] scaled = new double[n][k];
    for (int j = 0; j < k; j++) {
      double ss = 0;
      for (double[] row : x) ss += row[j] * row[j];
      scale[j] = Math.sqrt(ss / n);
      if (scale[j] == 0) throw new IllegalArgumentException("collinear regressors (column " + j + " is all zero)");
      for (int t = 0; t < n; t++) scaled[t][j] = x[t][j] / scale[j];
    }
    DMatrixRMaj design = new DMatrixRMaj(scaled);
    DMatrixRMaj response = new DMatrixRMaj(n, 1, true, y);
    DMatrixRMaj xtx = new DMatrixRMaj(k, k);
    CommonOps_DDRM.multTransA(design, design, xtx);
    LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(k);
    if (!chol.setA(xtx.copy())) throw new IllegalArgumentException("collinear regressors");
    DMatrixRMaj bread = new DMatrixRMaj(k, k);
    chol.invert(bread);
    for (int j = 0; j < k; j++) {
      double inflation = bread.get(j, j) * n;
      if (!(inflation < 1e10)) throw new IllegalArgumentException("collinear regressors (column " + j + ")");
    }
    DMatrixRMaj xty = new DMatrixRMaj(k, 1);
    CommonOps_DDRM.multTransA(design, response, xty);
    DMatrixRMaj beta = new DMatrixRMaj(k, 1);
    CommonOps_DDRM.mult(bread, xty, beta);
    double[] residual = new double[n];
    for (int t = 0; t < n; t++) {
      double fitted = 0;
      for (int j = 0; j < k; j++) fitted += scaled[t][j] * beta.get(j, 0);
      residual[t] = y[t] - fitted;
    }
    int l = covariance == Covariance.HC1 ? 0 : Math.max(0, lag);
    DMatrixRMaj meat = meat(scaled, residual, l);
    DMatrixRMaj tmp = new DMatrixRMaj(k, k);
    DMatrixRMaj cov = new DMatrixRMaj(k, k);
    CommonOps_DDRM.mult(bread, meat, tmp);
    CommonOps_DDRM.mult(tmp, bread, cov);
    CommonOps_DDRM.scale((double) n / (n - k), cov);
    double[][] covArray = new double[k][k];
    double[] coefficients = new double[k];
    for (int i = 0; i < k; i++) {
      coefficients[i] = beta.get(i, 0) / scale[i];
      for (int j = 0; j < k; j++) covArray[i][j] = 0.5 * (cov.get(i, j) + cov.get(j, i)) / (scale[i] * scale[j]);
    }
    String method = covariance == Covariance.HC1 ? "HC1" : "Newey-West(lag=" + l + ")";
    return new Fit(coefficients, covArray, n, k, method);
  }

  /** Sum of e_t^2 x_t x_t' plus, for lags 1..L, Bartlett-weighted cross products e_t e_s (x_t x_s' + x_s x_t'). */
  private static DMatrixRMaj meat(double[][] x, double[] e, int lag) {
    int n = x.length;
    int k = x[0].length;
    double[][] s = new double[k][k];
    for (int t = 0; t < n; t++) addOuter(s, x[t], x[t], e[t] * e[t]);
    for (int l = 1; l <= lag; l++) {
      double w = 1 - l / (lag + 1.0);
      for (int t = l; t < n; t++) {
        double ee = w * e[t] * e[t - l];
        addOuter(s, x[t], x[t - l], ee);
        addOuter(s, x[t - l], x[t], ee);
      }
    }
    return new DMatrixRMaj(s);
  }

  private static void addOuter(double[][] s, double[] a, double[] b, double weight) {
    if (weight == 0) return;
    for (int i = 0; i < a.length; i++) {
      double ai = a[i] * weight;
      if (ai == 0) continue;
      for (int j = 0; j < b.length; j++) s[i][j] += ai * b[j];
    }
  }
}
