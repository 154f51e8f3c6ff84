package io.limbic.analytics.kpi.statespace;

import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.Random;

/** Draws y and u from a known model (given start), seeded; u(t) i.i.d. N(0, 1) so B and D are identified. */
record SimulatedModel(double[][] y, double[][] u, double[][] x) {

  static SimulatedModel draw(StateSpaceModel model, int periods, long seed) {
    Random random = new Random(seed);
    int n = model.states();
    int p = model.kpis();
    int m = model.controls();
    double[] lq = SymmetricMatrices.semiDefiniteFactor(model.Q());
    double[] lr = SymmetricMatrices.semiDefiniteFactor(model.R());
    double[] lv = SymmetricMatrices.semiDefiniteFactor(model.V1());
    double[][] y = new double[periods][p];
    double[][] u = new double[periods][m];
    double[][] x = new double[periods][n];
    double[] state = new double[n];
    double[] z = gaussians(random, n);
    for (int i = 0; i < n; i++) {
      state[i] = model.mu1()[i][0];
      for (int j = 0; j < n; j++) state[i] += lv[i * n + j] * z[j];
    }
    for (int t = 0; t < periods; t++) {
      x[t] = state.clone();
      for (int j = 0; j < m; j++) u[t][j] = random.nextGaussian();
      double[] e = gaussians(random, p);
      for (int i = 0; i < p; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += model.C()[i][j] * state[j];
        for (int j = 0; j < m; j++) s += model.D()[i][j] * u[t][j];
        for (int j = 0; j < p; j++) s += lr[i * p + j] * e[j];
        y[t][i] = s;
      }
      double[] w = gaussians(random, n);
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += model.A()[i][j] * state[j];
        for (int j = 0; j < m; j++) s += model.B()[i][j] * u[t][j];
        for (int j = 0; j < n; j++) s += lq[i * n + j] * w[j];
        next[i] = s;
      }
      state = next;
    }
    return new SimulatedModel(y, u, x);
  }

  private static double[] gaussians(Random random, int count) {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) out[i] = random.nextGaussian();
    return out;
  }

  /** The two-state, three-KPI, one-input model the EM tests recover. */
  static StateSpaceModel twoStates() {
    return new StateSpaceModel(
        new double[][] {{0.8, 0.1}, {-0.2, 0.6}},
        new double[][] {{0.5}, {1.0}},
        new double[][] {{1, 0}, {0, 1}, {0.5, 0.5}},
        new double[][] {{0.3}, {0}, {-0.4}},
        new double[][] {{0.5, 0.1}, {0.1, 0.3}},
        new double[][] {{0.4, 0, 0}, {0, 0.2, 0}, {0, 0, 0.3}},
        new double[][] {{1}, {-1}},
        new double[][] {{0.5, 0}, {0, 0.5}},
        false);
  }
}
