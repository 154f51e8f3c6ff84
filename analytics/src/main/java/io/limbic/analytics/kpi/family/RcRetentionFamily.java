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
 * {@code rc_retention}: retention as a charged capacitor that leaks with time constant tau and is recharged by its
 * inputs,
 * <pre>
 *   r(t+1) = exp(-1/tau) r(t) + sum_j g_j u_j(t) + w(t),  w ~ N(0, q)
 *   y(t)   = r(t) + v(t),                                  v ~ N(0, s)
 * </pre>
 * Roles from the spec: {@code kpis.get(0)} is the retention KPI, every control is a recharge input with its own gain
 * (typically {@code sessions} and {@code interventions.<variant>}). Fitting is a profile likelihood over tau: for a
 * given a = exp(-1/tau) the gains are the least-squares fit of y(t+1) - a y(t) on u(t) (unbiased while the inputs are
 * exogenous, since the error w(t) + v(t+1) - a v(t) does not involve them); q and s are then the maximum of the
 * exact diffuse Kalman likelihood (concentrated over the scale, see {@code ScalarKalman.fitNoise}), whose value is the
 * profile. It is maximised over log tau in [log 0.5, log 2000]
 * periods by a 40-point grid and golden-section search. {@code free}/{@code fixed} are not used: every parameter is
 * estimated. The linear form is exact: A = a, B = g, C = 1, D = 0, Q = q, R = s, diffuse start.
 */
public final class RcRetentionFamily implements KpiModelFamily {
  public static final String TYPE = "rc_retention";
  private static final double LOG_TAU_MIN = Math.log(0.5);
  private static final double LOG_TAU_MAX = Math.log(2000);

  @Override
  public String type() {
    return TYPE;
  }

  /** The fitted values for one tau. */
  record Candidate(double a, double[] gains, double q, double s, ScalarKalman.Pass pass) {}

  @Override
  public FitResult fit(KpiPanel data, ModelSpec spec, Progress progress) {
    FamilyData columns = FamilyData.of(data, spec, TYPE, "retention");
    double tolerance = spec.tolerance() > 0 ? spec.tolerance() : 1e-6;
    ProfileSearch.Optimum best = ProfileSearch.maximise(
        logTau -> candidate(columns, Math.exp(-1 / Math.exp(logTau)), progress).pass().logLikelihood(),
        LOG_TAU_MIN, LOG_TAU_MAX, 40, tolerance, Math.max(spec.maxIterations(), 60), progress);
    double tau = Math.exp(best.argument());
    Candidate fit = candidate(columns, Math.exp(-1 / tau), progress);
    int m = columns.controls();
    StateSpaceModel model = new StateSpaceModel(new double[][] {{fit.a()}}, new double[][] {fit.gains()},
        new double[][] {{1}}, new double[][] {new double[m]}, new double[][] {{fit.q()}}, new double[][] {{fit.s()}},
        new double[][] {{0}}, new double[][] {{1}}, true);
    FitQuality quality = FamilyData.quality(fit.pass().logLikelihood(), m + 3, columns.y(), fit.pass().oneStep());
    progress.report(1);
    String notes = String.format("time constant tau = %.4g periods (retention keeps exp(-1/tau) = %.4g per period); "
        + "gains %s for %s; process variance %.4g, observation variance %.4g", tau, fit.a(),
        Arrays.toString(fit.gains()), spec.controls(), fit.q(), fit.s());
    return new FitResult(spec, model, best.evaluations(), best.converged(), quality, notes);
  }

  static Candidate candidate(FamilyData data, double a, Progress progress) {
    double[] y = data.y();
    double[][] u = data.u();
    int m = data.controls();
    SimpleMatrix xtx = new SimpleMatrix(m, m);
    SimpleMatrix xty = new SimpleMatrix(m, 1);
    for (int t = 0; t + 1 < y.length; t++) {
      if (Double.isNaN(y[t]) || Double.isNaN(y[t + 1])) continue;
      double z = y[t + 1] - a * y[t];
      for (int i = 0; i < m; i++) {
        xty.set(i, 0, xty.get(i, 0) + u[t][i] * z);
        for (int j = 0; j < m; j++) xtx.set(i, j, xtx.get(i, j) + u[t][i] * u[t][j]);
      }
    }
    double[] gains = new double[m];
    if (m > 0) {
      SimpleMatrix g = xtx.plus(SimpleMatrix.identity(m).scale(1e-12 * (1 + xtx.elementMaxAbs()))).solve(xty);
      for (int i = 0; i < m; i++) gains[i] = g.get(i, 0);
    }
    double[] drive = new double[y.length];
    for (int t = 0; t < y.length; t++) for (int i = 0; i < m; i++) drive[t] += gains[i] * u[t][i];
    ScalarKalman.Noise noise = ScalarKalman.fitNoise(a, y, drive, null, progress);
    return new Candidate(a, gains, noise.q(), noise.r(), noise.pass());
  }
}
