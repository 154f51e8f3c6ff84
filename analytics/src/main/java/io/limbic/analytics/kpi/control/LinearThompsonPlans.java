package io.limbic.analytics.kpi.control;

import java.util.Random;
import org.ejml.simple.SimpleMatrix;

/**
 * Linear Thompson sampling over a fixed set of candidate plans, each described by a feature vector phi_k (for
 * example its per-control totals and an intercept, see {@link #totalsWithIntercept}). Reward is modelled as
 * r = theta' phi + e, e ~ N(0, sigma^2) with sigma^2 known, and theta ~ N(0, I / priorPrecision) a priori, so the
 * posterior stays Gaussian: precision P = priorPrecision I + sum phi phi' / sigma^2, mean P^-1 sum phi r / sigma^2.
 * {@link #choose} draws theta from the posterior and returns the plan with the largest phi_k' theta;
 * {@link #update} adds an observed reward. Not thread-safe; deterministic for a given {@link Random}.
 */
public final class LinearThompsonPlans {
  private final double[][] features;
  private final double noiseVariance;
  private final Random random;
  private final SimpleMatrix precision;
  private final SimpleMatrix weightedRewards;

  public LinearThompsonPlans(double[][] features, double priorPrecision, double noiseVariance, Random random) {
    if (features.length == 0) throw new IllegalArgumentException("at least one plan is needed");
    if (!(priorPrecision > 0) || !(noiseVariance > 0)) {
      throw new IllegalArgumentException("priorPrecision and noiseVariance must be positive");
    }
    int d = features[0].length;
    for (double[] phi : features) if (phi.length != d) throw new IllegalArgumentException("features differ in length");
    this.features = features;
    this.noiseVariance = noiseVariance;
    this.random = random;
    this.precision = SimpleMatrix.identity(d).scale(priorPrecision);
    this.weightedRewards = new SimpleMatrix(d, 1);
  }

  /** The features of a plan {@code inputs[h][j]}: 1 followed by each control's total over the horizon. */
  public static double[] totalsWithIntercept(double[][] inputs) {
    int m = inputs.length == 0 ? 0 : inputs[0].length;
    double[] phi = new double[m + 1];
    phi[0] = 1;
    for (double[] row : inputs) for (int j = 0; j < m; j++) phi[j + 1] += row[j];
    return phi;
  }

  public int plans() {
    return features.length;
  }

  public int choose() {
    SimpleMatrix covariance = precision.invert();
    covariance = covariance.plus(covariance.transpose()).scale(0.5);
    SimpleMatrix mean = covariance.mult(weightedRewards);
    SimpleMatrix lower = choleskyLower(covariance);
    SimpleMatrix normal = new SimpleMatrix(mean.getNumRows(), 1);
    for (int i = 0; i < normal.getNumRows(); i++) normal.set(i, 0, random.nextGaussian());
    SimpleMatrix theta = mean.plus(lower.mult(normal));
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < features.length; k++) {
      double v = 0;
      for (int i = 0; i < features[k].length; i++) v += features[k][i] * theta.get(i, 0);
      if (v > bestValue) {
        bestValue = v;
        best = k;
      }
    }
    return best;
  }

  public void update(int plan, double reward) {
    double[] phi = features[plan];
    for (int i = 0; i < phi.length; i++) {
      weightedRewards.set(i, 0, weightedRewards.get(i, 0) + phi[i] * reward / noiseVariance);
      for (int j = 0; j < phi.length; j++) precision.set(i, j, precision.get(i, j) + phi[i] * phi[j] / noiseVariance);
    }
  }

  /** The posterior mean of theta. */
  public double[] posteriorMean() {
    SimpleMatrix mean = precision.solve(weightedRewards);
    double[] out = new double[mean.getNumRows()];
    for (int i = 0; i < out.length; i++) out[i] = mean.get(i, 0);
    return out;
  }

  private static SimpleMatrix choleskyLower(SimpleMatrix s) {
    int d = s.getNumRows();
    SimpleMatrix l = new SimpleMatrix(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = s.get(i, j);
        for (int k = 0; k < j; k++) sum -= l.get(i, k) * l.get(j, k);
        if (i == j) l.set(i, i, Math.sqrt(Math.max(sum, 0)));
        else l.set(i, j, l.get(j, j) == 0 ? 0 : sum / l.get(j, j));
      }
    }
    return l;
  }
}
