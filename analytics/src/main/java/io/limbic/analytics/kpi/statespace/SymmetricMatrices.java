package io.limbic.analytics.kpi.statespace;

import org.ejml.data.DMatrixRMaj;

/** Small in-place operations on symmetric matrices that EJML does not offer in the form the filter needs. */
final class SymmetricMatrices {
  private SymmetricMatrices() {}

  /** Replaces a by (a + a')/2, so rounding never lets a covariance drift away from symmetry. */
  static void symmetrise(DMatrixRMaj a) {
    int n = a.numRows;
    double[] d = a.data;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double mean = 0.5 * (d[i * n + j] + d[j * n + i]);
        d[i * n + j] = mean;
        d[j * n + i] = mean;
      }
    }
  }

  /**
   * Inverts the symmetric positive-definite matrix f into inverse (same size) by Cholesky, using work (at least
   * n*n) for the factor; returns log det f, or NaN when f is not positive definite.
   */
  static double invertPositive(DMatrixRMaj f, DMatrixRMaj inverse, double[] work) {
    int n = f.numRows;
    double[] a = f.data;
    double[] l = work;
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
        if (i == j) {
          if (!(s > 0)) return Double.NaN;
          double root = Math.sqrt(s);
          l[i * n + i] = root;
          logDet += 2 * Math.log(root);
        } else {
          l[i * n + j] = s / l[j * n + j];
        }
      }
    }
    // inverse = L^-T L^-1, column by column: solve L z = e_c, then L' x = z.
    inverse.reshape(n, n);
    double[] out = inverse.data;
    for (int c = 0; c < n; c++) {
      for (int i = 0; i < n; i++) {
        double s = i == c ? 1 : 0;
        for (int k = 0; k < i; k++) s -= l[i * n + k] * out[k * n + c];
        out[i * n + c] = s / l[i * n + i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double s = out[i * n + c];
        for (int k = i + 1; k < n; k++) s -= l[k * n + i] * out[k * n + c];
        out[i * n + c] = s / l[i * n + i];
      }
    }
    symmetrise(inverse);
    return logDet;
  }

  /**
   * A lower factor L with L L' = a for a symmetric positive semi-definite a (row-major n x n): a pivot that is not
   * positive (a direction with no variance) gives a zero column instead of failing.
   */
  static double[] semiDefiniteFactor(double[][] a) {
    int n = a.length;
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0.5 * (a[i][j] + a[j][i]);
        for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
        if (i == j) {
          l[i * n + i] = s > 1e-14 * Math.max(1, Math.abs(a[i][i])) ? Math.sqrt(s) : 0;
        } else {
          l[i * n + j] = l[j * n + j] == 0 ? 0 : s / l[j * n + j];
        }
      }
    }
    return l;
  }
}
