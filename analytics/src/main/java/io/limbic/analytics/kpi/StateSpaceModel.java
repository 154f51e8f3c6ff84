package io.limbic.analytics.kpi;

/**
 * A linear-Gaussian state-space model with inputs, in the timing convention used throughout: the input of period t
 * drives the state of period t + 1.
 * <pre>
 *   x(t+1) = A x(t) + B u(t) + w(t),   w ~ N(0, Q)
 *   y(t)   = C x(t) + D u(t) + v(t),   v ~ N(0, R)
 *   x(1)   ~ N(mu1, V1), or diffuse (mu1 = 0, V1 = kappa I with kappa -> infinity)
 * </pre>
 * Matrices are row-major {@code double[rows][cols]}: A n x n, B n x m, C p x n, D p x m, Q n x n, R p x p, mu1 n x 1,
 * V1 n x n. With no controls, B and D have zero columns.
 */
public record StateSpaceModel(
    double[][] A, double[][] B, double[][] C, double[][] D, double[][] Q, double[][] R, double[][] mu1,
    double[][] V1, boolean diffuse) {

  /** Names of the parameter matrices, as the API and {@link ModelSpec#free()} spell them. */
  public static final java.util.List<String> PARAMETERS = java.util.List.of("A", "B", "C", "D", "Q", "R", "mu1", "V1");

  public int states() {
    return A.length;
  }

  public int kpis() {
    return C.length;
  }

  public int controls() {
    return B.length == 0 ? 0 : B[0].length;
  }
}
