package io.limbic.analytics.kpi.statespace;

/**
 * Products of small row-major matrices held in plain arrays, for the filter's and smoother's fast path. Each entry is
 * an inner product summed in the order of the shared index from zero, the order EJML's small-matrix kernels use, so
 * the fast path reproduces the EJML path's arithmetic; at 4 x 4 these loops cost a fraction of a generic call
 * (no shape checks, no reshape, no dispatch on size).
 */
final class SmallMatrices {
  private SmallMatrices() {}

  /** c (rows x cols) = a (rows x inner) b (inner x cols). */
  static void mult(double[] a, double[] b, double[] c, int rows, int inner, int cols) {
    for (int i = 0; i < rows; i++) {
      int ai = i * inner;
      for (int j = 0; j < cols; j++) {
        double s = 0;
        for (int k = 0; k < inner; k++) s += a[ai + k] * b[k * cols + j];
        c[i * cols + j] = s;
      }
    }
  }

  /** c (rows x cols) = a (rows x inner) b' with b (cols x inner). */
  static void multTransB(double[] a, double[] b, double[] c, int rows, int inner, int cols) {
    for (int i = 0; i < rows; i++) {
      int ai = i * inner;
      for (int j = 0; j < cols; j++) {
        int bj = j * inner;
        double s = 0;
        for (int k = 0; k < inner; k++) s += a[ai + k] * b[bj + k];
        c[i * cols + j] = s;
      }
    }
  }

  /** c (rows x cols) += a (rows x inner) b' with b (cols x inner). */
  static void multAddTransB(double[] a, double[] b, double[] c, int rows, int inner, int cols) {
    for (int i = 0; i < rows; i++) {
      int ai = i * inner;
      for (int j = 0; j < cols; j++) {
        int bj = j * inner;
        double s = 0;
        for (int k = 0; k < inner; k++) s += a[ai + k] * b[bj + k];
        c[i * cols + j] += s;
      }
    }
  }

  /** out (rows) = a (rows x cols) x. */
  static void multVector(double[] a, double[] x, double[] out, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int ai = i * cols;
      double s = 0;
      for (int k = 0; k < cols; k++) s += a[ai + k] * x[k];
      out[i] = s;
    }
  }

  /** out (rows) += a (rows x cols) x. */
  static void multAddVector(double[] a, double[] x, double[] out, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int ai = i * cols;
      double s = 0;
      for (int k = 0; k < cols; k++) s += a[ai + k] * x[k];
      out[i] += s;
    }
  }

  /** True when the first {@code length} entries of a and b are the same doubles, bit for bit. */
  static boolean same(double[] a, double[] b, int length) {
    for (int i = 0; i < length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) return false;
    }
    return true;
  }
}
