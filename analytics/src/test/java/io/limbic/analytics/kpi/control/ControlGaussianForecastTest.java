package io.limbic.analytics.kpi.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.StateSpaceModel;
import org.junit.jupiter.api.Test;

class ControlGaussianForecastTest {
  @Test
  void aRandomWalkWithDriftHasLinearlyGrowingVariance() {
    // x(t+1) = x + 2 u + w, y = x + v: after h steps from N(10, 1) the KPI is N(10 + 2 h u, 1 + h q + r).
    double q = 0.5;
    double r = 2;
    StateSpaceModel model = new StateSpaceModel(new double[][] {{1}}, new double[][] {{2}}, new double[][] {{1}},
        new double[][] {{0}}, new double[][] {{q}}, new double[][] {{r}}, new double[][] {{0}}, new double[][] {{1}},
        false);
    double[][] inputs = new double[5][1];
    for (double[] row : inputs) row[0] = 1.5;
    Bands bands = GaussianForecast.bands(model, new double[] {10}, new double[][] {{1}}, inputs);
    for (int h = 0; h < 5; h++) {
      double sd = Math.sqrt(1 + h * q + r);
      assertEquals(10 + 3 * h, bands.mean()[h][0], 1e-12);
      assertEquals(10 + 3 * h - 1.959963984540054 * sd, bands.lower95()[h][0], 1e-12);
      assertEquals(10 + 3 * h + 0.6744897501960817 * sd, bands.upper50()[h][0], 1e-12);
    }
    assertEquals(0, bands.paths());
  }

  @Test
  void theInterimFilterMatchesTheLocalLevelRecursion() {
    // Local level with V1 = 1, mu1 = 0: P(1) = 1, K = P/(P+r), then P(t+1) = P r/(P+r) + q.
    double q = 0.3;
    double r = 0.7;
    StateSpaceModel model = new StateSpaceModel(new double[][] {{1}}, new double[][] {new double[0]},
        new double[][] {{1}}, new double[][] {new double[0]}, new double[][] {{q}}, new double[][] {{r}},
        new double[][] {{0}}, new double[][] {{1}}, false);
    double[][] y = {{1.0}, {Double.NaN}, {2.5}};
    double[][] u = {{}, {}, {}};
    InterimKalmanFilter.Pass pass = InterimKalmanFilter.run(model, y, u);
    double x = 0;
    double p = 1;
    double logL = 0;
    for (double[] row : y) {
      if (!Double.isNaN(row[0])) {
        double f = p + r;
        logL += -0.5 * (Math.log(2 * Math.PI * f) + (row[0] - x) * (row[0] - x) / f);
        x += p / f * (row[0] - x);
        p = p * r / f;
      }
      p += q;
    }
    assertEquals(logL, pass.logLikelihood(), 1e-12);
    assertEquals(x, pass.nextMean()[0], 1e-12);
    assertEquals(p, pass.nextCovariance()[0][0], 1e-12);
  }
}
