package io.limbic.analytics.kpi.family;

import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.Arrays;
import org.ejml.simple.SimpleMatrix;

/**
 * {@code ohm_simple}: engagement as a current driven by motivation through friction,
 * <pre>
 *   I(t) = M(t) / F(t) * exp(v(t)),   F(t) = 1 + sum_k k_k z_k(t),   v ~ N(0, s)
 *   log M(t+1) = log M(t) + w(t),     w ~ N(0, q)        (motivation varies slowly: a random walk in logs)
 * </pre>
 * Roles from the spec: {@code kpis.get(0)} is the engagement KPI (positive where observed), every control a
 * frustration signal z_k (e.g. {@code emotions.rage}, {@code emotions.confusion} counts) with friction gain
 * k_k >= 0. Only the ratio of motivation to base friction is identified, so base friction f0 is the unit (f0 = 1)
 * and M is the engagement of a frictionless period. Fitting works in logs, where the model is a local level with a
 * known offset: log I = m(t) - log F(t) + v. A start for k comes from least squares on differences,
 * d log I(t) ~ -k . dz(t) (the linearisation log F ~ k . z); then each k_k is refined in turn (three cycles) by
 * maximising the profile log-likelihood on a grid plus golden-section, where for given k the noise variances are
 * the maximum of the exact diffuse Kalman likelihood of the local level (concentrated over the scale, see
 * {@code ScalarKalman.fitNoise}). logL in the fit quality is of I itself (the log-scale likelihood
 * minus sum log I); one-step forecasts are the predictive medians exp(m(t|t-1)) / F(t).
 * The linear form linearises I = M / F around the last filtered motivation M* and the mean frustration z*:
 * with c = 1 / F(z*), state x = c M + M* c^2 k . z* (a random walk), y = x - M* c^2 k . z, Q = (c M*)^2 q,
 * R = (c M*)^2 s: exact at (M*, z*), first order elsewhere.
 */
public final class OhmSimpleFamily implements KpiModelFamily {
  public static final String TYPE = "ohm_simple";
  private static final int CYCLES = 3;

  @Override
  public String type() {
    return TYPE;
  }

  record Candidate(double[] k, double q, double s, double logScaleLikelihood, ScalarKalman.Pass pass) {}

  @Override
  public FitResult fit(KpiPanel data, ModelSpec spec, Progress progress) {
    FamilyData columns = FamilyData.of(data, spec, TYPE, "engagement");
    double[] logI = new double[columns.y().length];
    double logSum = 0;
    for (int t = 0; t < logI.length; t++) {
      double v = columns.y()[t];
      if (!Double.isNaN(v) && !(v > 0)) throw new IllegalArgumentException(TYPE + " needs a positive KPI; row " + t + " is " + v);
      logI[t] = Math.log(v);
    }
    int m = columns.controls();
    double[] k = start(logI, columns.u());
    double[] zMean = new double[m];
    for (double[] row : columns.u()) for (int j = 0; j < m; j++) zMean[j] += row[j] / columns.u().length;
    double tolerance = spec.tolerance() > 0 ? spec.tolerance() : 1e-6;
    int evaluations = 0;
    boolean converged = true;
    for (int cycle = 0; cycle < CYCLES && m > 0; cycle++) {
      for (int j = 0; j < m; j++) {
        if (zMean[j] <= 0) {
          k[j] = 0;
          continue;
        }
        final int which = j;
        double hi = 4 * Math.max(k[j], 1 / zMean[j]);
        ProfileSearch.Optimum best = ProfileSearch.maximise(kj -> {
              double[] trial = k.clone();
              trial[which] = kj;
              return candidate(logI, columns.u(), trial, progress).logScaleLikelihood();
            }, 0, hi, 24, tolerance * (1 + hi), Math.max(spec.maxIterations(), 60), progress);
        k[j] = best.argument();
        evaluations += best.evaluations();
        converged &= best.converged();
      }
      progress.report((cycle + 1.0) / CYCLES);
    }
    Candidate fit = candidate(logI, columns.u(), k, progress);
    double[] median = new double[logI.length];
    int counted = 0;
    for (int t = 0; t < logI.length; t++) {
      median[t] = Math.exp(fit.pass().oneStep()[t]);
      if (!Double.isNaN(fit.pass().oneStep()[t])) {
        logSum += logI[t];
        counted++;
      }
    }
    double logL = fit.logScaleLikelihood() - logSum;
    FitQuality quality = FamilyData.quality(logL, m + 2, columns.y(), median);
    double motivation = Math.exp(fit.pass().nextMean());
    StateSpaceModel model = linearForm(k, zMean, motivation, fit.q(), fit.s());
    progress.report(1);
    String notes = String.format("friction = 1 + sum k z with k = %s for %s (base friction is the unit); "
        + "last motivation %.4g (frictionless engagement); log-scale process variance %.4g, observation variance "
        + "%.4g; linear form around motivation %.4g and mean frustration %s (%d observations)", Arrays.toString(k),
        spec.controls(), motivation, fit.q(), fit.s(), motivation, Arrays.toString(zMean), counted);
    return new FitResult(spec, model, evaluations, converged, quality, notes);
  }

  static StateSpaceModel linearForm(double[] k, double[] zMean, double motivation, double q, double s) {
    int m = k.length;
    double friction = 1;
    for (int j = 0; j < m; j++) friction += k[j] * zMean[j];
    double c = 1 / friction;
    double[] d = new double[m];
    for (int j = 0; j < m; j++) d[j] = -motivation * c * c * k[j];
    double scale = c * motivation * c * motivation;
    return new StateSpaceModel(new double[][] {{1}}, new double[][] {new double[m]}, new double[][] {{1}},
        new double[][] {d}, new double[][] {{scale * q}}, new double[][] {{scale * s}}, new double[][] {{0}},
        new double[][] {{1}}, true);
  }

  /** Least squares of d log I on -dz (no intercept), clipped at 0. */
  static double[] start(double[] logI, double[][] z) {
    int m = z.length == 0 ? 0 : z[0].length;
    SimpleMatrix xtx = new SimpleMatrix(m, m);
    SimpleMatrix xty = new SimpleMatrix(m, 1);
    for (int t = 1; t < logI.length; t++) {
      if (Double.isNaN(logI[t]) || Double.isNaN(logI[t - 1])) continue;
      double dy = logI[t] - logI[t - 1];
      for (int i = 0; i < m; i++) {
        double xi = -(z[t][i] - z[t - 1][i]);
        xty.set(i, 0, xty.get(i, 0) + xi * dy);
        for (int j = 0; j < m; j++) xtx.set(i, j, xtx.get(i, j) + xi * -(z[t][j] - z[t - 1][j]));
      }
    }
    double[] k = new double[m];
    if (m == 0) return k;
    SimpleMatrix beta = xtx.plus(SimpleMatrix.identity(m).scale(1e-12 * (1 + xtx.elementMaxAbs()))).solve(xty);
    for (int i = 0; i < m; i++) k[i] = Math.max(0, beta.get(i, 0));
    return k;
  }

  static Candidate candidate(double[] logI, double[][] z, double[] k, Progress progress) {
    double[] offset = new double[logI.length];
    for (int t = 0; t < logI.length; t++) {
      double friction = 1;
      for (int j = 0; j < k.length; j++) friction += k[j] * z[t][j];
      offset[t] = -Math.log(friction);
    }
    ScalarKalman.Noise noise = ScalarKalman.fitNoise(1, logI, null, offset, progress);
    return new Candidate(k, noise.q(), noise.r(), noise.pass().logLikelihood(), noise.pass());
  }
}
