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
  /** The 97.5 % quantile of the standard normal. */
  static final double Z95 = 1.959963984540054;
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

  /**
   * The posterior after the rewards summarised by {@code evidence} (X'X and X'y of every observed plan's features
   * and reward): the same state as {@link #update} for each of those rewards, up to rounding.
   */
  public LinearThompsonPlans(double[][] features, double priorPrecision, double noiseVariance,
      RewardEvidence evidence, Random random) {
    this(features, priorPrecision, noiseVariance, random);
    int d = features[0].length;
    if (evidence.dimension() != d) throw new IllegalArgumentException("evidence has another feature length");
    for (int i = 0; i < d; i++) {
      weightedRewards.set(i, 0, evidence.xty()[i] / noiseVariance);
      for (int j = 0; j < d; j++) precision.set(i, j, precision.get(i, j) + evidence.xtx()[i][j] / noiseVariance);
    }
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
    return draw().chosen();
  }

  /** One Thompson draw: theta from the posterior, each plan's reward under it, and the plan with the largest. */
  public Draw draw() {
    SimpleMatrix covariance = covariance();
    SimpleMatrix mean = covariance.mult(weightedRewards);
    SimpleMatrix lower = choleskyLower(covariance);
    SimpleMatrix normal = new SimpleMatrix(mean.getNumRows(), 1);
    for (int i = 0; i < normal.getNumRows(); i++) normal.set(i, 0, random.nextGaussian());
    SimpleMatrix theta = mean.plus(lower.mult(normal));
    int best = 0;
    double[] sampled = new double[features.length];
    for (int k = 0; k < features.length; k++) {
      double v = 0;
      for (int i = 0; i < features[k].length; i++) v += features[k][i] * theta.get(i, 0);
      sampled[k] = v;
      if (v > sampled[best]) best = k;
    }
    return new Draw(best, sampled);
  }

  /** A draw's chosen plan and the reward each plan has under the drawn theta. */
  public record Draw(int chosen, double[] sampled) {}

  /**
   * Each plan's posterior mean reward phi' mu with its standard deviation sqrt(phi' Sigma phi) and the central 95 %
   * credible interval of that mean (not of a single noisy reward).
   */
  public PlanEstimate[] estimates() {
    SimpleMatrix covariance = covariance();
    SimpleMatrix mean = covariance.mult(weightedRewards);
    PlanEstimate[] out = new PlanEstimate[features.length];
    for (int k = 0; k < features.length; k++) {
      SimpleMatrix phi = new SimpleMatrix(features[k].length, 1, true, features[k]);
      double m = phi.dot(mean);
      double sd = Math.sqrt(Math.max(0, phi.transpose().mult(covariance).mult(phi).get(0, 0)));
      out[k] = new PlanEstimate(m, sd, m - Z95 * sd, m + Z95 * sd);
    }
    return out;
  }

  /** The posterior covariance of theta, the inverse of the posterior precision (symmetrised). */
  public double[][] posteriorCovariance() {
    SimpleMatrix covariance = covariance();
    double[][] out = new double[covariance.getNumRows()][covariance.getNumCols()];
    for (int i = 0; i < out.length; i++) for (int j = 0; j < out[i].length; j++) out[i][j] = covariance.get(i, j);
    return out;
  }

  private SimpleMatrix covariance() {
    SimpleMatrix covariance = precision.invert();
    return covariance.plus(covariance.transpose()).scale(0.5);
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
