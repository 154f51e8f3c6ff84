package io.limbic.analytics.kpi.control;

import io.limbic.analytics.kpi.StateSpaceModel;
import org.ejml.simple.SimpleMatrix;

/**
 * A small Kalman filter (missing observations, Joseph-form update) that gives the planner its start state and the
 * retention/engagement families their log-likelihood and one-step forecasts.
 * TODO(A1): replace with {@code io.limbic.analytics.kpi.statespace.KalmanFilter} once it lands; this one handles a
 * diffuse start only approximately (V1 = {@link #KAPPA} I, and the log-likelihood skips a period whose innovation
 * variance is still dominated by that prior).
 */
public final class InterimKalmanFilter {
  /** Prior variance standing in for a diffuse start. */
  public static final double KAPPA = 1e7;

  /**
   * What one pass leaves: the log-likelihood of the counted periods, how many observations it counted, the one-step
   * forecasts {@code yhat[t][i]} (NaN where not counted), and the state of the first future period x(n+1|n) with its
   * covariance.
   */
  public record Pass(double logLikelihood, int counted, double[][] oneStep, double[] nextMean, double[][] nextCovariance) {}

  private InterimKalmanFilter() {}

  public static Pass run(StateSpaceModel model, double[][] y, double[][] u) {
    int n = model.states();
    int p = model.kpis();
    SimpleMatrix a = new SimpleMatrix(model.A());
    SimpleMatrix b = matrix(model.B(), n, model.controls());
    SimpleMatrix c = new SimpleMatrix(model.C());
    SimpleMatrix d = matrix(model.D(), p, model.controls());
    SimpleMatrix q = new SimpleMatrix(model.Q());
    SimpleMatrix r = new SimpleMatrix(model.R());
    SimpleMatrix x = model.diffuse() ? new SimpleMatrix(n, 1) : new SimpleMatrix(model.mu1());
    SimpleMatrix cov = model.diffuse() ? SimpleMatrix.identity(n).scale(KAPPA) : new SimpleMatrix(model.V1());
    double logL = 0;
    int counted = 0;
    double[][] oneStep = new double[y.length][p];
    for (int t = 0; t < y.length; t++) {
      SimpleMatrix ut = column(u[t]);
      java.util.Arrays.fill(oneStep[t], Double.NaN);
      int[] seen = observed(y[t]);
      if (seen.length > 0) {
        SimpleMatrix cs = rows(c, seen);
        SimpleMatrix predicted = cs.mult(x).plus(rows(d, seen).mult(ut));
        SimpleMatrix rs = sub(r, seen);
        SimpleMatrix f = cs.mult(cov).mult(cs.transpose()).plus(rs);
        f = f.plus(f.transpose()).scale(0.5);
        SimpleMatrix innovation = new SimpleMatrix(seen.length, 1);
        for (int k = 0; k < seen.length; k++) innovation.set(k, 0, y[t][seen[k]] - predicted.get(k, 0));
        SimpleMatrix fInv = f.invert();
        if (!dominatedByPrior(f)) {
          logL += -0.5 * (seen.length * Math.log(2 * Math.PI) + Math.log(f.determinant())
              + innovation.transpose().mult(fInv).mult(innovation).get(0, 0));
          counted += seen.length;
          for (int k = 0; k < seen.length; k++) oneStep[t][seen[k]] = predicted.get(k, 0);
        }
        SimpleMatrix gain = cov.mult(cs.transpose()).mult(fInv);
        x = x.plus(gain.mult(innovation));
        SimpleMatrix keep = SimpleMatrix.identity(n).minus(gain.mult(cs));
        cov = keep.mult(cov).mult(keep.transpose()).plus(gain.mult(rs).mult(gain.transpose()));
      }
      x = a.mult(x).plus(b.mult(ut));
      cov = a.mult(cov).mult(a.transpose()).plus(q);
      cov = cov.plus(cov.transpose()).scale(0.5);
    }
    double[] next = new double[n];
    double[][] nextCov = new double[n][n];
    for (int i = 0; i < n; i++) {
      next[i] = x.get(i, 0);
      for (int j = 0; j < n; j++) nextCov[i][j] = cov.get(i, j);
    }
    return new Pass(logL, counted, oneStep, next, nextCov);
  }

  private static boolean dominatedByPrior(SimpleMatrix f) {
    for (int i = 0; i < f.getNumRows(); i++) if (f.get(i, i) > KAPPA * 1e-3) return true;
    return false;
  }

  private static int[] observed(double[] row) {
    return java.util.stream.IntStream.range(0, row.length).filter(i -> !Double.isNaN(row[i])).toArray();
  }

  static SimpleMatrix matrix(double[][] m, int rows, int cols) {
    return cols == 0 ? new SimpleMatrix(rows, 0) : new SimpleMatrix(m);
  }

  private static SimpleMatrix column(double[] v) {
    SimpleMatrix m = new SimpleMatrix(v.length, 1);
    for (int i = 0; i < v.length; i++) m.set(i, 0, v[i]);
    return m;
  }

  private static SimpleMatrix rows(SimpleMatrix m, int[] keep) {
    SimpleMatrix out = new SimpleMatrix(keep.length, m.getNumCols());
    for (int k = 0; k < keep.length; k++) for (int j = 0; j < m.getNumCols(); j++) out.set(k, j, m.get(keep[k], j));
    return out;
  }

  private static SimpleMatrix sub(SimpleMatrix m, int[] keep) {
    SimpleMatrix out = new SimpleMatrix(keep.length, keep.length);
    for (int i = 0; i < keep.length; i++) for (int j = 0; j < keep.length; j++) out.set(i, j, m.get(keep[i], keep[j]));
    return out;
  }
}
