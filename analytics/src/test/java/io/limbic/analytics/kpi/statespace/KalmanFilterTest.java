package io.limbic.analytics.kpi.statespace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.analytics.kpi.StateSpaceModel;
import org.junit.jupiter.api.Test;

/**
 * A 1-D model worked by hand: A = 0.5, B = 1, C = 2, D = 0.5, Q = 1, R = 2, x(1) ~ N(1, 4), y = (3, missing, 5),
 * u = (1, 2, 0). Periods 0-based.
 */
class KalmanFilterTest {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  static final StateSpaceModel MODEL = new StateSpaceModel(
      new double[][] {{0.5}}, new double[][] {{1}}, new double[][] {{2}}, new double[][] {{0.5}},
      new double[][] {{1}}, new double[][] {{2}}, new double[][] {{1}}, new double[][] {{4}}, false);
  static final double[][] Y = {{3}, {Double.NaN}, {5}};
  static final double[][] U = {{1}, {2}, {0}};

  @Test
  void filtersTheHandWorkedCase() {
    KalmanFilter filter = KalmanFilter.run(MODEL, Y, U);
    // t = 0: forecast C a + D u = 2 + 0.5 = 2.5, v = 0.5, F = C^2 P + R = 16 + 2 = 18, K = P C / F = 4/9,
    // x(0|0) = 1 + (4/9)(0.5) = 11/9, Joseph P = (1 - 8/9)^2 4 + (4/9)^2 2 = 4/81 + 32/81 = 4/9.
    assertEquals(2.5, filter.forecast(0)[0], 1e-12);
    assertArrayEquals(new double[] {0.5}, filter.innovation(0), 1e-12);
    assertEquals(18, filter.innovationCovariance(0)[0][0], 1e-12);
    assertEquals(11.0 / 9, filter.filteredMean(0)[0], 1e-12);
    assertEquals(4.0 / 9, filter.filteredCovariance(0)[0][0], 1e-12);
    // predict: x(1|0) = 0.5 (11/9) + 1 = 29/18, P = 0.25 (4/9) + 1 = 10/9
    assertEquals(29.0 / 18, filter.predictedMean(1)[0], 1e-12);
    assertEquals(10.0 / 9, filter.predictedCovariance(1)[0][0], 1e-12);
    // t = 1 missing: prediction only; forecast 2 (29/18) + 0.5 (2) = 38/9; x(2|1) = 0.5 (29/18) + 2 = 101/36,
    // P = 0.25 (10/9) + 1 = 23/18
    assertEquals(0, filter.observed(1).length);
    assertEquals(29.0 / 18, filter.filteredMean(1)[0], 1e-12);
    assertEquals(38.0 / 9, filter.forecast(1)[0], 1e-12);
    assertEquals(101.0 / 36, filter.predictedMean(2)[0], 1e-12);
    assertEquals(23.0 / 18, filter.predictedCovariance(2)[0][0], 1e-12);
    // t = 2: v = 5 - 101/18 = -11/18, F = 4 (23/18) + 2 = 64/9, K = (23/9)/(64/9) = 23/64,
    // x(2|2) = 101/36 - (23/64)(11/18) = 2979/1152, P = (23/18)(1 - 46/64) = 23/64
    assertArrayEquals(new double[] {-11.0 / 18}, filter.innovation(2), 1e-12);
    assertEquals(64.0 / 9, filter.innovationCovariance(2)[0][0], 1e-12);
    assertEquals(2979.0 / 1152, filter.filteredMean(2)[0], 1e-12);
    assertEquals(23.0 / 64, filter.filteredCovariance(2)[0][0], 1e-12);
    // after the data: x(3|2) = 0.5 (2979/1152) + 0 = 2979/2304, P = 0.25 (23/64) + 1 = 279/256
    assertEquals(2979.0 / 2304, filter.nextMean()[0], 1e-12);
    assertEquals(279.0 / 256, filter.nextCovariance()[0][0], 1e-12);
    // log L = -1/2 [2 log 2pi + log 18 + 0.25/18 + log(64/9) + (121/324)(9/64)]  (the missing step adds nothing)
    double expected = -0.5 * (2 * LOG_2PI + Math.log(18) + 0.25 / 18 + Math.log(64.0 / 9) + 121.0 / 2304);
    assertEquals(expected, filter.logLikelihood(), 1e-12);
  }

  @Test
  void dropsOnlyTheMissingRowsOfAMultivariateStep() {
    // two KPIs measuring one state, the second missing at t = 0: the step must equal the 1-KPI filter on the first
    StateSpaceModel two = new StateSpaceModel(
        new double[][] {{0.5}}, new double[][] {{1}}, new double[][] {{2}, {7}}, new double[][] {{0.5}, {3}},
        new double[][] {{1}}, new double[][] {{2, 0.3}, {0.3, 9}}, new double[][] {{1}}, new double[][] {{4}}, false);
    KalmanFilter filter = KalmanFilter.run(two, new double[][] {{3, Double.NaN}}, new double[][] {{1}});
    assertArrayEquals(new int[] {0}, filter.observed(0));
    assertEquals(11.0 / 9, filter.filteredMean(0)[0], 1e-12);
    assertEquals(4.0 / 9, filter.filteredCovariance(0)[0][0], 1e-12);
    assertEquals(-0.5 * (LOG_2PI + Math.log(18) + 0.25 / 18), filter.logLikelihood(), 1e-12);
  }
}
