package io.limbic.loadtest;

import io.limbic.analytics.kpi.StateSpaceModel;

/**
 * The baseline for the state-space benchmark: the same Kalman filter as the analytics one (Joseph-form update,
 * symmetrised covariances, every predicted and filtered mean and covariance stored) on flat double arrays with
 * hand-written loops, fully observed data only. It exists to measure what EJML's general small-matrix calls cost.
 */
final class PlainArrayKalmanFilter {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private final int n;
  private final int p;
  private final int m;
  private final double[] a;
  private final double[] b;
  private final double[] c;
  private final double[] d;
  private final double[] q;
  private final double[] r;
  private final double[] predictedMean;
  private final double[] predictedCov;
  private final double[] filteredMean;
  private final double[] filteredCov;
  private final double[] pct = new double[64];
  private final double[] f = new double[64];
  private final double[] finv = new double[64];
  private final double[] l = new double[64];
  private final double[] k = new double[64];
  private final double[] ikc = new double[64];
  private final double[] t1 = new double[64];
  private final double[] v = new double[8];

  PlainArrayKalmanFilter(StateSpaceModel model, int periods) {
    n = model.states();
    p = model.kpis();
    m = model.controls();
    a = flat(model.A());
    b = flat(model.B());
    c = flat(model.C());
    d = flat(model.D());
    q = flat(model.Q());
    r = flat(model.R());
    predictedMean = new double[(periods + 1) * n];
    predictedCov = new double[(periods + 1) * n * n];
    filteredMean = new double[periods * n];
    filteredCov = new double[periods * n * n];
  }

  double run(double[][] y, double[][] u, double[] mu1, double[] v1) {
    int nn = n * n;
    System.arraycopy(mu1, 0, predictedMean, 0, n);
    System.arraycopy(v1, 0, predictedCov, 0, nn);
    double logL = 0;
    for (int t = 0; t < y.length; t++) {
      int xo = t * n;
      int po = t * nn;
      for (int i = 0; i < p; i++) {
        double s = y[t][i];
        for (int j = 0; j < n; j++) s -= c[i * n + j] * predictedMean[xo + j];
        for (int j = 0; j < m; j++) s -= d[i * m + j] * u[t][j];
        v[i] = s;
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < p; j++) {
          double s = 0;
          for (int h = 0; h < n; h++) s += predictedCov[po + i * n + h] * c[j * n + h];
          pct[i * p + j] = s;
        }
      }
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < p; j++) {
          double s = r[i * p + j];
          for (int h = 0; h < n; h++) s += c[i * n + h] * pct[h * p + j];
          f[i * p + j] = s;
        }
      }
      double logDet = invert(f, finv, p);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < p; j++) {
          double s = 0;
          for (int h = 0; h < p; h++) s += pct[i * p + h] * finv[h * p + j];
          k[i * p + j] = s;
        }
      }
      double quadratic = 0;
      for (int i = 0; i < p; i++) {
        double s = 0;
        for (int j = 0; j < p; j++) s += finv[i * p + j] * v[j];
        quadratic += v[i] * s;
      }
      logL -= 0.5 * (p * LOG_2PI + logDet + quadratic);
      for (int i = 0; i < n; i++) {
        double s = predictedMean[xo + i];
        for (int j = 0; j < p; j++) s += k[i * p + j] * v[j];
        filteredMean[xo + i] = s;
        for (int j = 0; j < n; j++) {
          double e = i == j ? 1 : 0;
          for (int h = 0; h < p; h++) e -= k[i * p + h] * c[h * n + j];
          ikc[i * n + j] = e;
        }
      }
      // Joseph form
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int h = 0; h < n; h++) s += ikc[i * n + h] * predictedCov[po + h * n + j];
          t1[i * n + j] = s;
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double s = 0;
          for (int h = 0; h < n; h++) s += t1[i * n + h] * ikc[j * n + h];
          for (int g = 0; g < p; g++) {
            double kr = 0;
            for (int h = 0; h < p; h++) kr += k[i * p + h] * r[h * p + g];
            s += kr * k[j * p + g];
          }
          filteredCov[po + i * n + j] = s;
          filteredCov[po + j * n + i] = s;
        }
      }
      int next = (t + 1) * n;
      int nextCov = (t + 1) * nn;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a[i * n + j] * filteredMean[xo + j];
        for (int j = 0; j < m; j++) s += b[i * m + j] * u[t][j];
        predictedMean[next + i] = s;
        for (int j = 0; j < n; j++) {
          double w = 0;
          for (int h = 0; h < n; h++) w += a[i * n + h] * filteredCov[po + h * n + j];
          t1[i * n + j] = w;
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double s = q[i * n + j];
          for (int h = 0; h < n; h++) s += t1[i * n + h] * a[j * n + h];
          predictedCov[nextCov + i * n + j] = s;
          predictedCov[nextCov + j * n + i] = s;
        }
      }
    }
    return logL;
  }

  private double invert(double[] matrix, double[] inverse, int size) {
    double logDet = 0;
    for (int i = 0; i < size; i++) {
      for (int j = 0; j <= i; j++) {
        double s = matrix[i * size + j];
        for (int h = 0; h < j; h++) s -= l[i * size + h] * l[j * size + h];
        if (i == j) {
          double root = Math.sqrt(s);
          l[i * size + i] = root;
          logDet += 2 * Math.log(root);
        } else {
          l[i * size + j] = s / l[j * size + j];
        }
      }
    }
    for (int col = 0; col < size; col++) {
      for (int i = 0; i < size; i++) {
        double s = i == col ? 1 : 0;
        for (int h = 0; h < i; h++) s -= l[i * size + h] * inverse[h * size + col];
        inverse[i * size + col] = s / l[i * size + i];
      }
      for (int i = size - 1; i >= 0; i--) {
        double s = inverse[i * size + col];
        for (int h = i + 1; h < size; h++) s -= l[h * size + i] * inverse[h * size + col];
        inverse[i * size + col] = s / l[i * size + i];
      }
    }
    return logDet;
  }

  private static double[] flat(double[][] matrix) {
    int cols = matrix.length == 0 ? 0 : matrix[0].length;
    double[] out = new double[matrix.length * cols];
    for (int i = 0; i < matrix.length; i++) System.arraycopy(matrix[i], 0, out, i * cols, cols);
    return out;
  }
}
