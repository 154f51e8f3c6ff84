package io.limbic.analytics.kpi.statespace;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.Forecaster;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What-if simulation of a fitted model: the history is filtered to its end, giving x(n+1|n) ~ N(a, P); then
 * {@code paths} paths draw x from that, and for each future period h: y(h) = C x + D u(h) + v, x <- A x + B u(h) + w
 * (u(h) = {@code inputs[h]}). Bands are the mean and the empirical 2.5/25/75/97.5 % quantiles of y over the paths
 * (sorted order statistics, linear interpolation). With {@code paths} = 0 the bands are exact: mean C m + D u,
 * variance C P C' + R with m, P propagated by the prediction equations, quantiles mean +- 1.959964 sd and
 * +- 0.674490 sd. Draws come from one {@link SplittableRandom} seeded with {@code seed}: the same seed gives the
 * same bands. The hot loop runs on plain arrays, path-major state, no allocation per step.
 */
public final class MonteCarloForecaster implements Forecaster {
  private static final double Z95 = 1.959963984540054;
  private static final double Z50 = 0.6744897501960817;

  @Override
  public Bands simulate(FitResult fit, KpiPanel history, double[][] inputs, int paths, long seed, Progress progress) {
    StateSpaceModel model = fit.model();
    double[][] y = PanelColumns.kpis(history, fit.spec().kpis());
    double[][] u = PanelColumns.controls(history, fit.spec().controls());
    KalmanFilter filter = KalmanFilter.run(model, y, u);
    return simulate(model, filter.nextMean(), filter.nextCovariance(), inputs, paths, seed, progress);
  }

  /** Simulation from a given state distribution x(first future period) ~ N(mean, covariance). */
  public Bands simulate(StateSpaceModel model, double[] mean, double[][] covariance, double[][] inputs, int paths,
                        long seed, Progress progress) {
    if (paths < 0) throw new IllegalArgumentException("paths must be 0 (exact) or positive");
    for (double[] row : inputs) {
      if (row.length != model.controls()) {
        throw new IllegalArgumentException("each input row needs " + model.controls() + " values");
      }
    }
    return paths == 0
        ? exact(model, mean, covariance, inputs)
        : monteCarlo(model, mean, covariance, inputs, paths, seed, progress);
  }

  private static Bands exact(StateSpaceModel model, double[] start, double[][] covariance, double[][] inputs) {
    int n = model.states();
    int p = model.kpis();
    int horizon = inputs.length;
    double[][] mean = new double[horizon][p];
    double[][] lower95 = new double[horizon][p];
    double[][] lower50 = new double[horizon][p];
    double[][] upper50 = new double[horizon][p];
    double[][] upper95 = new double[horizon][p];
    double[] x = start.clone();
    double[][] cov = new double[n][];
    for (int i = 0; i < n; i++) cov[i] = covariance[i].clone();
    for (int h = 0; h < horizon; h++) {
      for (int i = 0; i < p; i++) {
        double level = dot(model.C()[i], x) + dot(model.D()[i], inputs[h]);
        double variance = model.R()[i][i];
        for (int a = 0; a < n; a++) {
          for (int b = 0; b < n; b++) variance += model.C()[i][a] * cov[a][b] * model.C()[i][b];
        }
        double sd = Math.sqrt(Math.max(variance, 0));
        mean[h][i] = level;
        lower95[h][i] = level - Z95 * sd;
        upper95[h][i] = level + Z95 * sd;
        lower50[h][i] = level - Z50 * sd;
        upper50[h][i] = level + Z50 * sd;
      }
      double[] next = new double[n];
      double[][] nextCov = new double[n][n];
      for (int a = 0; a < n; a++) {
        next[a] = dot(model.A()[a], x) + dot(model.B()[a], inputs[h]);
        for (int b = 0; b < n; b++) {
          double s = model.Q()[a][b];
          for (int c = 0; c < n; c++) {
            for (int d = 0; d < n; d++) s += model.A()[a][c] * cov[c][d] * model.A()[b][d];
          }
          nextCov[a][b] = s;
        }
      }
      x = next;
      cov = nextCov;
    }
    return new Bands(mean, lower95, lower50, upper50, upper95, 0);
  }

  private static Bands monteCarlo(StateSpaceModel model, double[] start, double[][] covariance, double[][] inputs,
                                  int paths, long seed, Progress progress) {
    int n = model.states();
    int p = model.kpis();
    int horizon = inputs.length;
    double[] a = flat(model.A());
    double[] c = flat(model.C());
    double[] lq = SymmetricMatrices.semiDefiniteFactor(model.Q());
    double[] lr = SymmetricMatrices.semiDefiniteFactor(model.R());
    double[] lp = SymmetricMatrices.semiDefiniteFactor(covariance);
    double[] state = new double[paths * n];
    double[] scratch = new double[n];
    double[] noise = new double[Math.max(n, p)];
    double[][] drawn = new double[p][paths];
    double[] driftX = new double[n];
    double[] driftY = new double[p];
    SplittableRandom random = new SplittableRandom(seed);
    for (int k = 0; k < paths; k++) {
      for (int i = 0; i < n; i++) noise[i] = random.nextGaussian();
      for (int i = 0; i < n; i++) {
        double s = start[i];
        for (int j = 0; j < n; j++) s += lp[i * n + j] * noise[j];
        state[k * n + i] = s;
      }
    }
    double[][] mean = new double[horizon][p];
    double[][] lower95 = new double[horizon][p];
    double[][] lower50 = new double[horizon][p];
    double[][] upper50 = new double[horizon][p];
    double[][] upper95 = new double[horizon][p];
    for (int h = 0; h < horizon; h++) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      for (int i = 0; i < p; i++) driftY[i] = dot(model.D()[i], inputs[h]);
      for (int i = 0; i < n; i++) driftX[i] = dot(model.B()[i], inputs[h]);
      for (int k = 0; k < paths; k++) {
        int base = k * n;
        for (int i = 0; i < p; i++) noise[i] = random.nextGaussian();
        for (int i = 0; i < p; i++) {
          double s = driftY[i];
          for (int j = 0; j < n; j++) s += c[i * n + j] * state[base + j];
          for (int j = 0; j < p; j++) s += lr[i * p + j] * noise[j];
          drawn[i][k] = s;
        }
        for (int i = 0; i < n; i++) noise[i] = random.nextGaussian();
        for (int i = 0; i < n; i++) {
          double s = driftX[i];
          for (int j = 0; j < n; j++) s += a[i * n + j] * state[base + j];
          for (int j = 0; j < n; j++) s += lq[i * n + j] * noise[j];
          scratch[i] = s;
        }
        System.arraycopy(scratch, 0, state, base, n);
      }
      for (int i = 0; i < p; i++) {
        double[] values = drawn[i];
        double sum = 0;
        for (double value : values) sum += value;
        mean[h][i] = sum / paths;
        Arrays.sort(values);
        lower95[h][i] = quantile(values, 0.025);
        lower50[h][i] = quantile(values, 0.25);
        upper50[h][i] = quantile(values, 0.75);
        upper95[h][i] = quantile(values, 0.975);
      }
      progress.report((h + 1.0) / horizon);
    }
    return new Bands(mean, lower95, lower50, upper50, upper95, paths);
  }

  /** The q-quantile of sorted values, interpolating between order statistics (R's type 7). */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static double[] flat(double[][] matrix) {
    int cols = matrix.length == 0 ? 0 : matrix[0].length;
    double[] out = new double[matrix.length * cols];
    for (int i = 0; i < matrix.length; i++) System.arraycopy(matrix[i], 0, out, i * cols, cols);
    return out;
  }
}
