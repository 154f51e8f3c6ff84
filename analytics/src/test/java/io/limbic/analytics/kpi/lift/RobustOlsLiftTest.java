package io.limbic.analytics.kpi.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.KpiPanel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustOlsLiftTest {
  static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");
  static final double[][] X = {{1, 0, 1}, {1, 1, 2}, {1, 0, 4}, {1, 1, 3}, {1, 1, 7}, {1, 0, 5}, {1, 1, 8}, {1, 0, 6.5}};
  static final double[] Y = {1, 3, 2.5, 4, 7, 3, 9.5, 4};

  // reference values from numpy: b = solve(X'X, X'y); HC1 = B (X' diag(e^2) X) B n/(n-k), B = inv(X'X);
  // Newey-West(2) adds Bartlett-weighted e_t e_{t-l} (x_t x_{t-l}' + x_{t-l} x_t') to the middle
  @Test
  void hc1AndNeweyWestMatchAnIndependentComputation() {
    RobustOls.Fit hc1 = RobustOls.fit(X, Y, RobustOls.Covariance.HC1, 0);
    assertEquals(-0.71777778, hc1.coefficients()[0], 1e-8);
    assertEquals(2.54092593, hc1.coefficients()[1], 1e-8);
    assertEquals(0.81037037, hc1.coefficients()[2], 1e-8);
    assertEquals(0.6540065, hc1.covariance()[0][0], 1e-7);
    assertEquals(0.23839285, hc1.covariance()[1][1], 1e-7);
    assertEquals(0.02308022, hc1.covariance()[2][2], 1e-8);
    RobustOls.Fit nw = RobustOls.fit(X, Y, RobustOls.Covariance.NEWEY_WEST, 2);
    assertEquals(0.51325292, nw.covariance()[0][0], 1e-7);
    assertEquals(0.39668618, nw.covariance()[1][1], 1e-7);
    assertEquals(0.00985482, nw.covariance()[2][2], 1e-8);
    assertEquals(5, nw.degreesOfFreedom());
  }

  @Test
  void collinearRegressorsAreRejected() {
    double[][] x = new double[10][];
    double[] y = new double[10];
    for (int t = 0; t < 10; t++) {
      x[t] = new double[] {1, t, 2 * t};
      y[t] = t;
    }
    assertThrows(IllegalArgumentException.class, () -> RobustOls.fit(x, y, RobustOls.Covariance.HC1, 0));
  }

  /** A daily KPI with a trend, weekday pattern, campaigns in streaks, AR(1) noise that is larger on campaign days. */
  static KpiPanel simulated(long seed, int days, double lift) {
    Random random = new Random(seed);
    List<Instant> periods = new ArrayList<>();
    double[][] y = new double[days][1];
    double[][] u = new double[days][1];
    double[] weekday = {0, 1, 1.5, 1, 2, -3, -4};
    double noise = 0;
    int campaignLeft = 0;
    for (int t = 0; t < days; t++) {
      periods.add(MONDAY.plus(Duration.ofDays(t)));
      if (campaignLeft == 0 && random.nextDouble() < 0.12) campaignLeft = 2 + random.nextInt(5);
      double s = campaignLeft > 0 ? 1 : 0;
      if (campaignLeft > 0) campaignLeft--;
      noise = 0.3 * noise + random.nextGaussian() * (2 + 2 * s);
      u[t][0] = s;
      y[t][0] = 100 + 0.05 * t + weekday[t % 7] + lift * s + noise;
    }
    return new KpiPanel(periods, List.of("sessions"), List.of("campaign"), y, u);
  }

  @Test
  void recoversAKnownLiftAndItsIntervalCoversNinetyFivePercent() {
    int replications = 200;
    int covered = 0;
    double sum = 0;
    for (int seed = 0; seed < replications; seed++) {
      SignalLift lift = SignalLifts.estimate("all", simulated(seed, 150, 3.0), "sessions", "campaign", 0).orElseThrow();
      sum += lift.effect().estimate();
      if (lift.effect().contains(3.0)) covered++;
      assertEquals(150, lift.effect().n());
    }
    assertEquals(3.0, sum / replications, 0.15, "unbiased on average");
    // binomial(200, 0.95): sd 1.54 %; allow 3 sd either side
    double coverage = (double) covered / replications;
    assertTrue(coverage >= 0.95 - 3 * 0.0154 && coverage <= 0.95 + 3 * 0.0154, "coverage " + coverage);
  }

  @Test
  void aConfiguredLiftOutsideTheIntervalIsAContradiction() {
    List<SignalLift> learned = SignalLifts.all("all", simulated(1, 150, 3.0), 0);
    assertEquals(1, learned.size());
    List<LiftComparison> comparisons = SignalLifts.compare(learned, List.of(
        new ConfiguredLift("sessions", "campaign", 10), new ConfiguredLift("sessions", "campaign", 3),
        new ConfiguredLift("sessions", "holiday", 5)));
    assertTrue(comparisons.get(0).contradicts());
    assertEquals(10, comparisons.get(0).configured());
    assertFalse(comparisons.get(1).contradicts());
    assertNull(comparisons.get(2).learned());
    assertFalse(comparisons.get(2).contradicts());
  }

  @Test
  void aSignalThatNeverVariesHasNoLift() {
    KpiPanel panel = simulated(1, 30, 0);
    for (double[] row : panel.u()) row[0] = 0;
    assertTrue(SignalLifts.estimate("all", panel, "sessions", "campaign", 0).isEmpty());
  }
}
