package io.limbic.analytics.kpi.statespace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The smoother on {@link KalmanFilterTest}'s hand-worked model (filtered values derived there). */
class RtsSmootherTest {

  @Test
  void smoothsTheHandWorkedCase() {
    KalmanFilter filter = KalmanFilter.run(KalmanFilterTest.MODEL, KalmanFilterTest.Y, KalmanFilterTest.U);
    RtsSmoother smoother = RtsSmoother.run(filter, KalmanFilterTest.MODEL.A());
    // t = 2 (last): the filtered values, 2979/1152 and 23/64
    assertEquals(2979.0 / 1152, smoother.smoothedMean(2)[0], 1e-12);
    assertEquals(23.0 / 64, smoother.smoothedCovariance(2)[0][0], 1e-12);
    // t = 1: J = P(1|1) A / P(2|1) = (10/9)(1/2)/(23/18) = 10/23;
    // x(1|n) = 29/18 + (10/23)(2979/1152 - 101/36) = 29/18 - 55/576 = 873/576;
    // P(1|n) = 10/9 + (10/23)^2 (23/64 - 23/18) = 10/9 - 25/144 = 15/16
    assertEquals(873.0 / 576, smoother.smoothedMean(1)[0], 1e-12);
    assertEquals(15.0 / 16, smoother.smoothedCovariance(1)[0][0], 1e-12);
    // t = 0: J = (4/9)(1/2)/(10/9) = 1/5; x(0|n) = 11/9 + (1/5)(873/576 - 29/18) = 693/576;
    // P(0|n) = 4/9 + (1/25)(15/16 - 10/9) = 7/16
    assertEquals(693.0 / 576, smoother.smoothedMean(0)[0], 1e-12);
    assertEquals(7.0 / 16, smoother.smoothedCovariance(0)[0][0], 1e-12);
    // lag-one, Shumway and Stoffer property 6.3: P(2,1|n) = (1 - K C) A P(1|1) = (18/64)(1/2)(10/9) = 5/32;
    // P(1,0|n) = P(1|1) J0 + J1 (P(2,1|n) - A P(1|1)) J0 = 2/9 + (10/23)(5/32 - 5/9)(1/5) = 2/9 - 5/144 = 3/16.
    // The smoother's form P(t|n) J(t-1): (23/64)(10/23) = 5/32 and (15/16)(1/5) = 3/16 -- the same numbers.
    assertEquals(5.0 / 32, smoother.lagOneCovariance(2)[0][0], 1e-12);
    assertEquals(3.0 / 16, smoother.lagOneCovariance(1)[0][0], 1e-12);
  }
}
