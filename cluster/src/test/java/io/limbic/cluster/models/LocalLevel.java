package io.limbic.cluster.models;

import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.StateSpaceModel;

/**
 * The scalar Kalman filter of a local-level model with inputs, for the test family, forecaster and planner:
 * x(t+1) = x(t) + B u(t) + w, y(t) = x(t) + v, diffuse start (x(2) is predicted from y(1) alone).
 */
final class LocalLevel {
  /** The prediction of x(T+1) after filtering all T periods, and the innovations of periods 2..T. */
  record Filtered(double mean, double variance, double[] innovations, double[] innovationVariances, int observed) {}

  private LocalLevel() {}

  static Filtered filter(double q, double r, double[] b, KpiPanel data) {
    int n = data.length();
    double[] v = new double[n];
    double[] f = new double[n];
    double a = Double.NaN;
    double p = Double.POSITIVE_INFINITY;
    int observed = 0;
    for (int t = 0; t < n; t++) {
      double y = data.y()[t][0];
      v[t] = Double.NaN;
      if (!Double.isNaN(y)) {
        if (Double.isInfinite(p)) {
          a = y; // the diffuse start: the first observation pins the level down exactly
          p = r;
        } else {
          v[t] = y - a;
          f[t] = p + r;
          a += p / f[t] * v[t];
          p -= p * p / f[t];
          observed++;
        }
      }
      if (!Double.isNaN(a)) a += dot(b, data.u()[t]);
      p += q;
    }
    return new Filtered(a, p, v, f, observed);
  }

  static Filtered filter(StateSpaceModel model, KpiPanel data) {
    double[] b = model.B()[0];
    return filter(model.Q()[0][0], model.R()[0][0], b, data);
  }

  static double dot(double[] b, double[] u) {
    double s = 0;
    for (int j = 0; j < b.length; j++) s += b[j] * u[j];
    return s;
  }
}
