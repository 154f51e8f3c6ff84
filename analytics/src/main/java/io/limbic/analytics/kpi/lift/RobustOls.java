package io.limbic.analytics.kpi.lift;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ordinary least squares with a covariance of the coefficients that does not assume constant error variance:
 * <ul>
 *   <li>HC1: White's sandwich scaled by n / (n - k); t with n - k degrees of freedom;</li>
 *   <li>Newey-West: HAC with Bartlett weights up to {@code lag} periods, scaled the same way; t with n - k degrees
 *   of freedom (over-rejects in small samples: about 3x the nominal rate at 0.1 % with n = 120);</li>
 *   <li>EWC: the equal-weighted cosine HAC estimator (Lazarus, Lewis, Stock and Watson 2018) with
 *   nu = round(0.4 n^(2/3)) cosine terms, scaled by n / (n - k) too, robust to heteroskedasticity and autocorrelation, whose t statistic is
 *   Student t with nu degrees of freedom under fixed-b asymptotics: honest p-values far into the tail, which false
 *   discovery control needs.</li>
 * </ul>
 * Rows are observations in time order.
 */
public final class RobustOls {
  public enum Covariance { HC1, NEWEY_WEST, EWC }

  /** The fitted coefficients, their covariance and the degrees of freedom used for t intervals. */
  public record Fit(double[] coefficients, double[][] covariance, int n, int k, int degreesOfFreedom,
      String covarianceMethod) {
    public Effect effect(int j) {
      return Effect.of(coefficients[j], Math.sqrt(covariance[j][j]), n, degreesOfFreedom);
    }
  }

  /** The EWC degrees of freedom (number of cosine terms), round(0.4 n^(2/3)), at least 2. */
  public static int cosineTerms(int n) {
    return Math.max(2, (int) Math.round(0.4 * Math.pow(n, 2.0 / 3.0)));
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
    int l = covariance == Covariance.NEWEY_WEST ? Math.max(0, lag) : 0;
    int nu = cosineTerms(n);
    DMatrixRMaj meat = covariance == Covariance.EWC ? cosineMeat(scaled, residual, nu) : meat(scaled, residual, l);
    DMatrixRMaj tmp = new DMatrixRMaj(k, k);
    DMatrixRMaj cov = new DMatrixRMaj(k, k);
    CommonOps_DDRM.mult(bread, meat, tmp);
    CommonOps_DDRM.mult(tmp, bread, cov);
    // residuals are shorter than the errors (E e e' = sigma^2 (I - H)): the usual n / (n - k) correction, for all three
    CommonOps_DDRM.scale((double) n / (n - k), cov);
    double[][] covArray = new double[k][k];
    double[] coefficients = new double[k];
    for (int i = 0; i < k; i++) {
      coefficients[i] = beta.get(i, 0) / scale[i];
      for (int j = 0; j < k; j++) covArray[i][j] = 0.5 * (cov.get(i, j) + cov.get(j, i)) / (scale[i] * scale[j]);
    }
    return switch (covariance) {
      case HC1 -> new Fit(coefficients, covArray, n, k, n - k, "HC1");
      case NEWEY_WEST -> new Fit(coefficients, covArray, n, k, n - k, "Newey-West(lag=" + l + ")");
      case EWC -> new Fit(coefficients, covArray, n, k, nu, "EWC(nu=" + nu + ")");
    };
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

  /**
   * n times the EWC long-run variance of z_t = x_t e_t: (n / nu) sum_{j=1..nu} L_j L_j' with
   * L_j = sqrt(2 / n) sum_t z_t cos(pi j (t - 1/2) / n) (t from 1).
   */
  private static DMatrixRMaj cosineMeat(double[][] x, double[] e, int nu) {
    int n = x.length;
    int k = x[0].length;
    double[][] s = new double[k][k];
    double[] l = new double[k];
    for (int j = 1; j <= nu; j++) {
      java.util.Arrays.fill(l, 0);
      for (int t = 0; t < n; t++) {
        double w = Math.sqrt(2.0 / n) * Math.cos(Math.PI * j * (t + 0.5) / n) * e[t];
        for (int i = 0; i < k; i++) l[i] += w * x[t][i];
      }
      addOuter(s, l, l, (double) n / nu);
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
