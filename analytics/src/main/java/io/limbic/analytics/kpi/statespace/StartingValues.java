package io.limbic.analytics.kpi.statespace;

import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Where EM starts for each parameter the spec does not fix, from the data's moments (s_i^2 the sample variance of
 * KPI i, ybar_i its mean, missing values skipped):
 * <ul>
 *   <li>A = I (each state a random walk: KPIs have levels), B = 0, D = 0;</li>
 *   <li>C(i, j) = s_i (1 if j mod p = i, else 0, plus 0.1 g_ij with g_ij standard normal from a fixed seed), so no
 *       state starts unobserved (a zero column of C would be a fixed point of EM) and states are in units of s;</li>
 *   <li>R = diag(s_i^2 / 2): half the variance starts as noise;</li>
 *   <li>Q = 0.1 sx^2 I with sx^2 = sum_i s_i^2 / sum_ij C(i,j)^2 (the state's variance scale under C: about 1 for the
 *       C above, the data's variance when C is fixed at 1 as in a local level);</li>
 *   <li>given start: mu1 = C^+ ybar (pseudo-inverse), V1 = 10 sx^2 I.</li>
 * </ul>
 */
final class StartingValues {
  private StartingValues() {}

  static StateSpaceModel of(ModelSpec spec, double[][] y, int controls) {
    int n = spec.states();
    int p = y[0].length;
    int m = controls;
    Map<String, double[][]> fixed = spec.fixed();
    double[] mean = new double[p];
    double[] variance = new double[p];
    for (int i = 0; i < p; i++) {
      double sum = 0;
      double squares = 0;
      int count = 0;
      for (double[] row : y) {
        if (!Double.isNaN(row[i])) {
          sum += row[i];
          squares += row[i] * row[i];
          count++;
        }
      }
      mean[i] = count == 0 ? 0 : sum / count;
      variance[i] = count < 2 ? 1 : Math.max((squares - count * mean[i] * mean[i]) / (count - 1), 1e-12);
    }
    double[][] a = fixed.getOrDefault("A", identity(n, 1));
    double[][] b = fixed.getOrDefault("B", new double[n][m]);
    double[][] d = fixed.getOrDefault("D", new double[p][m]);
    double[][] c = fixed.get("C");
    if (c == null) {
      Random random = new Random(1);
      c = new double[p][n];
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < n; j++) c[i][j] = Math.sqrt(variance[i]) * ((j % p == i ? 1 : 0) + 0.1 * random.nextGaussian());
      }
    }
    double varianceSum = 0;
    double loadingSum = 0;
    for (int i = 0; i < p; i++) {
      varianceSum += variance[i];
      for (int j = 0; j < n; j++) loadingSum += c[i][j] * c[i][j];
    }
    double stateScale = loadingSum > 0 ? varianceSum / loadingSum : 1;
    double[][] q = fixed.getOrDefault("Q", identity(n, 0.1 * stateScale));
    double[][] r = fixed.get("R");
    if (r == null) {
      r = new double[p][p];
      for (int i = 0; i < p; i++) r[i][i] = variance[i] / 2;
    }
    boolean diffuse = spec.init() != ModelSpec.Init.GIVEN;
    double[][] mu1 = fixed.get("mu1");
    if (mu1 == null) {
      DMatrixRMaj inverse = new DMatrixRMaj(n, p);
      CommonOps_DDRM.pinv(ModelMatrices.matrix(c, p, n), inverse);
      mu1 = new double[n][1];
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < p; i++) mu1[j][0] += inverse.get(j, i) * mean[i];
      }
    }
    double[][] v1 = fixed.getOrDefault("V1", identity(n, 10 * stateScale));
    return new StateSpaceModel(a, b, c, d, q, r, mu1, v1, diffuse);
  }

  private static double[][] identity(int n, double scale) {
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) out[i][i] = scale;
    return out;
  }
}
