package io.limbic.analytics.kpi.statespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plain-array fast path of the filter and smoother (with its exact reuse of settled covariances) against the
 * general EJML path on every step: same filter, smoother and EM output to 1e-9 on a random 4-state, 3-KPI,
 * 2-control model, fully observed and with KPIs missing (where the two paths alternate), given and diffuse start.
 */
class FastPathStateSpaceTest {
  private static final double TOLERANCE = 1e-9;
  private static final int N = 4;
  private static final int P = 3;
  private static final int M = 2;
  private static final int T = 240;

  @ParameterizedTest(name = "diffuse={0} missing={1}")
  @CsvSource({"false,false", "true,false", "false,true", "true,true"})
  void fastAndGeneralPathsAgree(boolean diffuse, boolean missing) {
    StateSpaceModel model = randomModel(new Random(41), diffuse);
    SimulatedModel data = SimulatedModel.draw(randomModel(new Random(41), false), T, 5);
    double[][] y = data.y();
    if (missing) {
      // a stretch with one KPI missing, a day with none observed, scattered gaps: both paths alternate
      for (int t = 90; t < 110; t++) y[t][1] = Double.NaN;
      y[150] = new double[] {Double.NaN, Double.NaN, Double.NaN};
      y[3][0] = Double.NaN;
      y[200][2] = Double.NaN;
      y[201][0] = Double.NaN;
    }
    double kappa = KalmanFilter.diffuseKappa(y);

    KalmanFilter fast = new KalmanFilter(N, P, M, T, true);
    KalmanFilter general = new KalmanFilter(N, P, M, T, false);
    double fastLogL = fast.filter(new ModelMatrices(model, kappa), y, data.u());
    double generalLogL = general.filter(new ModelMatrices(model, kappa), y, data.u());
    assertClose(generalLogL, fastLogL, "log-likelihood");
    int repeated = 0;
    for (int t = 0; t < T; t++) {
      if (fast.repeatOf[t] > 0) repeated++;
      assertClose(general.predictedMean(t), fast.predictedMean(t), "x(t|t-1) at " + t);
      assertClose(general.predictedCovariance(t), fast.predictedCovariance(t), "P(t|t-1) at " + t);
      assertClose(general.filteredMean(t), fast.filteredMean(t), "x(t|t) at " + t);
      assertClose(general.filteredCovariance(t), fast.filteredCovariance(t), "P(t|t) at " + t);
      assertClose(general.innovation(t), fast.innovation(t), "innovation at " + t);
      assertClose(general.innovationCovariance(t), fast.innovationCovariance(t), "F at " + t);
      assertClose(general.forecast(t), fast.forecast(t), "forecast at " + t);
    }
    assertClose(general.nextCovariance(), fast.nextCovariance(), "P(T+1|T)");
    // the shortcut is exercised: the covariance recursion reaches its fixed point on the observed stretches
    assertTrue(repeated > 20, "repeated steps: " + repeated);

    RtsSmoother fastSmoother = new RtsSmoother(N, T, true);
    RtsSmoother generalSmoother = new RtsSmoother(N, T, false);
    fastSmoother.smooth(fast, ModelMatrices.matrix(model.A(), N, N));
    generalSmoother.smooth(general, ModelMatrices.matrix(model.A(), N, N));
    for (int t = 0; t < T; t++) {
      assertClose(generalSmoother.smoothedMean(t), fastSmoother.smoothedMean(t), "x(t|n) at " + t);
      assertClose(generalSmoother.smoothedCovariance(t), fastSmoother.smoothedCovariance(t), "P(t|n) at " + t);
      if (t > 0) {
        assertClose(generalSmoother.lagOneCovariance(t), fastSmoother.lagOneCovariance(t), "P(t,t-1|n) at " + t);
      }
    }

    Set<String> free = Set.copyOf(StateSpaceModel.PARAMETERS);
    ExpectationMaximization.Result fastFit =
        new ExpectationMaximization(N, P, M, T, true).run(model, free, y, data.u(), 25, 1e-300, Progress.NONE);
    ExpectationMaximization.Result generalFit =
        new ExpectationMaximization(N, P, M, T, false).run(model, free, y, data.u(), 25, 1e-300, Progress.NONE);
    assertEquals(generalFit.iterations(), fastFit.iterations());
    assertClose(generalFit.logLikelihoods(), fastFit.logLikelihoods(), "EM log-likelihoods");
    StateSpaceModel a = generalFit.model();
    StateSpaceModel b = fastFit.model();
    assertClose(a.A(), b.A(), "A");
    assertClose(a.B(), b.B(), "B");
    assertClose(a.C(), b.C(), "C");
    assertClose(a.D(), b.D(), "D");
    assertClose(a.Q(), b.Q(), "Q");
    assertClose(a.R(), b.R(), "R");
    assertClose(a.mu1(), b.mu1(), "mu1");
    assertClose(a.V1(), b.V1(), "V1");
  }

  /** A stable A (0.6 I plus small entries), full B, C, D, and Q, R = L L' + 0.1 I. */
  private static StateSpaceModel randomModel(Random random, boolean diffuse) {
    double[][] a = uniform(random, N, N, 0.15);
    for (int i = 0; i < N; i++) a[i][i] += 0.6;
    double[][] b = uniform(random, N, M, 1);
    double[][] c = uniform(random, P, N, 1);
    for (int i = 0; i < P; i++) c[i][i] += 1;
    double[][] d = uniform(random, P, M, 1);
    double[][] mu1 = uniform(random, N, 1, 1);
    return new StateSpaceModel(a, b, c, d, covariance(random, N), covariance(random, P), mu1,
        covariance(random, N), diffuse);
  }

  private static double[][] uniform(Random random, int rows, int cols, double scale) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int j = 0; j < cols; j++) row[j] = scale * (2 * random.nextDouble() - 1);
    }
    return out;
  }

  private static double[][] covariance(Random random, int k) {
    double[][] l = uniform(random, k, k, 0.5);
    double[][] out = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        for (int s = 0; s < k; s++) out[i][j] += l[i][s] * l[j][s];
      }
      out[i][i] += 0.1;
    }
    return out;
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) assertClose(expected[i], actual[i], what + " [" + i + "]");
  }

  private static void assertClose(double[][] expected, double[][] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) assertClose(expected[i], actual[i], what + " row " + i);
  }
}
