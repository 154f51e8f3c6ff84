package io.limbic.analytics.kpi.statespace;

import io.limbic.analytics.kpi.StateSpaceModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Kalman filter of a {@link StateSpaceModel} over y (T x p, {@code NaN} where missing) and inputs u (T x m).
 * Periods are 0-based here: t = 0 is the model's x(1).
 * <ul>
 *   <li>Missing observations: the rows of y, C, D and R (and R's columns) of the KPIs missing at step t are dropped for
 *       that step; a step with every KPI missing is a prediction only.</li>
 *   <li>Covariances: Joseph-form update P(t|t) = (I - K C) P (I - K C)' + K R K', every covariance symmetrised.</li>
 *   <li>Diffuse start: x(1) ~ N(0, kappa I) with kappa large against the data ({@link #diffuseKappa}). The reported
 *       log-likelihood is log L + (n/2)(log kappa + log 2 pi): the kappa -> infinity limit of Durbin and Koopman
 *       (2012, section 7.2.2) with the n diffuse elements' 2 pi constants left out, which is exactly their eq. 2.63
 *       for the local level (the first observation's term dropped; -632.5456 for the Nile at the published MLE).
 *       It is a limit taken at a finite kappa, not the exact diffuse recursions of their chapter 5: the error is of
 *       order (data scale)/kappa, about 1e-7 for the Nile (the test checks it against the exact scalar recursion
 *       to 1e-6). It assumes the data identify every state (else log kappa terms remain).</li>
 * </ul>
 * An instance keeps its storage, so EM reuses one filter over all its iterations without allocating.
 *
 * <p>Speed: a fully observed step runs on the matrices' arrays with {@link SmallMatrices} (the same products in the
 * same order as the EJML calls of a step with missing KPIs, which stay the general path). With a time-invariant
 * model the covariance recursion does not depend on the data and settles on its fixed point within a few dozen
 * steps, in floating point often on a cycle of two values: once P(t|t-1) equals P(s|s-1) bit for bit for
 * s = t-1 or t-2 and both steps are fully observed, F(t), its inverse and log determinant, K(t), P(t|t) and
 * P(t+1|t) are step s's, so they are copied instead of recomputed ({@link #repeatOf}) and the step costs only the
 * means. That is exact (no tolerance), so results do not change.
 */
public final class KalmanFilter {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  /** The diffuse variance, relative to the data's largest second moment. */
  static final double DIFFUSE_SCALE = 1e7;

  private final int n;
  private final int p;
  private final int m;
  private final int periods;
  final DMatrixRMaj[] predictedMean;
  final DMatrixRMaj[] predictedCov;
  final DMatrixRMaj[] filteredMean;
  final DMatrixRMaj[] filteredCov;
  final DMatrixRMaj[] innovation;
  final DMatrixRMaj[] innovationCov;
  final int[][] observedIndex;
  final int[] observedCount;
  final double[][] forecast;
  /** repeatOf[t] = k > 0: the covariance part of step t (F, K, P(t|t), P(t+1|t)) is step t-k's exactly (fast path). */
  final int[] repeatOf;
  private final double[][] gains;
  private final double[][] inverses;
  private final double[] logDets;
  private final boolean fast;
  private double logLikelihood;

  private final DMatrixRMaj ut;
  private final DMatrixRMaj yhat;
  private final DMatrixRMaj ct;
  private final DMatrixRMaj rt;
  private final DMatrixRMaj pct;
  private final DMatrixRMaj finv;
  private final DMatrixRMaj gain;
  private final DMatrixRMaj ikc;
  private final DMatrixRMaj nn;
  private final DMatrixRMaj kr;
  private final DMatrixRMaj weighted;
  private final double[] work;

  /** A filter with storage for {@code periods} periods of n states, p KPIs and m controls, reusable by
   *  {@link #filter(StateSpaceModel, double[][], double[][])}. */
  public KalmanFilter(int n, int p, int m, int periods) {
    this(n, p, m, periods, true);
  }

  /** With {@code fast} false every step takes the general EJML path (the tests compare the two). */
  KalmanFilter(int n, int p, int m, int periods, boolean fast) {
    this.fast = fast;
    this.n = n;
    this.p = p;
    this.m = m;
    this.periods = periods;
    predictedMean = matrices(periods + 1, n, 1);
    predictedCov = matrices(periods + 1, n, n);
    filteredMean = matrices(periods, n, 1);
    filteredCov = matrices(periods, n, n);
    innovation = matrices(periods, p, 1);
    innovationCov = matrices(periods, p, p);
    observedIndex = new int[periods][p];
    observedCount = new int[periods];
    forecast = new double[periods][p];
    repeatOf = new int[periods];
    gains = new double[fast ? periods : 0][n * p];
    inverses = new double[fast ? periods : 0][p * p];
    logDets = new double[fast ? periods : 0];
    ut = new DMatrixRMaj(m, 1);
    yhat = new DMatrixRMaj(p, 1);
    ct = new DMatrixRMaj(p, n);
    rt = new DMatrixRMaj(p, p);
    pct = new DMatrixRMaj(n, p);
    finv = new DMatrixRMaj(p, p);
    gain = new DMatrixRMaj(n, p);
    ikc = new DMatrixRMaj(n, n);
    nn = new DMatrixRMaj(n, n);
    kr = new DMatrixRMaj(n, p);
    weighted = new DMatrixRMaj(p, 1);
    work = new double[Math.max(1, p * p)];
  }

  /** Filters y under the model (diffuse start with {@link #diffuseKappa}(y) when the model says so). */
  public static KalmanFilter run(StateSpaceModel model, double[][] y, double[][] u) {
    KalmanFilter filter = new KalmanFilter(model.states(), model.kpis(), model.controls(), y.length);
    filter.filter(new ModelMatrices(model, diffuseKappa(y)), y, u);
    return filter;
  }

  /** Filters y under the model again, reusing this filter's storage; returns the log-likelihood. */
  public double filter(StateSpaceModel model, double[][] y, double[][] u) {
    return filter(new ModelMatrices(model, diffuseKappa(y)), y, u);
  }

  /** The diffuse variance: {@value #DIFFUSE_SCALE} times the largest mean square of a KPI (at least 1). */
  public static double diffuseKappa(double[][] y) {
    double scale = 1;
    int p = y.length == 0 ? 0 : y[0].length;
    for (int i = 0; i < p; i++) {
      double sum = 0;
      int count = 0;
      for (double[] row : y) {
        if (!Double.isNaN(row[i])) {
          sum += row[i] * row[i];
          count++;
        }
      }
      if (count > 0) scale = Math.max(scale, sum / count);
    }
    return DIFFUSE_SCALE * scale;
  }

  /** Runs the filter; returns the log-likelihood (diffuse, see the class comment, when the start is diffuse). */
  double filter(ModelMatrices model, double[][] y, double[][] u) {
    if (y.length != periods) throw new IllegalArgumentException("expected " + periods + " periods");
    predictedMean[0].setTo(model.mu1);
    predictedCov[0].setTo(model.V1);
    double logL = 0;
    for (int t = 0; t < periods; t++) {
      for (int j = 0; j < m; j++) ut.data[j] = u[t][j];
      DMatrixRMaj a = predictedMean[t];
      DMatrixRMaj cov = predictedCov[t];
      repeatOf[t] = 0;
      if (fast) {
        SmallMatrices.multVector(model.C.data, a.data, yhat.data, p, n);
        if (m > 0) SmallMatrices.multAddVector(model.D.data, ut.data, yhat.data, p, m);
      } else {
        CommonOps_DDRM.mult(model.C, a, yhat);
        if (m > 0) CommonOps_DDRM.multAdd(model.D, ut, yhat);
      }
      int observed = 0;
      for (int i = 0; i < p; i++) {
        forecast[t][i] = yhat.data[i];
        if (!Double.isNaN(y[t][i])) observedIndex[t][observed++] = i;
      }
      observedCount[t] = observed;
      if (observed == 0) {
        innovation[t].reshape(0, 1);
        innovationCov[t].reshape(0, 0);
        filteredMean[t].setTo(a);
        filteredCov[t].setTo(cov);
      } else if (fast && observed == p) {
        repeatOf[t] = settledLag(t);
        logL += repeatOf[t] > 0 ? repeatUpdate(t, y[t], t - repeatOf[t]) : fullUpdate(model, t, y[t]);
      } else {
        logL += update(model, t, y[t], observed);
      }
      if (fast) {
        predictFast(model, t);
        continue;
      }
      DMatrixRMaj next = predictedMean[t + 1];
      CommonOps_DDRM.mult(model.A, filteredMean[t], next);
      if (m > 0) CommonOps_DDRM.multAdd(model.B, ut, next);
      CommonOps_DDRM.mult(model.A, filteredCov[t], nn);
      CommonOps_DDRM.multTransB(nn, model.A, predictedCov[t + 1]);
      CommonOps_DDRM.addEquals(predictedCov[t + 1], model.Q);
      SymmetricMatrices.symmetrise(predictedCov[t + 1]);
    }
    if (model.diffuse()) logL += 0.5 * n * (Math.log(model.kappa) + LOG_2PI);
    logLikelihood = logL;
    return logL;
  }

  /** k = 1 or 2 when step t-k was fully observed and P(t-k|t-k-1) = P(t|t-1) bit for bit, else 0. */
  private int settledLag(int t) {
    for (int k = 1; k <= 2 && k <= t; k++) {
      if (observedCount[t - k] == p && SmallMatrices.same(predictedCov[t].data, predictedCov[t - k].data, n * n)) {
        return k;
      }
    }
    return 0;
  }

  /** x(t+1|t) = A x(t|t) + B u(t); P(t+1|t) = A P(t|t) A' + Q, or step s's P(s+1|s) when step t repeats step s. */
  private void predictFast(ModelMatrices model, int t) {
    double[] next = predictedMean[t + 1].data;
    SmallMatrices.multVector(model.A.data, filteredMean[t].data, next, n, n);
    if (m > 0) SmallMatrices.multAddVector(model.B.data, ut.data, next, n, m);
    double[] pp = predictedCov[t + 1].data;
    if (repeatOf[t] > 0) {
      System.arraycopy(predictedCov[t + 1 - repeatOf[t]].data, 0, pp, 0, n * n);
      return;
    }
    SmallMatrices.mult(model.A.data, filteredCov[t].data, nn.data, n, n, n);
    SmallMatrices.multTransB(nn.data, model.A.data, pp, n, n, n);
    double[] q = model.Q.data;
    for (int i = 0; i < n * n; i++) pp[i] += q[i];
    SymmetricMatrices.symmetrise(predictedCov[t + 1]);
  }

  /** A fully observed step on plain arrays: the products of {@link #update} in the same order. */
  private double fullUpdate(ModelMatrices model, int t, double[] yt) {
    double[] c = model.C.data;
    double[] r = model.R.data;
    innovation[t].reshape(p, 1);
    double[] v = innovation[t].data;
    for (int i = 0; i < p; i++) v[i] = yt[i] - yhat.data[i];
    double[] cov = predictedCov[t].data;
    DMatrixRMaj fm = innovationCov[t];
    fm.reshape(p, p);
    double[] f = fm.data;
    double[] pc = pct.data;
    SmallMatrices.multTransB(cov, c, pc, n, n, p);
    SmallMatrices.mult(c, pc, f, p, n, p);
    for (int i = 0; i < p * p; i++) f[i] += r[i];
    SymmetricMatrices.symmetrise(fm);
    double logDet = SymmetricMatrices.invertPositive(fm, finv, work);
    if (Double.isNaN(logDet)) {
      throw new IllegalStateException("innovation covariance not positive definite at period " + t);
    }
    logDets[t] = logDet;
    System.arraycopy(finv.data, 0, inverses[t], 0, p * p);
    double[] k = gains[t];
    SmallMatrices.mult(pc, finv.data, k, n, p, p);
    double[] xf = filteredMean[t].data;
    System.arraycopy(predictedMean[t].data, 0, xf, 0, n);
    SmallMatrices.multAddVector(k, v, xf, n, p);
    // Joseph form: (I - K C) P (I - K C)' + K R K'
    double[] ik = ikc.data;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int l = 0; l < p; l++) s += k[i * p + l] * c[l * n + j];
        ik[i * n + j] = -1 * s;
      }
      ik[i * n + i] += 1;
    }
    SmallMatrices.mult(ik, cov, nn.data, n, n, n);
    double[] pf = filteredCov[t].data;
    SmallMatrices.multTransB(nn.data, ik, pf, n, n, n);
    SmallMatrices.mult(k, r, kr.data, n, p, p);
    SmallMatrices.multAddTransB(kr.data, k, pf, n, p, n);
    SymmetricMatrices.symmetrise(filteredCov[t]);
    return logDensity(v, inverses[t], logDet);
  }

  /** A fully observed step whose covariances are step s's: only the means move. */
  private double repeatUpdate(int t, double[] yt, int s) {
    innovation[t].reshape(p, 1);
    double[] v = innovation[t].data;
    for (int i = 0; i < p; i++) v[i] = yt[i] - yhat.data[i];
    innovationCov[t].reshape(p, p);
    System.arraycopy(innovationCov[s].data, 0, innovationCov[t].data, 0, p * p);
    System.arraycopy(gains[s], 0, gains[t], 0, n * p);
    System.arraycopy(inverses[s], 0, inverses[t], 0, p * p);
    logDets[t] = logDets[s];
    double[] xf = filteredMean[t].data;
    System.arraycopy(predictedMean[t].data, 0, xf, 0, n);
    SmallMatrices.multAddVector(gains[t], v, xf, n, p);
    System.arraycopy(filteredCov[s].data, 0, filteredCov[t].data, 0, n * n);
    return logDensity(v, inverses[t], logDets[t]);
  }

  private double logDensity(double[] v, double[] inverse, double logDet) {
    double[] w = weighted.data;
    SmallMatrices.multVector(inverse, v, w, p, p);
    double quadratic = 0;
    for (int k = 0; k < p; k++) quadratic += v[k] * w[k];
    return -0.5 * (p * LOG_2PI + logDet + quadratic);
  }

  private double update(ModelMatrices model, int t, double[] yt, int observed) {
    DMatrixRMaj c;
    DMatrixRMaj r;
    int[] index = observedIndex[t];
    DMatrixRMaj v = innovation[t];
    v.reshape(observed, 1);
    if (observed == p) {
      c = model.C;
      r = model.R;
      for (int i = 0; i < p; i++) v.data[i] = yt[i] - yhat.data[i];
    } else {
      ct.reshape(observed, n);
      rt.reshape(observed, observed);
      for (int k = 0; k < observed; k++) {
        int i = index[k];
        v.data[k] = yt[i] - yhat.data[i];
        System.arraycopy(model.C.data, i * n, ct.data, k * n, n);
        for (int l = 0; l < observed; l++) rt.data[k * observed + l] = model.R.get(i, index[l]);
      }
      c = ct;
      r = rt;
    }
    DMatrixRMaj a = predictedMean[t];
    DMatrixRMaj cov = predictedCov[t];
    DMatrixRMaj f = innovationCov[t];
    pct.reshape(n, observed);
    CommonOps_DDRM.multTransB(cov, c, pct);
    f.reshape(observed, observed);
    CommonOps_DDRM.mult(c, pct, f);
    CommonOps_DDRM.addEquals(f, r);
    SymmetricMatrices.symmetrise(f);
    double logDet = SymmetricMatrices.invertPositive(f, finv, work);
    if (Double.isNaN(logDet)) {
      throw new IllegalStateException("innovation covariance not positive definite at period " + t);
    }
    gain.reshape(n, observed);
    CommonOps_DDRM.mult(pct, finv, gain);
    // x(t|t) = a + K v
    DMatrixRMaj xf = filteredMean[t];
    xf.setTo(a);
    CommonOps_DDRM.multAdd(gain, v, xf);
    // Joseph form: (I - K C) P (I - K C)' + K R K'
    CommonOps_DDRM.mult(-1, gain, c, ikc);
    for (int i = 0; i < n; i++) ikc.data[i * n + i] += 1;
    CommonOps_DDRM.mult(ikc, cov, nn);
    DMatrixRMaj pf = filteredCov[t];
    CommonOps_DDRM.multTransB(nn, ikc, pf);
    kr.reshape(n, observed);
    CommonOps_DDRM.mult(gain, r, kr);
    CommonOps_DDRM.multAddTransB(kr, gain, pf);
    SymmetricMatrices.symmetrise(pf);
    weighted.reshape(observed, 1);
    CommonOps_DDRM.mult(finv, v, weighted);
    double quadratic = 0;
    for (int k = 0; k < observed; k++) quadratic += v.data[k] * weighted.data[k];
    return -0.5 * (observed * LOG_2PI + logDet + quadratic);
  }

  public double logLikelihood() {
    return logLikelihood;
  }

  public int periods() {
    return periods;
  }

  /** x(t | t-1): t = 0 is mu1; t = periods() is the state of the first period after the data, x(n+1 | n). */
  public double[] predictedMean(int t) {
    return predictedMean[t].data.clone();
  }

  public double[][] predictedCovariance(int t) {
    return ModelMatrices.rows(predictedCov[t]);
  }

  public double[] filteredMean(int t) {
    return filteredMean[t].data.clone();
  }

  public double[][] filteredCovariance(int t) {
    return ModelMatrices.rows(filteredCov[t]);
  }

  /** x(n+1 | n), the state of the period after the data, for forecasting and control. */
  public double[] nextMean() {
    return predictedMean(periods);
  }

  /** P(n+1 | n). */
  public double[][] nextCovariance() {
    return predictedCovariance(periods);
  }

  /** The one-step-ahead forecast of every KPI, C x(t|t-1) + D u(t), observed or not. */
  public double[] forecast(int t) {
    return forecast[t].clone();
  }

  /** The KPIs observed at t (indices into y's columns). */
  public int[] observed(int t) {
    return java.util.Arrays.copyOf(observedIndex[t], observedCount[t]);
  }

  /** The innovation y - forecast over the KPIs observed at t, in the order of {@link #observed}. */
  public double[] innovation(int t) {
    return java.util.Arrays.copyOf(innovation[t].data, observedCount[t]);
  }

  /** The innovation covariance C P C' + R over the KPIs observed at t. */
  public double[][] innovationCovariance(int t) {
    return ModelMatrices.rows(innovationCov[t]);
  }

  private static DMatrixRMaj[] matrices(int count, int rows, int cols) {
    DMatrixRMaj[] out = new DMatrixRMaj[count];
    for (int i = 0; i < count; i++) out[i] = new DMatrixRMaj(rows, cols);
    return out;
  }
}
