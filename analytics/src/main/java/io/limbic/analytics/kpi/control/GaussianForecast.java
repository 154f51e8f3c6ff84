package io.limbic.analytics.kpi.control;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.StateSpaceModel;
import org.ejml.simple.SimpleMatrix;

/**
 * The exact forecast distribution of a linear-Gaussian model under known inputs: from x(n+1|n) ~ N(x0, P0),
 * the mean and covariance propagate as m(h+1) = A m(h) + B u(h), P(h+1) = A P(h) A' + Q, and KPI i in future
 * period h is normal with mean (C m(h) + D u(h))_i and variance (C P(h) C' + R)_ii; the bands are its normal
 * quantiles ({@code paths} = 0 in the result).
 */
public final class GaussianForecast {
  static final double Z975 = 1.959963984540054;
  static final double Z75 = 0.6744897501960817;

  private GaussianForecast() {}

  public static Bands bands(StateSpaceModel model, double[] x0, double[][] p0, double[][] inputs) {
    int n = model.states();
    int p = model.kpis();
    int m = model.controls();
    SimpleMatrix a = new SimpleMatrix(model.A());
    SimpleMatrix b = InterimKalmanFilter.matrix(model.B(), n, m);
    SimpleMatrix c = new SimpleMatrix(model.C());
    SimpleMatrix d = InterimKalmanFilter.matrix(model.D(), p, m);
    SimpleMatrix q = new SimpleMatrix(model.Q());
    SimpleMatrix r = new SimpleMatrix(model.R());
    SimpleMatrix mean = new SimpleMatrix(n, 1);
    for (int i = 0; i < n; i++) mean.set(i, 0, x0[i]);
    SimpleMatrix cov = new SimpleMatrix(p0);
    int horizon = inputs.length;
    double[][] mu = new double[horizon][p];
    double[][] lo95 = new double[horizon][p];
    double[][] lo50 = new double[horizon][p];
    double[][] hi50 = new double[horizon][p];
    double[][] hi95 = new double[horizon][p];
    for (int h = 0; h < horizon; h++) {
      SimpleMatrix u = new SimpleMatrix(m, 1);
      for (int j = 0; j < m; j++) u.set(j, 0, inputs[h][j]);
      SimpleMatrix yMean = c.mult(mean).plus(d.mult(u));
      SimpleMatrix yCov = c.mult(cov).mult(c.transpose()).plus(r);
      for (int i = 0; i < p; i++) {
        double sd = Math.sqrt(Math.max(0, yCov.get(i, i)));
        mu[h][i] = yMean.get(i, 0);
        lo95[h][i] = mu[h][i] - Z975 * sd;
        hi95[h][i] = mu[h][i] + Z975 * sd;
        lo50[h][i] = mu[h][i] - Z75 * sd;
        hi50[h][i] = mu[h][i] + Z75 * sd;
      }
      mean = a.mult(mean).plus(b.mult(u));
      cov = a.mult(cov).mult(a.transpose()).plus(q);
      cov = cov.plus(cov.transpose()).scale(0.5);
    }
    return new Bands(mu, lo95, lo50, hi50, hi95, 0);
  }
}
