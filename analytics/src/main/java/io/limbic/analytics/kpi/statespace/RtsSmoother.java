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

  RtsSmoother(int n, int periods) {
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
