package io.limbic.analytics.kpi.statespace;

import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.Arrays;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Shumway-Stoffer EM with inputs for the model of {@link StateSpaceModel}, over a chosen set of free parameters with
 * the others held where they start. E-step: {@link KalmanFilter} + {@link RtsSmoother} + {@link SufficientStatistics}.
 * M-step, closed forms that maximise the expected complete-data log-likelihood block by block (state equation,
 * observation equation, initial state), with M = [A B], N = [C D]:
 * <pre>
 *   A, B both free: M = x1z zz0^-1                       C, D both free: N = yz zz^-1
 *   A only:         A = (x1x - B ux) xx^-1               C only:         C = (yx - D ux) xx^-1
 *   B only:         B = (x1u - A xu) uu^-1               D only:         D = (yu - C xu) uu^-1
 *   Q = (x1x1 - M x1z' - x1z M' + M zz0 M') / (T-1)       R = (yy - N yz' - yz N' + N zz N') / T
 *   mu1 = x(1|T),  V1 = P(1|T) + (x(1|T) - mu1)(x(1|T) - mu1)'   (given start only)
 * </pre>
 * (blocks of the statistics named by their rows and columns; ^-1 is the pseudo-inverse, so a control that never
 * moves gets a zero column instead of a failure). A, B and C, D do not depend on Q and R when free as whole matrices,
 * so these are exact maximisers and the log-likelihood never decreases. A Q or R that rounding leaves a hair
 * indefinite has its negative eigenvalues set to zero (a no-op on the tested cases, where the monotonicity holds). Stops when the relative change of the
 * log-likelihood is at most {@code tolerance} or after {@code maxIterations} M-steps; checks
 * {@link Progress#cancelled()} and reports progress every iteration.
 */
public final class ExpectationMaximization {

  /**
   * The fitted model, the M-steps run, whether the tolerance stopped it, and the log-likelihood of each model.
   * {@code stopped} says why EM stopped early with the last good parameters (an M-step left a model the filter
   * cannot run: an innovation covariance no longer positive definite, a non-finite likelihood), null otherwise.
   */
  public record Result(StateSpaceModel model, int iterations, boolean converged, double logLikelihood,
                       double[] logLikelihoods, String stopped) {}

  private final int n;
  private final int p;
  private final int m;
  private final int periods;
  private final KalmanFilter filter;
  private final RtsSmoother smoother;
  private final SufficientStatistics statistics;

  public ExpectationMaximization(int states, int kpis, int controls, int periods) {
    this(states, kpis, controls, periods, true);
  }

  /** With {@code fast} false the filter and smoother take their general EJML path on every step. */
  ExpectationMaximization(int states, int kpis, int controls, int periods, boolean fast) {
    n = states;
    p = kpis;
    m = controls;
    this.periods = periods;
    filter = new KalmanFilter(n, p, m, periods, fast);
    smoother = new RtsSmoother(n, periods, fast);
    statistics = new SufficientStatistics(n, p, m);
  }

  public static Result fit(StateSpaceModel start, Set<String> free, double[][] y, double[][] u, int maxIterations,
                           double tolerance, Progress progress) {
    return new ExpectationMaximization(start.states(), start.kpis(), start.controls(), y.length)
        .run(start, free, y, u, maxIterations, tolerance, progress);
  }

  public Result run(StateSpaceModel start, Set<String> free, double[][] y, double[][] u, int maxIterations,
                    double tolerance, Progress progress) {
    if (periods < 2) throw new IllegalArgumentException("EM needs at least two periods");
    double kappa = KalmanFilter.diffuseKappa(y);
    ModelMatrices model = new ModelMatrices(start, kappa);
    double[] history = new double[maxIterations + 1];
    int iterations = 0;
    boolean converged = false;
    String stopped = null;
    double logL;
    try {
      logL = filter.filter(model, y, u);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("the starting model cannot be filtered: " + e.getMessage());
    }
    history[0] = logL;
    StateSpaceModel lastGood = start;
    while (iterations < maxIterations) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      double next;
      String failure = null;
      try {
        smoother.smooth(filter, model.A);
        statistics.collect(model, filter, smoother, y, u);
        maximise(model, free);
        next = filter.filter(model, y, u);
        if (!Double.isFinite(next)) failure = "the log-likelihood is not finite";
      } catch (IllegalStateException e) {
        next = Double.NaN;
        failure = e.getMessage();
      }
      if (failure != null) {
        // Over-parametrised models can drift into covariances the filter cannot invert: keep the last good fit.
        stopped = "EM stopped after " + iterations + " iterations (" + failure + "); the last good parameters are kept"
            + "; fixing C or freeing fewer parameters usually avoids it";
        model = new ModelMatrices(lastGood, kappa);
        filter.filter(model, y, u);
        break;
      }
      iterations++;
      history[iterations] = next;
      lastGood = model.toModel();
      progress.report((double) iterations / maxIterations);
      boolean small = Math.abs(next - logL) <= tolerance * Math.abs(logL);
      logL = next;
      if (small) {
        converged = true;
        break;
      }
    }
    return new Result(model.toModel(), iterations, converged, logL, Arrays.copyOf(history, iterations + 1),
        stopped);
  }

  private void maximise(ModelMatrices model, Set<String> free) {
    SufficientStatistics s = statistics;
    boolean aFree = free.contains("A");
    boolean bFree = free.contains("B") && m > 0;
    boolean cFree = free.contains("C");
    boolean dFree = free.contains("D") && m > 0;
    // the state equation
    if (aFree || bFree) {
      DMatrixRMaj solved = regression(s.x1z, s.zz0, model.A, model.B, aFree, bFree);
      CommonOps_DDRM.extract(solved, 0, n, 0, n, model.A, 0, 0);
      if (m > 0) CommonOps_DDRM.extract(solved, 0, n, n, n + m, model.B, 0, 0);
    }
    if (free.contains("Q")) {
      residualCovariance(s.x1x1, s.x1z, s.zz0, concat(model.A, model.B), periods - 1, model.Q);
    }
    // the observation equation
    if (cFree || dFree) {
      DMatrixRMaj solved = regression(s.yz, s.zz, model.C, model.D, cFree, dFree);
      CommonOps_DDRM.extract(solved, 0, p, 0, n, model.C, 0, 0);
      if (m > 0) CommonOps_DDRM.extract(solved, 0, p, n, n + m, model.D, 0, 0);
    }
    if (free.contains("R")) {
      residualCovariance(s.yy, s.yz, s.zz, concat(model.C, model.D), periods, model.R);
    }
    // the initial state (a diffuse start has none to estimate)
    if (!model.diffuse()) {
      double[] x1 = smoother.smoothedMean[0].data;
      if (free.contains("mu1")) System.arraycopy(x1, 0, model.mu1.data, 0, n);
      if (free.contains("V1")) {
        DMatrixRMaj v1 = model.V1;
        v1.setTo(smoother.smoothedCov[0]);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            v1.add(i, j, (x1[i] - model.mu1.data[i]) * (x1[j] - model.mu1.data[j]));
          }
        }
        SymmetricMatrices.symmetrise(v1);
      }
    }
  }

  /**
   * Least squares of a response on z = [x; u] from the moments rz = sum E[r z'] and zz = sum E[z z']: both
   * coefficient blocks free, or one free with the other (x-part {@code onX}, u-part {@code onU}) held.
   */
  private DMatrixRMaj regression(DMatrixRMaj rz, DMatrixRMaj zz, DMatrixRMaj onX, DMatrixRMaj onU, boolean xFree,
                                 boolean uFree) {
    int rows = rz.numRows;
    DMatrixRMaj out = new DMatrixRMaj(rows, n + m);
    if (xFree && (uFree || m == 0)) {
      CommonOps_DDRM.mult(rz, pseudoInverse(zz), out);
      return out;
    }
    DMatrixRMaj rx = CommonOps_DDRM.extract(rz, 0, rows, 0, n);
    DMatrixRMaj ru = CommonOps_DDRM.extract(rz, 0, rows, n, n + m);
    DMatrixRMaj xx = CommonOps_DDRM.extract(zz, 0, n, 0, n);
    DMatrixRMaj xu = CommonOps_DDRM.extract(zz, 0, n, n, n + m);
    DMatrixRMaj ux = CommonOps_DDRM.extract(zz, n, n + m, 0, n);
    DMatrixRMaj uu = CommonOps_DDRM.extract(zz, n, n + m, n, n + m);
    DMatrixRMaj x = onX.copy();
    DMatrixRMaj v = onU.copy();
    if (xFree) {
      CommonOps_DDRM.multAdd(-1, onU, ux, rx);
      CommonOps_DDRM.mult(rx, pseudoInverse(xx), x);
    } else {
      CommonOps_DDRM.multAdd(-1, onX, xu, ru);
      CommonOps_DDRM.mult(ru, pseudoInverse(uu), v);
    }
    CommonOps_DDRM.insert(x, out, 0, 0);
    CommonOps_DDRM.insert(v, out, 0, n);
    return out;
  }

  /** (ss - W rz' - rz W' + W zz W') / count into target: the expected residual covariance under coefficients W. */
  private static void residualCovariance(DMatrixRMaj ss, DMatrixRMaj rz, DMatrixRMaj zz, DMatrixRMaj w, int count,
                                         DMatrixRMaj target) {
    DMatrixRMaj cross = new DMatrixRMaj(ss.numRows, ss.numCols);
    CommonOps_DDRM.multTransB(w, rz, cross);
    DMatrixRMaj wzz = new DMatrixRMaj(w.numRows, zz.numCols);
    CommonOps_DDRM.mult(w, zz, wzz);
    DMatrixRMaj out = ss.copy();
    CommonOps_DDRM.subtractEquals(out, cross);
    CommonOps_DDRM.transpose(cross);
    CommonOps_DDRM.subtractEquals(out, cross);
    CommonOps_DDRM.multAddTransB(wzz, w, out);
    CommonOps_DDRM.scale(1.0 / count, out);
    SymmetricMatrices.symmetrise(out);
    SymmetricMatrices.clipToSemiDefinite(out);
    target.setTo(out);
  }

  private DMatrixRMaj concat(DMatrixRMaj x, DMatrixRMaj u) {
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, n + m);
    CommonOps_DDRM.insert(x, out, 0, 0);
    if (m > 0) CommonOps_DDRM.insert(u, out, 0, n);
    return out;
  }

  private static DMatrixRMaj pseudoInverse(DMatrixRMaj a) {
    DMatrixRMaj out = new DMatrixRMaj(a.numCols, a.numRows);
    DMatrixRMaj inverse = new DMatrixRMaj(a.numRows, a.numRows);
    double logDet = SymmetricMatrices.invertPositive(a, inverse, new double[a.numRows * a.numRows]);
    if (!Double.isNaN(logDet) && conditioned(a, inverse)) return inverse;
    CommonOps_DDRM.pinv(a, out);
    return out;
  }

  /** True when the Cholesky inverse is trustworthy (condition number well below 1 / machine precision). */
  private static boolean conditioned(DMatrixRMaj a, DMatrixRMaj inverse) {
    return CommonOps_DDRM.elementMaxAbs(a) * CommonOps_DDRM.elementMaxAbs(inverse) < 1e10;
  }
}
