package io.limbic.analytics.kpi.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.PlanConstraints;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.Recommendation;
import io.limbic.analytics.kpi.StateSpaceModel;
import io.limbic.analytics.kpi.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelPredictiveControlTest {
  private final ModelPredictiveControl mpc = new ModelPredictiveControl();

  /** x(t+1) = 0.8 x + u, y = x: a leaky store a control fills. */
  private static StateSpaceModel leaky() {
    return new StateSpaceModel(new double[][] {{0.8}}, new double[][] {{1}}, new double[][] {{1}},
        new double[][] {{0}}, new double[][] {{0.01}}, new double[][] {{0.04}}, new double[][] {{0}},
        new double[][] {{1}}, false);
  }

  private static StateSpaceModel random(Random random) {
    int n = 1 + random.nextInt(3);
    int m = 1 + random.nextInt(3);
    int p = 1 + random.nextInt(2);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] = (random.nextDouble() - 0.5) * 0.9 / n;
    double[][] b = fill(random, n, m);
    double[][] c = fill(random, p, n);
    double[][] d = fill(random, p, m);
    double[][] q = new double[n][n];
    for (int i = 0; i < n; i++) q[i][i] = 0.1;
    double[][] r = new double[p][p];
    for (int i = 0; i < p; i++) r[i][i] = 0.2;
    return new StateSpaceModel(a, b, c, d, q, r, new double[n][1], q, false);
  }

  private static double[][] fill(Random random, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) for (int j = 0; j < cols; j++) row[j] = random.nextGaussian();
    return out;
  }

  private static double total(double[][] inputs) {
    double s = 0;
    for (double[] row : inputs) for (double v : row) s += v;
    return s;
  }

  @Test
  void constraintsHoldAndThePlanBeatsDoingNothingOnRandomModels() {
    Random random = new Random(11);
    for (int trial = 0; trial < 60; trial++) {
      StateSpaceModel model = random(random);
      int m = model.controls();
      int horizon = 1 + random.nextInt(12);
      double[] min = new double[m];
      double[] max = new double[m];
      for (int j = 0; j < m; j++) {
        min[j] = random.nextBoolean() ? 0 : random.nextDouble();
        max[j] = min[j] + 0.5 + random.nextDouble() * 3;
      }
      double least = 0;
      for (double v : min) least += v * horizon;
      double budget = trial % 3 == 0 ? Double.POSITIVE_INFINITY : least + random.nextDouble() * 2 * horizon;
      PlanConstraints limits = new PlanConstraints(min, max, budget);
      double[] x0 = new double[model.states()];
      for (int i = 0; i < x0.length; i++) x0[i] = random.nextGaussian() * 2;
      Double level = trial % 2 == 0 ? null : random.nextGaussian() * 3;
      double cost = trial % 4 == 1 ? 0 : 0.01 + random.nextDouble();
      Recommendation plan = mpc.plan(model, x0, model.V1(), 0, level, cost, horizon, limits, Progress.NONE);
      for (double[] row : plan.inputs()) {
        for (int j = 0; j < m; j++) {
          assertTrue(row[j] >= min[j] - 1e-9 && row[j] <= max[j] + 1e-9, "box, trial " + trial);
        }
      }
      assertTrue(total(plan.inputs()) <= budget + 1e-9, "budget, trial " + trial);
      double[][] nothing = new double[horizon][m];
      for (double[] row : nothing) System.arraycopy(min, 0, row, 0, m);
      double baseline = ModelPredictiveControl.objective(model, x0, 0, level, cost, nothing);
      double planned = ModelPredictiveControl.objective(model, x0, 0, level, cost, plan.inputs());
      assertEquals(planned, plan.objective(), 1e-9 * (1 + Math.abs(planned)));
      assertTrue(planned <= baseline + 1e-9 * (1 + Math.abs(baseline)), "trial " + trial);
      // No random feasible plan does better (a brute-force spot check of optimality).
      for (int draw = 0; draw < 50; draw++) {
        double[][] other = new double[horizon][m];
        for (double[] row : other) for (int j = 0; j < m; j++) row[j] = min[j] + random.nextDouble() * (max[j] - min[j]);
        if (total(other) > budget) continue;
        assertTrue(planned <= ModelPredictiveControl.objective(model, x0, 0, level, cost, other) + 1e-7);
      }
    }
  }

  @Test
  void trackingReachesAReachableLevel() {
    // Steady state of x = 0.8 x + u at 10 needs u = 2, well inside [0, 5].
    Recommendation plan = mpc.plan(leaky(), new double[] {0}, new double[][] {{0}}, 0, 10.0, 1e-6, 20,
        new PlanConstraints(new double[] {0}, new double[] {5}, Double.POSITIVE_INFINITY), Progress.NONE);
    double[][] mean = plan.predicted().mean();
    for (int h = 4; h < 20; h++) assertEquals(10, mean[h][0], 0.01, "period " + h);
    assertEquals(2, plan.inputs()[10][0], 0.01);
    assertEquals(0, plan.baseline().mean()[19][0], 1e-12);
  }

  @Test
  void theBudgetBindsWhenItShouldAndOnlyThen() {
    PlanConstraints tight = new PlanConstraints(new double[] {0}, new double[] {5}, 12);
    Recommendation plan = mpc.plan(leaky(), new double[] {1}, new double[][] {{0}}, 0, null, 0.01, 10, tight,
        Progress.NONE);
    assertEquals(12, total(plan.inputs()), 1e-8);
    // A budget above what the box allows leaves the box binding instead (maximising with a tiny input cost).
    PlanConstraints loose = new PlanConstraints(new double[] {0}, new double[] {5}, 1000);
    Recommendation open = mpc.plan(leaky(), new double[] {1}, new double[][] {{0}}, 0, null, 1e-4, 10, loose,
        Progress.NONE);
    assertTrue(total(open.inputs()) < 1000 - 1);
    for (int h = 0; h < 9; h++) assertEquals(5, open.inputs()[h][0], 1e-8);
  }

  @Test
  void maximisingWithAnInputCostIsTheProjectionOfTheMarginalGains() {
    // Minimising c|U|^2 - w'U over the set is projecting w / (2c): the closed form the solver must reproduce.
    StateSpaceModel model = leaky();
    int horizon = 8;
    double cost = 0.5;
    ModelPredictiveControl.Prediction prediction = ModelPredictiveControl.predict(model, new double[] {0}, 0, horizon);
    double[] target = new double[horizon];
    for (int h = 0; h < horizon; h++) for (int k = 0; k < horizon; k++) target[k] += prediction.g()[h][k] / (2 * cost);
    PlanConstraints limits = new PlanConstraints(new double[] {0.2}, new double[] {3}, 9);
    double[] expected = ModelPredictiveControl.feasible(limits, 1, horizon).project(target);
    Recommendation plan = mpc.plan(model, new double[] {0}, new double[][] {{0}}, 0, null, cost, horizon, limits,
        Progress.NONE);
    for (int h = 0; h < horizon; h++) assertEquals(expected[h], plan.inputs()[h][0], 1e-7);
  }

  @Test
  void recommendFiltersHistoryAndNamesColumns() {
    StateSpaceModel model = leaky();
    Random random = new Random(5);
    int n = 60;
    List<Instant> periods = new ArrayList<>();
    double[][] y = new double[n][1];
    double[][] u = new double[n][2];
    double x = 3;
    for (int t = 0; t < n; t++) {
      periods.add(Instant.ofEpochSecond(86_400L * t));
      y[t][0] = t % 7 == 3 ? Double.NaN : x + 0.2 * random.nextGaussian();
      u[t][0] = random.nextDouble();
      u[t][1] = 99;
      x = 0.8 * x + u[t][0] + 0.1 * random.nextGaussian();
    }
    // Columns are matched by name: the panel declares an unrelated control first.
    double[][] swapped = new double[n][2];
    for (int t = 0; t < n; t++) swapped[t] = new double[] {u[t][1], u[t][0]};
    KpiPanel history = new KpiPanel(periods, List.of("retention"), List.of("noise", "sessions"), y, swapped);
    ModelSpec spec = new ModelSpec("state_space", 1, List.of("retention"), List.of("sessions"), Set.of(), Map.of(),
        ModelSpec.Init.GIVEN, 10, 1e-6);
    FitResult fit = new FitResult(spec, model, 0, true, new FitQuality(0, 0, 0, new double[1], new double[1]), "");
    Recommendation plan = mpc.recommend(fit, history, new Target("retention", 6.0, 1e-4), 14,
        new PlanConstraints(new double[] {0}, new double[] {3}, Double.POSITIVE_INFINITY), Progress.NONE);
    assertEquals(14, plan.inputs().length);
    assertEquals(6, plan.predicted().mean()[13][0], 0.05);
    double[][] lo = plan.predicted().lower95();
    double[][] hi = plan.predicted().upper95();
    assertTrue(hi[13][0] - lo[13][0] > hi[0][0] - lo[0][0], "bands widen");
    assertThrows(IllegalArgumentException.class, () -> mpc.recommend(fit, new KpiPanel(periods, List.of("retention"),
        List.of("other"), y, new double[n][1]), new Target("retention", 6.0, 0), 3, null, Progress.NONE));
    assertThrows(IllegalArgumentException.class, () -> mpc.recommend(fit, new KpiPanel(periods, List.of("retention"),
        List.of("sessions"), y, new double[n][1]), new Target("churn", 6.0, 0), 3, null, Progress.NONE));
  }

  @Test
  void aCancelledPlanStops() {
    Progress cancelled = new Progress() {
      @Override
      public void report(double fraction) {}

      @Override
      public boolean cancelled() {
        return true;
      }
    };
    assertThrows(Progress.Cancelled.class, () -> mpc.plan(leaky(), new double[] {0}, new double[][] {{0}}, 0, 10.0,
        1e-6, 20, new PlanConstraints(new double[] {0}, new double[] {5}, 50), cancelled));
  }
}
