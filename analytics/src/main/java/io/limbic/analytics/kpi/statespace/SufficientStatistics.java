package io.limbic.analytics.kpi.statespace;

import org.ejml.data.DMatrixRMaj;

/**
 * The smoothed moments EM's M-step needs, with z(t) = [x(t); u(t)] (n + m):
 * <pre>
 *   zz0 = sum_{t<T-1} E[z(t) z(t)'],   x1z = sum_{t<T-1} E[x(t+1) z(t)'],   x1x1 = sum_{t>=1} E[x(t) x(t)']
 *   zz  = sum_t E[z(t) z(t)'],          yz  = sum_t E[y(t) z(t)'],           yy   = sum_t E[y(t) y(t)']
 * </pre>
 * A missing KPI is a latent variable like the state: given the observed KPIs O and x(t), the missing ones M are
 * y_M = G x + g + e with G = C_M - H C_O, g = D_M u + H (y_O - D_O u), H = R_MO R_OO^-1 and
 * e ~ N(0, R_MM - H R_OM), so E[y y'], E[y x'] are exact under the current parameters and the M-step stays a true
 * EM step (Shumway and Stoffer 2017, section 6.4, in the general-R form of Holmes 2012).
 */
final class SufficientStatistics {
  private final int n;
  private final int p;
  private final int m;
  final DMatrixRMaj zz0;
  final DMatrixRMaj x1z;
  final DMatrixRMaj x1x1;
  final DMatrixRMaj zz;
  final DMatrixRMaj yz;
  final DMatrixRMaj yy;
  private final double[] z;
  private final double[] ey;
  private final double[] exx;

  SufficientStatistics(int n, int p, int m) {
    this.n = n;
    this.p = p;
    this.m = m;
    int k = n + m;
    zz0 = new DMatrixRMaj(k, k);
    x1z = new DMatrixRMaj(n, k);
    x1x1 = new DMatrixRMaj(n, n);
    zz = new DMatrixRMaj(k, k);
    yz = new DMatrixRMaj(p, k);
    yy = new DMatrixRMaj(p, p);
    z = new double[k];
    ey = new double[p];
    exx = new double[n * n];
  }

  void collect(ModelMatrices model, KalmanFilter filter, RtsSmoother smoother, double[][] y, double[][] u) {
    zz0.zero();
    x1z.zero();
    x1x1.zero();
    zz.zero();
    yz.zero();
    yy.zero();
    int k = n + m;
    int periods = y.length;
    for (int t = 0; t < periods; t++) {
      double[] xs = smoother.smoothedMean[t].data;
      double[] ps = smoother.smoothedCov[t].data;
      System.arraycopy(xs, 0, z, 0, n);
      for (int j = 0; j < m; j++) z[n + j] = u[t][j];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) exx[i * n + j] = ps[i * n + j] + xs[i] * xs[j];
      }
      // E[z z'] for this t, added to zz and (t < T-1) zz0
      double[] dzz = zz.data;
      double[] dzz0 = zz0.data;
      boolean transition = t < periods - 1;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double value = i < n && j < n ? exx[i * n + j] : z[i] * z[j];
          dzz[i * k + j] += value;
          if (transition) dzz0[i * k + j] += value;
        }
      }
      if (t >= 1) {
        double[] d = x1x1.data;
        for (int i = 0; i < n * n; i++) d[i] += exx[i];
        // E[x(t) z(t-1)']: the lag-one covariance plus the product of means, and x(t) u(t-1)'
        double[] lag = smoother.lagCov[t].data;
        double[] previous = smoother.smoothedMean[t - 1].data;
        double[] dx1z = x1z.data;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) dx1z[i * k + j] += lag[i * n + j] + xs[i] * previous[j];
          for (int j = 0; j < m; j++) dx1z[i * k + n + j] += xs[i] * u[t - 1][j];
        }
      }
      if (filter.observedCount[t] == p) {
        addObserved(y[t]);
      } else {
        addPartlyMissing(model, y[t], u[t], xs, ps);
      }
    }
  }

  private void addObserved(double[] yt) {
    int k = n + m;
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < k; j++) yz.data[i * k + j] += yt[i] * z[j];
      for (int j = 0; j < p; j++) yy.data[i * p + j] += yt[i] * yt[j];
    }
  }

  private void addPartlyMissing(ModelMatrices model, double[] yt, double[] ut, double[] xs, double[] ps) {
    int[] observed = new int[p];
    int[] missing = new int[p];
    int po = 0;
    int pm = 0;
    for (int i = 0; i < p; i++) {
      if (Double.isNaN(yt[i])) missing[pm++] = i;
      else observed[po++] = i;
    }
    // H = R_MO R_OO^-1
    double[][] h = new double[pm][po];
    if (po > 0) {
      DMatrixRMaj roo = new DMatrixRMaj(po, po);
      for (int a = 0; a < po; a++) {
        for (int b = 0; b < po; b++) roo.set(a, b, model.R.get(observed[a], observed[b]));
      }
      DMatrixRMaj inverse = new DMatrixRMaj(po, po);
      SymmetricMatrices.invertPositive(roo, inverse, new double[po * po]);
      for (int a = 0; a < pm; a++) {
        for (int b = 0; b < po; b++) {
          double s = 0;
          for (int c = 0; c < po; c++) s += model.R.get(missing[a], observed[c]) * inverse.get(c, b);
          h[a][b] = s;
        }
      }
    }
    double[] du = new double[p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < m; j++) du[i] += model.D.get(i, j) * ut[j];
    }
    double[][] g = new double[pm][n];
    double[] offset = new double[pm];
    double[][] conditional = new double[pm][pm];
    for (int a = 0; a < pm; a++) {
      int i = missing[a];
      offset[a] = du[i];
      for (int c = 0; c < n; c++) g[a][c] = model.C.get(i, c);
      for (int b = 0; b < po; b++) {
        int o = observed[b];
        offset[a] += h[a][b] * (yt[o] - du[o]);
        for (int c = 0; c < n; c++) g[a][c] -= h[a][b] * model.C.get(o, c);
      }
      for (int b = 0; b < pm; b++) {
        double s = model.R.get(i, missing[b]);
        for (int c = 0; c < po; c++) s -= h[a][c] * model.R.get(observed[c], missing[b]);
        conditional[a][b] = s;
      }
    }
    for (int b = 0; b < po; b++) ey[observed[b]] = yt[observed[b]];
    for (int a = 0; a < pm; a++) {
      double s = offset[a];
      for (int c = 0; c < n; c++) s += g[a][c] * xs[c];
      ey[missing[a]] = s;
    }
    int k = n + m;
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < k; j++) yz.data[i * k + j] += ey[i] * z[j];
      for (int j = 0; j < p; j++) yy.data[i * p + j] += ey[i] * ey[j];
    }
    // the covariance parts, nonzero only on the missing rows: Cov(y_M, x) = G P, Cov(y_M) = G P G' + conditional
    for (int a = 0; a < pm; a++) {
      int i = missing[a];
      double[] gp = new double[n];
      for (int c = 0; c < n; c++) {
        double s = 0;
        for (int d = 0; d < n; d++) s += g[a][d] * ps[d * n + c];
        gp[c] = s;
        yz.data[i * k + c] += s;
      }
      for (int b = 0; b < pm; b++) {
        double s = conditional[a][b];
        for (int c = 0; c < n; c++) s += gp[c] * g[b][c];
        yy.data[i * p + missing[b]] += s;
      }
    }
  }
}
