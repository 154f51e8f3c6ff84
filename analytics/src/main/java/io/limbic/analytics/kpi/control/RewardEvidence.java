package io.limbic.analytics.kpi.control;

import java.util.Arrays;

/**
 * The sufficient statistics of observed rewards for a linear-Gaussian reward model: X'X (the sum of phi phi' over
 * the observed plans' features) and X'y (the sum of phi times the reward). Independent of the prior and the noise,
 * so a stored copy restores the exact posterior under any of them. Immutable.
 */
public record RewardEvidence(double[][] xtx, double[] xty) {
  public RewardEvidence {
    if (xtx.length != xty.length) throw new IllegalArgumentException("X'X and X'y differ in dimension");
    for (double[] row : xtx) if (row.length != xty.length) throw new IllegalArgumentException("X'X is not square");
    xtx = Arrays.stream(xtx).map(double[]::clone).toArray(double[][]::new);
    xty = xty.clone();
  }

  public static RewardEvidence none(int dimension) {
    return new RewardEvidence(new double[dimension][dimension], new double[dimension]);
  }

  public int dimension() {
    return xty.length;
  }

  /** The evidence with one more reward observed for a plan with features {@code phi}. */
  public RewardEvidence with(double[] phi, double reward) {
    if (phi.length != xty.length) throw new IllegalArgumentException("features have another length");
    double[][] a = new double[phi.length][phi.length];
    double[] b = new double[phi.length];
    for (int i = 0; i < phi.length; i++) {
      b[i] = xty[i] + phi[i] * reward;
      for (int j = 0; j < phi.length; j++) a[i][j] = xtx[i][j] + phi[i] * phi[j];
    }
    return new RewardEvidence(a, b);
  }

  @Override
  public double[][] xtx() {
    return Arrays.stream(xtx).map(double[]::clone).toArray(double[][]::new);
  }

  @Override
  public double[] xty() {
    return xty.clone();
  }
}
