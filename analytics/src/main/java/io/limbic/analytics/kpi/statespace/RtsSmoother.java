package io.limbic.analytics.kpi.statespace;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Rauch-Tung-Striebel smoother over a {@link KalmanFilter}'s output, with the lag-one covariances EM needs:
 * <pre>
 *   J(t)       = P(t|t) A' P(t+1|t)^-1
 *   x(t|n)     = x(t|t) + J(t) (x(t+1|n) - x(t+1|t))
 *   P(t|n)     = P(t|t) + J(t) (P(t+1|n) - P(t+1|t)) J(t)'
 *   P(t+1,t|n) = Cov(x(t+1), x(t) | y(1..n)) = P(t+1|n) J(t)'
 * </pre>
 * The lag-one form P(t+1|n) J(t)' (de Jong and Mackinnon 1988) gives the same matrices as Shumway and Stoffer's
 * property 6.3 recursion without a second backward pass; the 1-D test computes both by hand.
 * Periods are 0-based as in the filter. Storage is kept for reuse over EM iterations.
 *
 * <p>Speed: J(t) depends only on P(t|t) and P(t+1|t), so where the filter's step t+k repeated step t
 * ({@link KalmanFilter#repeatOf}, its covariances on their fixed point or 2-cycle) J(t) = J(t+k) and neither the
 * inverse of P(t+1|t) nor the gain is recomputed; where moreover P(t+1|n) = P(t+1+k|n) bit for bit, P(t|n) and
 * P(t+1,t|n) are those of t+k and are copied. The rest of the fast path runs the same products as the EJML calls with {@link SmallMatrices}. Both
 * shortcuts are exact, so the results are those of the plain recursion.
 */
public final class RtsSmoother {
  private final int n;
  private final int periods;
  final DMatrixRMaj[] smoothedMean;
  final DMatrixRMaj[] smoothedCov;
  /** lagCov[t] = Cov(x(t), x(t-1) | all data), t >= 1; lagCov[0] unused. */
  final DMatrixRMaj[] lagCov;
  private final DMatrixRMaj gain;
  private final DMatrixRMaj predictedInverse;
  private final DMatrixRMaj nn;
  private final DMatrixRMaj nn2;
  private final DMatrixRMaj difference;
  private final double[] work;
  private final boolean fast;
  /** J(t) per period, fast path only (a repeated gain is read back from a later period). */
  private final double[][] gains;

  RtsSmoother(int n, int periods) {
    this(n, periods, true);
  }

  /** With {@code fast} false every step takes the general EJML path (the tests compare the two). */
  RtsSmoother(int n, int periods, boolean fast) {
    this.fast = fast;
    this.n = n;
    this.periods = periods;
    smoothedMean = new DMatrixRMaj[periods];
    smoothedCov = new DMatrixRMaj[periods];
    lagCov = new DMatrixRMaj[periods];
    for (int t = 0; t < periods; t++) {
      smoothedMean[t] = new DMatrixRMaj(n, 1);
      smoothedCov[t] = new DMatrixRMaj(n, n);
      lagCov[t] = new DMatrixRMaj(n, n);
    }
    gain = new DMatrixRMaj(n, n);
    predictedInverse = new DMatrixRMaj(n, n);
    nn = new DMatrixRMaj(n, n);
    nn2 = new DMatrixRMaj(n, n);
    difference = new DMatrixRMaj(n, 1);
    work = new double[n * n];
    gains = new double[fast ? periods : 0][n * n];
  }

  /** Smooths the output of a filter that was run with the transition matrix A. */
  public static RtsSmoother run(KalmanFilter filter, double[][] transition) {
    int n = transition.length;
    RtsSmoother smoother = new RtsSmoother(n, filter.periods());
    smoother.smooth(filter, ModelMatrices.matrix(transition, n, n));
    return smoother;
  }

  void smooth(KalmanFilter filter, DMatrixRMaj a) {
    int last = periods - 1;
    smoothedMean[last].setTo(filter.filteredMean[last]);
    smoothedCov[last].setTo(filter.filteredCov[last]);
    if (fast) {
      smoothFast(filter, a.data);
      return;
    }
    for (int t = last - 1; t >= 0; t--) {
      DMatrixRMaj predicted = filter.predictedCov[t + 1];
      double logDet = SymmetricMatrices.invertPositive(predicted, predictedInverse, work);
      if (Double.isNaN(logDet)) CommonOps_DDRM.pinv(predicted, predictedInverse);
      CommonOps_DDRM.multTransB(filter.filteredCov[t], a, nn);
      CommonOps_DDRM.mult(nn, predictedInverse, gain);
      CommonOps_DDRM.subtract(smoothedMean[t + 1], filter.predictedMean[t + 1], difference);
      smoothedMean[t].setTo(filter.filteredMean[t]);
      CommonOps_DDRM.multAdd(gain, difference, smoothedMean[t]);
      CommonOps_DDRM.subtract(smoothedCov[t + 1], predicted, nn2);
      CommonOps_DDRM.mult(gain, nn2, nn);
      smoothedCov[t].setTo(filter.filteredCov[t]);
      CommonOps_DDRM.multAddTransB(nn, gain, smoothedCov[t]);
      SymmetricMatrices.symmetrise(smoothedCov[t]);
      CommonOps_DDRM.multTransB(smoothedCov[t + 1], gain, lagCov[t + 1]);
    }
  }

  private void smoothFast(KalmanFilter filter, double[] a) {
    int size = n * n;
    int last = periods - 1;
    for (int t = last - 1; t >= 0; t--) {
      // J(t) = J(t+k) when the filter's step t+k repeated step t: P(t+k|t+k) = P(t|t), P(t+k+1|t+k) = P(t+1|t)
      int k = 0;
      for (int lag = 1; lag <= 2 && t + lag <= last - 1; lag++) {
        if (filter.repeatOf[t + lag] == lag) {
          k = lag;
          break;
        }
      }
      DMatrixRMaj predicted = filter.predictedCov[t + 1];
      double[] j = gains[t];
      if (k > 0) {
        System.arraycopy(gains[t + k], 0, j, 0, size);
      } else {
        double logDet = SymmetricMatrices.invertPositive(predicted, predictedInverse, work);
        if (Double.isNaN(logDet)) CommonOps_DDRM.pinv(predicted, predictedInverse);
        SmallMatrices.multTransB(filter.filteredCov[t].data, a, nn.data, n, n, n);
        SmallMatrices.mult(nn.data, predictedInverse.data, j, n, n, n);
      }
      double[] diff = difference.data;
      double[] next = smoothedMean[t + 1].data;
      double[] predictedMean = filter.predictedMean[t + 1].data;
      for (int i = 0; i < n; i++) diff[i] = next[i] - predictedMean[i];
      double[] mean = smoothedMean[t].data;
      System.arraycopy(filter.filteredMean[t].data, 0, mean, 0, n);
      SmallMatrices.multAddVector(j, diff, mean, n, n);
      double[] cov = smoothedCov[t].data;
      double[] later = smoothedCov[t + 1].data;
      if (k > 0 && t + 1 + k <= last && SmallMatrices.same(later, smoothedCov[t + 1 + k].data, size)) {
        // P(t+1|n) = P(t+1+k|n) and J(t) = J(t+k): P(t|n) = P(t+k|n), P(t+1,t|n) = P(t+1+k,t+k|n)
        System.arraycopy(smoothedCov[t + k].data, 0, cov, 0, size);
        System.arraycopy(lagCov[t + 1 + k].data, 0, lagCov[t + 1].data, 0, size);
        continue;
      }
      double[] pp = predicted.data;
      double[] d = nn2.data;
      for (int i = 0; i < size; i++) d[i] = later[i] - pp[i];
      SmallMatrices.mult(j, d, nn.data, n, n, n);
      System.arraycopy(filter.filteredCov[t].data, 0, cov, 0, size);
      SmallMatrices.multAddTransB(nn.data, j, cov, n, n, n);
      SymmetricMatrices.symmetrise(smoothedCov[t]);
      SmallMatrices.multTransB(later, j, lagCov[t + 1].data, n, n, n);
    }
  }

  public int periods() {
    return periods;
  }

  /** x(t | n). */
  public double[] smoothedMean(int t) {
    return smoothedMean[t].data.clone();
  }

  /** P(t | n). */
  public double[][] smoothedCovariance(int t) {
    return ModelMatrices.rows(smoothedCov[t]);
  }

  /** Cov(x(t), x(t-1) | all data), for t >= 1. */
  public double[][] lagOneCovariance(int t) {
    if (t < 1) throw new IllegalArgumentException("lag-one covariance starts at t = 1");
    return ModelMatrices.rows(lagCov[t]);
  }

  int states() {
    return n;
  }
}
