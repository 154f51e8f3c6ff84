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
   * A factor L (row-major n x n) with L L' = a for a symmetric positive semi-definite a, from its eigen-decomposition
   * a = V diag(lambda) V': L = V diag(sqrt(max(lambda, 0))). Eigenvalues below zero (rounding in an estimated
   * covariance) count as zero, so simulation never fails on a covariance that is singular or a hair indefinite.
   */
  static double[] semiDefiniteFactor(double[][] a) {
    int n = a.length;
    DMatrixRMaj matrix = ModelMatrices.matrix(a, n, n);
    symmetrise(matrix);
    org.ejml.interfaces.decomposition.EigenDecomposition_F64<DMatrixRMaj> eigen =
        org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(n, true, true);
    if (!eigen.decompose(matrix)) throw new IllegalStateException("eigen-decomposition failed");
    double[] l = new double[n * n];
    for (int k = 0; k < n; k++) {
      double root = Math.sqrt(Math.max(eigen.getEigenvalue(k).getReal(), 0));
      DMatrixRMaj vector = eigen.getEigenVector(k);
      for (int i = 0; i < n; i++) l[i * n + k] = vector.get(i, 0) * root;
    }
    return l;
  }

  /**
   * Makes the symmetric a positive semi-definite in place when it is not (a Cholesky attempt fails): eigenvalues
   * below zero are set to zero. An estimated covariance only gets here through rounding, or when the states' scale
   * has drifted far from the data's (A, C and Q all free, identified only up to x -> T x).
   */
  static void clipToSemiDefinite(DMatrixRMaj a) {
    int n = a.numRows;
    if (n == 0) return;
    DMatrixRMaj inverse = new DMatrixRMaj(n, n);
    if (!Double.isNaN(invertPositive(a, inverse, new double[n * n]))) return;
    double[] factor = semiDefiniteFactor(ModelMatrices.rows(a));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) s += factor[i * n + k] * factor[j * n + k];
        a.set(i, j, s);
      }
    }
    symmetrise(a);
  }
}
