package io.limbic.analytics.kpi.statespace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonteCarloForecasterTest {
  private static final StateSpaceModel TRUTH = SimulatedModel.twoStates();
  private static final SimulatedModel DATA = SimulatedModel.draw(TRUTH, 120, 31);

  static KpiPanel panel(SimulatedModel data) {
    List<Instant> days = new ArrayList<>();
    for (int t = 0; t < data.y().length; t++) days.add(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * t));
    return new KpiPanel(days, List.of("a", "b", "c"), List.of("u"), data.y(), data.u());
  }

  static FitResult fitAtTruth() {
    ModelSpec spec = new ModelSpec("state_space", 2, List.of("a", "b", "c"), List.of("u"), Set.of(), Map.of(),
        ModelSpec.Init.GIVEN, 0, 0);
    return new FitResult(spec, TRUTH, 0, true, new FitQuality(0, 0, 0, new double[3], new double[3]), "truth");
  }

  private static double[][] inputs(int horizon, double value) {
    double[][] out = new double[horizon][1];
    for (double[] row : out) row[0] = value;
    return out;
  }

  @Test
  void exactBandsStartFromTheStateAfterTheHistory() {
    KalmanFilter filter = KalmanFilter.run(TRUTH, DATA.y(), DATA.u());
    double[] next = filter.nextMean();
    Bands bands = new MonteCarloForecaster().simulate(fitAtTruth(), panel(DATA), inputs(5, 2), 0, 1, Progress.NONE);
    // period 0 after the data: y = C x(n+1|n) + D u(0); its variance C P C' + R
    double[][] p = filter.nextCovariance();
    double mean = next[0] + 0.3 * 2;
    double sd = Math.sqrt(p[0][0] + 0.4);
    assertEquals(mean, bands.mean()[0][0], 1e-9);
    assertEquals(mean + 1.959963984540054 * sd, bands.upper95()[0][0], 1e-9);
    assertEquals(mean - 0.6744897501960817 * sd, bands.lower50()[0][0], 1e-9);
    assertEquals(0, bands.paths());
  }

  @Test
  void anInputMovesTheNextPeriodsStateNotItsOwnPeriodsStateTerm() {
    MonteCarloForecaster forecaster = new MonteCarloForecaster();
    double[][] none = inputs(3, 0);
    double[][] push = inputs(3, 0);
    push[0][0] = 1;
    Bands base = forecaster.simulate(fitAtTruth(), panel(DATA), none, 0, 1, Progress.NONE);
    Bands pushed = forecaster.simulate(fitAtTruth(), panel(DATA), push, 0, 1, Progress.NONE);
    // KPI b = x2 has D = 0: u(0) cannot move it at h = 0; at h = 1 it moves by B(2) = 1.0 (C row (0, 1))
    assertEquals(base.mean()[0][1], pushed.mean()[0][1], 1e-12);
    assertEquals(1.0, pushed.mean()[1][1] - base.mean()[1][1], 1e-12);
    // KPI a has D = 0.3: it moves at once by 0.3, then by B(1) = 0.5 through the state
    assertEquals(0.3, pushed.mean()[0][0] - base.mean()[0][0], 1e-12);
    assertEquals(0.5, pushed.mean()[1][0] - base.mean()[1][0], 1e-12);
  }

  /**
   * 20,000 paths against the exact bands over 30 periods: the mean's standard error is sd / sqrt(20000) ~ 0.007 sd,
   * a quantile's about 0.01-0.02 sd (2.5 %: sqrt(q(1-q)/N)/phi(z) = 0.0011/0.058 = 0.019 sd); bounds 0.05 and
   * 0.08 sd are over four standard errors.
   */
  @Test
  void monteCarloBandsAgreeWithTheExactOnes() {
    MonteCarloForecaster forecaster = new MonteCarloForecaster();
    double[][] plan = inputs(30, 0.5);
    Bands exact = forecaster.simulate(fitAtTruth(), panel(DATA), plan, 0, 1, Progress.NONE);
    Bands drawn = forecaster.simulate(fitAtTruth(), panel(DATA), plan, 20_000, 42, Progress.NONE);
    for (int h = 0; h < 30; h++) {
      for (int i = 0; i < 3; i++) {
        double sd = (exact.upper95()[h][i] - exact.mean()[h][i]) / 1.959963984540054;
        assertEquals(exact.mean()[h][i], drawn.mean()[h][i], 0.05 * sd, "mean " + h + "," + i);
        assertEquals(exact.lower95()[h][i], drawn.lower95()[h][i], 0.08 * sd, "2.5 % " + h + "," + i);
        assertEquals(exact.upper50()[h][i], drawn.upper50()[h][i], 0.08 * sd, "75 % " + h + "," + i);
        assertEquals(exact.upper95()[h][i], drawn.upper95()[h][i], 0.08 * sd, "97.5 % " + h + "," + i);
      }
    }
    assertEquals(20_000, drawn.paths());
  }

  @Test
  void theSameSeedGivesTheSameBands() {
    MonteCarloForecaster forecaster = new MonteCarloForecaster();
    double[][] plan = inputs(10, 1);
    Bands first = forecaster.simulate(fitAtTruth(), panel(DATA), plan, 500, 7, Progress.NONE);
    Bands again = forecaster.simulate(fitAtTruth(), panel(DATA), plan, 500, 7, Progress.NONE);
    Bands other = forecaster.simulate(fitAtTruth(), panel(DATA), plan, 500, 8, Progress.NONE);
    for (int h = 0; h < 10; h++) {
      assertArrayEquals(first.mean()[h], again.mean()[h], 0);
      assertArrayEquals(first.upper95()[h], again.upper95()[h], 0);
    }
    assertNotEquals(first.mean()[9][0], other.mean()[9][0]);
    assertFalse(Double.isNaN(first.lower95()[9][2]));
  }
}
