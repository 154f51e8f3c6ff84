package io.limbic.analytics.kpi.control;

import io.limbic.analytics.kpi.Progress;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Minimises the convex quadratic 0.5 u'Hu + g'u over a {@link BoxBudgetSet} by accelerated projected gradient
 * (FISTA, Beck and Teboulle 2009) with step 1/L, L the largest eigenvalue of H, and gradient-based adaptive restart
 * (O'Donoghue and Candes 2015), which keeps the convergence linear when H is positive definite. Each step projects
 * exactly onto the box-and-budget set. It stops when the gradient-mapping step ||u+ - y|| is at most
 * {@code tolerance (1 + ||u+||)} or after {@code maxIterations}. With H = 0 (a linear objective) the optimum is a
 * vertex found greedily: start at the lower limits, then raise the coordinates with the most negative g to their
 * upper limits until the budget is spent.
 */
public final class BoxBudgetQp {
  /** The solution, the objective there, the iterations used and whether the tolerance was met. */
  public record Solution(double[] u, double objective, int iterations, boolean converged) {}

  private final double[][] hessian;
  private final double[] linear;
  private final BoxBudgetSet set;

  public BoxBudgetQp(double[][] hessian, double[] linear, BoxBudgetSet set) {
    this.hessian = hessian;
    this.linear = linear;
    this.set = set;
  }

  public double objective(double[] u) {
    double[] hu = multiply(u);
    double value = 0;
    for (int k = 0; k < u.length; k++) value += 0.5 * u[k] * hu[k] + linear[k] * u[k];
    return value;
  }

  public double[] gradient(double[] u) {
    double[] grad = multiply(u);
    for (int k = 0; k < u.length; k++) grad[k] += linear[k];
    return grad;
  }

  public Solution solve(double tolerance, int maxIterations, Progress progress) {
    double lipschitz = largestEigenvalue();
    if (lipschitz <= 1e-14 * (1 + maxAbs(linear))) return greedy();
    double[] x = set.project(new double[set.size()]);
    double[] y = x.clone();
    double t = 1;
    for (int iter = 1; iter <= maxIterations; iter++) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      double[] grad = gradient(y);
      double[] step = new double[x.length];
      for (int k = 0; k < x.length; k++) step[k] = y[k] - grad[k] / lipschitz;
      double[] next = set.project(step);
      double moved = 0;
      double size = 0;
      double restart = 0;
      for (int k = 0; k < x.length; k++) {
        moved += (next[k] - y[k]) * (next[k] - y[k]);
        size += next[k] * next[k];
        restart += (y[k] - next[k]) * (next[k] - x[k]);
      }
      if (Math.sqrt(moved) <= tolerance * (1 + Math.sqrt(size))) {
        return new Solution(next, objective(next), iter, true);
      }
      if (restart > 0) t = 1;
      double tNext = 0.5 * (1 + Math.sqrt(1 + 4 * t * t));
      double momentum = (t - 1) / tNext;
      for (int k = 0; k < x.length; k++) y[k] = next[k] + momentum * (next[k] - x[k]);
      x = next;
      t = tNext;
      if (iter % 100 == 0) progress.report(Math.min(0.99, (double) iter / maxIterations));
    }
    return new Solution(x, objective(x), maxIterations, false);
  }

  private Solution greedy() {
    int size = set.size();
    double[] u = new double[size];
    double left = set.budget();
    for (int k = 0; k < size; k++) {
      u[k] = set.lo(k);
      left -= u[k];
    }
    Integer[] order = new Integer[size];
    for (int k = 0; k < size; k++) order[k] = k;
    java.util.Arrays.sort(order, (i, j) -> Double.compare(linear[i], linear[j]));
    for (int k : order) {
      if (linear[k] >= 0) break;
      double room = Math.min(set.hi(k) - set.lo(k), left);
      if (Double.isInfinite(room)) {
        throw new IllegalArgumentException("unbounded: the objective grows without limit; give a max, a budget or an inputCost");
      }
      u[k] += room;
      left -= room;
    }
    return new Solution(u, objective(u), 1, true);
  }

  private double largestEigenvalue() {
    int n = hessian.length;
    if (n == 0) return 0;
    DMatrixRMaj h = new DMatrixRMaj(hessian);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
    if (!eig.decompose(h)) throw new IllegalStateException("eigen decomposition failed");
    double max = 0;
    for (int i = 0; i < n; i++) max = Math.max(max, eig.getEigenvalue(i).getReal());
    return max * (1 + 1e-12);
  }

  private double[] multiply(double[] u) {
    double[] out = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      double s = 0;
      double[] row = hessian[i];
      for (int k = 0; k < u.length; k++) s += row[k] * u[k];
      out[i] = s;
    }
    return out;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) m = Math.max(m, Math.abs(x));
    return m;
  }
}
