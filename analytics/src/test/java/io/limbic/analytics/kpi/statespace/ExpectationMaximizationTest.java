package io.limbic.analytics.kpi.statespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.api.Test;

class ExpectationMaximizationTest {
  private static final Set<String> ALL_BUT_C = Set.of("A", "B", "D", "Q", "R", "mu1", "V1");

  /**
   * The log-likelihood at the truth, computed without any recursion: y stacked over time is Gaussian with mean
   * C m(t) + D u(t), m(1) = mu1, m(t+1) = A m(t) + B u(t), and covariance Cov(y(s), y(t)) = C S(s) (A^(t-s))' C'
   * + [s = t] R for s <= t, S(1) = V1, S(t+1) = A S(t) A' + Q; missing entries are dropped from the vector. Then
   * log L = -1/2 (N log 2 pi + log det Sigma + r' Sigma^-1 r) by a dense Cholesky of the N x N matrix.
   */
  @Test
  void likelihoodAtTheTruthMatchesTheDenseGaussianDensity() {
    StateSpaceModel truth = SimulatedModel.twoStates();
    SimulatedModel data = SimulatedModel.draw(truth, 25, 7);
    data.y()[3][1] = Double.NaN;
    data.y()[10] = new double[] {Double.NaN, Double.NaN, Double.NaN};
    data.y()[17][0] = Double.NaN;
    double dense = denseLogLikelihood(truth, data.y(), data.u());
    assertEquals(dense, KalmanFilter.run(truth, data.y(), data.u()).logLikelihood(), 1e-8);
  }

  @Test
  void logLikelihoodNeverDecreasesOverManyIterationsWithEverythingFreeAndMissingValues() {
    StateSpaceModel truth = SimulatedModel.twoStates();
    SimulatedModel data = SimulatedModel.draw(truth, 300, 11);
    Random random = new Random(5);
    for (double[] row : data.y()) {
      for (int i = 0; i < row.length; i++) if (random.nextDouble() < 0.1) row[i] = Double.NaN;
    }
    ModelSpec spec = spec(Set.of(), Map.of(), ModelSpec.Init.GIVEN);
    StateSpaceModel start = StartingValues.of(spec, data.y(), 1);
    ExpectationMaximization.Result result = ExpectationMaximization.fit(
        start, Set.copyOf(StateSpaceModel.PARAMETERS), data.y(), data.u(), 300, 0, Progress.NONE);
    assertEquals(300, result.iterations());
    double[] history = result.logLikelihoods();
    for (int k = 1; k < history.length; k++) {
      assertTrue(history[k] >= history[k - 1] - 1e-9 * Math.abs(history[k - 1]),
          "iteration " + k + ": " + history[k - 1] + " -> " + history[k]);
    }
    assertTrue(history[history.length - 1] > history[0] + 10);
  }

  @Test
  void logLikelihoodNeverDecreasesWithADiffuseStartAndSomeParametersFixed() {
    StateSpaceModel truth = SimulatedModel.twoStates();
    SimulatedModel data = SimulatedModel.draw(truth, 200, 12);
    ModelSpec spec = spec(Set.of("A", "Q", "D"), Map.of("C", truth.C(), "B", truth.B()), ModelSpec.Init.DIFFUSE);
    StateSpaceModel start = StartingValues.of(spec, data.y(), 1);
    ExpectationMaximization.Result result =
        ExpectationMaximization.fit(start, spec.free(), data.y(), data.u(), 200, 0, Progress.NONE);
    double[] history = result.logLikelihoods();
    for (int k = 1; k < history.length; k++) {
      assertTrue(history[k] >= history[k - 1] - 1e-9 * Math.abs(history[k - 1]), "iteration " + k);
    }
    // the parameters not free did not move
    assertEquals(truth.B()[1][0], result.model().B()[1][0]);
    assertEquals(start.R()[2][2], result.model().R()[2][2]);
  }

  /**
   * EM recovers the two-state model from T = 2000 periods, C fixed (the states' units; without it the model is
   * identified only up to x -> T x). Tolerances: the AR coefficients have standard errors near
   * sqrt((1 - a^2) / T) ~ 0.018 and the input effects near sqrt(q / T) ~ 0.016 (larger with the state latent), so
   * 0.1 is about five standard errors; variances have relative standard errors near sqrt(2 / T) ~ 0.032, about
   * twice that for the latent state noise, so 30 % relative is over four. And the estimate must fit at least as well
   * as the truth.
   */
  @Test
  void recoversTheParametersOfASimulatedTwoStateModelWithOneInput() {
    StateSpaceModel truth = SimulatedModel.twoStates();
    SimulatedModel data = SimulatedModel.draw(truth, 2000, 21);
    ModelSpec spec = spec(ALL_BUT_C, Map.of("C", truth.C()), ModelSpec.Init.GIVEN);
    StateSpaceModel start = StartingValues.of(spec, data.y(), 1);
    ExpectationMaximization.Result result =
        ExpectationMaximization.fit(start, ALL_BUT_C, data.y(), data.u(), 500, 1e-9, Progress.NONE);
    StateSpaceModel fitted = result.model();
    assertClose(truth.A(), fitted.A(), 0.1, "A");
    assertClose(truth.B(), fitted.B(), 0.1, "B");
    assertClose(truth.D(), fitted.D(), 0.1, "D");
    for (int i = 0; i < 2; i++) assertEquals(truth.Q()[i][i], fitted.Q()[i][i], 0.3 * truth.Q()[i][i], "Q" + i);
    for (int i = 0; i < 3; i++) assertEquals(truth.R()[i][i], fitted.R()[i][i], 0.3 * truth.R()[i][i], "R" + i);
    assertEquals(truth.Q()[0][1], fitted.Q()[0][1], 0.1, "Q01");
    double atTruth = KalmanFilter.run(truth, data.y(), data.u()).logLikelihood();
    assertTrue(result.logLikelihood() >= atTruth, result.logLikelihood() + " < " + atTruth);
    System.out.printf("EM recovery: %d iterations, A %s, B %s, Q %s, R %s%n", result.iterations(),
        java.util.Arrays.deepToString(fitted.A()), java.util.Arrays.deepToString(fitted.B()),
        java.util.Arrays.deepToString(fitted.Q()), java.util.Arrays.deepToString(fitted.R()));
  }

  @Test
  void recoversTheParametersWithTwentyPercentOfTheKpisMissing() {
    StateSpaceModel truth = SimulatedModel.twoStates();
    SimulatedModel data = SimulatedModel.draw(truth, 2000, 22);
    Random random = new Random(9);
    for (double[] row : data.y()) {
      for (int i = 0; i < row.length; i++) if (random.nextDouble() < 0.2) row[i] = Double.NaN;
    }
    ModelSpec spec = spec(ALL_BUT_C, Map.of("C", truth.C()), ModelSpec.Init.GIVEN);
    ExpectationMaximization.Result result = ExpectationMaximization.fit(
        StartingValues.of(spec, data.y(), 1), ALL_BUT_C, data.y(), data.u(), 300, 1e-9, Progress.NONE);
    // a fifth less data: standard errors about 1.12 times those above, so bounds 1.2 times as wide
    assertClose(truth.A(), result.model().A(), 0.12, "A");
    assertClose(truth.B(), result.model().B(), 0.12, "B");
    for (int i = 0; i < 3; i++) {
      assertEquals(truth.R()[i][i], result.model().R()[i][i], 0.36 * truth.R()[i][i], "R" + i);
    }
    System.out.printf("EM with 20 %% missing: %d iterations, A %s%n", result.iterations(),
        java.util.Arrays.deepToString(result.model().A()));
  }

  @Test
  void stopsWhenCancelledAndReportsProgress() {
    SimulatedModel data = SimulatedModel.draw(SimulatedModel.twoStates(), 100, 3);
    AtomicInteger reports = new AtomicInteger();
    Progress cancelAfterThree = new Progress() {
      @Override
      public void report(double fraction) {
        reports.incrementAndGet();
      }

      @Override
      public boolean cancelled() {
        return reports.get() >= 3;
      }
    };
    StateSpaceModel start = StartingValues.of(spec(Set.of(), Map.of(), ModelSpec.Init.GIVEN), data.y(), 1);
    assertThrows(Progress.Cancelled.class, () -> ExpectationMaximization.fit(
        start, Set.of("A", "Q"), data.y(), data.u(), 100, 0, cancelAfterThree));
    assertEquals(3, reports.get());
  }

  @Test
  void stopsAtTheToleranceBeforeTheIterationLimit() {
    SimulatedModel data = SimulatedModel.draw(SimulatedModel.twoStates(), 200, 4);
    StateSpaceModel start = StartingValues.of(spec(Set.of(), Map.of(), ModelSpec.Init.GIVEN), data.y(), 1);
    ExpectationMaximization.Result result =
        ExpectationMaximization.fit(start, Set.of("Q", "R"), data.y(), data.u(), 10_000, 1e-6, Progress.NONE);
    assertTrue(result.converged());
    assertTrue(result.iterations() < 10_000);
    assertFalse(ExpectationMaximization.fit(start, Set.of("Q", "R"), data.y(), data.u(), 2, 0, Progress.NONE)
        .converged());
  }

  static ModelSpec spec(Set<String> free, Map<String, double[][]> fixed, ModelSpec.Init init) {
    return new ModelSpec("state_space", 2, List.of("a", "b", "c"), List.of("u"), free, fixed, init, 0, 0);
  }

  private static void assertClose(double[][] expected, double[][] actual, double tolerance, String name) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], actual[i][j], tolerance, name + "[" + i + "][" + j + "]");
      }
    }
  }

  static double denseLogLikelihood(StateSpaceModel model, double[][] y, double[][] u) {
    int periods = y.length;
    int n = model.states();
    int p = model.kpis();
    DMatrixRMaj a = new DMatrixRMaj(model.A());
    DMatrixRMaj c = new DMatrixRMaj(model.C());
    DMatrixRMaj[] mean = new DMatrixRMaj[periods];
    DMatrixRMaj[] var = new DMatrixRMaj[periods];
    mean[0] = new DMatrixRMaj(model.mu1());
    var[0] = new DMatrixRMaj(model.V1());
    for (int t = 1; t < periods; t++) {
      mean[t] = new DMatrixRMaj(n, 1);
      CommonOps_DDRM.mult(a, mean[t - 1], mean[t]);
      CommonOps_DDRM.multAdd(new DMatrixRMaj(model.B()), new DMatrixRMaj(u[t - 1]), mean[t]);
      DMatrixRMaj av = new DMatrixRMaj(n, n);
      CommonOps_DDRM.mult(a, var[t - 1], av);
      var[t] = new DMatrixRMaj(n, n);
      CommonOps_DDRM.multTransB(av, a, var[t]);
      CommonOps_DDRM.addEquals(var[t], new DMatrixRMaj(model.Q()));
    }
    int[] rowT = new int[periods * p];
    int[] rowI = new int[periods * p];
    int count = 0;
    for (int t = 0; t < periods; t++) {
      for (int i = 0; i < p; i++) {
        if (!Double.isNaN(y[t][i])) {
          rowT[count] = t;
          rowI[count++] = i;
        }
      }
    }
    DMatrixRMaj sigma = new DMatrixRMaj(count, count);
    DMatrixRMaj residual = new DMatrixRMaj(count, 1);
    for (int r = 0; r < count; r++) {
      int t = rowT[r];
      int i = rowI[r];
      double level = 0;
      for (int j = 0; j < n; j++) level += model.C()[i][j] * mean[t].get(j, 0);
      for (int j = 0; j < model.controls(); j++) level += model.D()[i][j] * u[t][j];
      residual.set(r, 0, y[t][i] - level);
      for (int q = 0; q < count; q++) {
        int s = rowT[q];
        int k = rowI[q];
        int early = Math.min(s, t);
        int late = Math.max(s, t);
        // Cov(x(late), x(early)) = A^(late-early) S(early)
        DMatrixRMaj cross = var[early].copy();
        for (int step = early; step < late; step++) {
          DMatrixRMaj next = new DMatrixRMaj(n, n);
          CommonOps_DDRM.mult(a, cross, next);
          cross = next;
        }
        int lateKpi = t >= s ? i : k;
        int earlyKpi = t >= s ? k : i;
        double value = 0;
        for (int x = 0; x < n; x++) {
          for (int z = 0; z < n; z++) value += c.get(lateKpi, x) * cross.get(x, z) * c.get(earlyKpi, z);
        }
        if (s == t) value += model.R()[i][k];
        sigma.set(r, q, value);
      }
    }
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(count, true);
    DMatrixRMaj copy = sigma.copy();
    if (!chol.decompose(copy)) throw new IllegalStateException("not positive definite");
    DMatrixRMaj lower = chol.getT(null);
    double logDet = 0;
    for (int r = 0; r < count; r++) logDet += 2 * Math.log(lower.get(r, r));
    DMatrixRMaj solved = new DMatrixRMaj(count, 1);
    CommonOps_DDRM.solve(sigma, residual, solved);
    double quadratic = CommonOps_DDRM.dot(residual, solved);
    return -0.5 * (count * Math.log(2 * Math.PI) + logDet + quadratic);
  }

  /**
   * A model EM drives into a covariance the filter cannot use: a local level observed without noise (R fixed at 0)
   * on a constant series. The first M-step sets Q to 0, so every innovation variance after the first is 0. EM stops
   * with the last good parameters and says why, instead of failing the fit.
   */
  @Test
  void anMStepThatBreaksTheFilterStopsEmWithTheLastGoodParameters() {
    StateSpaceModel start = new StateSpaceModel(new double[][] {{1}}, new double[][] {new double[0]},
        new double[][] {{1}}, new double[][] {new double[0]}, new double[][] {{1}}, new double[][] {{0}},
        new double[][] {{0}}, new double[][] {{1}}, true);
    double[][] y = new double[50][], u = new double[50][];
    for (int t = 0; t < 50; t++) {
      y[t] = new double[] {5};
      u[t] = new double[0];
    }
    ExpectationMaximization.Result result =
        ExpectationMaximization.fit(start, Set.of("Q"), y, u, 20, 1e-12, Progress.NONE);
    assertTrue(result.stopped() != null && result.stopped().contains("last good parameters"), result.toString());
    assertFalse(result.converged());
    assertTrue(Double.isFinite(result.logLikelihood()), result.toString());
    assertTrue(result.model().Q()[0][0] > 0, "the kept model is one the filter can run: " + result);
  }
}
