package io.limbic.analytics.kpi.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.Progress;
import java.util.Random;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

/** The box-and-budget projection and the QP solver against independent characterisations of their optima. */
class ControlQuadraticProgramTest {

  private static BoxBudgetSet randomSet(Random random, int n, boolean tightBudget) {
    double[] lo = new double[n];
    double[] hi = new double[n];
    double sumLo = 0;
    double sumHi = 0;
    for (int k = 0; k < n; k++) {
      lo[k] = random.nextDouble() * 2 - 1;
      hi[k] = lo[k] + random.nextDouble() * 3;
      sumLo += lo[k];
      sumHi += hi[k];
    }
    double budget = tightBudget ? sumLo + random.nextDouble() * (sumHi - sumLo) : Double.POSITIVE_INFINITY;
    return new BoxBudgetSet(lo, hi, budget);
  }

  /** A feasible point: a convex combination of the lower corner and a point of the box, scaled to the budget. */
  private static double[] randomFeasible(Random random, BoxBudgetSet set) {
    int n = set.size();
    double[] w = new double[n];
    double spare = set.budget();
    double extra = 0;
    for (int k = 0; k < n; k++) {
      w[k] = random.nextDouble() * (set.hi(k) - set.lo(k));
      extra += w[k];
      spare -= set.lo(k);
    }
    double alpha = extra <= spare ? 1 : spare / extra;
    for (int k = 0; k < n; k++) w[k] = set.lo(k) + alpha * w[k];
    return w;
  }

  @Test
  void projectionSatisfiesTheVariationalInequality() {
    Random random = new Random(1);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(12);
      BoxBudgetSet set = randomSet(random, n, trial % 4 != 0);
      double[] v = new double[n];
      for (int k = 0; k < n; k++) v[k] = random.nextGaussian() * 3;
      double[] p = set.project(v);
      assertTrue(set.contains(p, 1e-12));
      // p is the projection iff (v - p) . (w - p) <= 0 for every feasible w.
      for (int draw = 0; draw < 200; draw++) {
        double[] w = randomFeasible(random, set);
        double inner = 0;
        for (int k = 0; k < n; k++) inner += (v[k] - p[k]) * (w[k] - p[k]);
        assertTrue(inner <= 1e-9, "variational inequality " + inner);
      }
    }
  }

  @Test
  void projectionOntoABindingBudgetSpendsItExactly() {
    BoxBudgetSet set = new BoxBudgetSet(new double[] {0, 0, 0}, new double[] {5, 5, 5}, 6);
    double[] p = set.project(new double[] {4, 3, 2});
    // lambda = 1: (3, 2, 1)
    assertEquals(3, p[0], 1e-12);
    assertEquals(2, p[1], 1e-12);
    assertEquals(1, p[2], 1e-12);
    assertEquals(1, set.multiplier(new double[] {4, 3, 2}), 1e-12);
  }

  @Test
  void infeasibleLimitsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new BoxBudgetSet(new double[] {1, 1}, new double[] {2, 2}, 1));
    assertThrows(IllegalArgumentException.class, () -> new BoxBudgetSet(new double[] {1}, new double[] {0}, 5));
  }

  @Test
  void solverMatchesEnumerationOfActiveSets() {
    Random random = new Random(7);
    for (int trial = 0; trial < 100; trial++) {
      int n = 2 + random.nextInt(3);
      double[][] h = randomPositiveDefinite(random, n, trial % 3 == 0);
      double[] g = new double[n];
      for (int k = 0; k < n; k++) g[k] = random.nextGaussian() * 4;
      BoxBudgetSet set = randomSet(random, n, trial % 5 != 0);
      BoxBudgetQp qp = new BoxBudgetQp(h, g, set);
      BoxBudgetQp.Solution solution = qp.solve(1e-12, 200_000, Progress.NONE);
      double brute = bruteForce(h, g, set);
      assertTrue(set.contains(solution.u(), 1e-9));
      assertEquals(brute, solution.objective(), 1e-7 * (1 + Math.abs(brute)), "trial " + trial);
    }
  }

  @Test
  void solutionMeetsTheKktConditionsOnALargerProblem() {
    Random random = new Random(3);
    int n = 60;
    double[][] h = randomPositiveDefinite(random, n, false);
    double[] g = new double[n];
    for (int k = 0; k < n; k++) g[k] = random.nextGaussian() * 10;
    BoxBudgetSet set = randomSet(random, n, true);
    BoxBudgetQp qp = new BoxBudgetQp(h, g, set);
    BoxBudgetQp.Solution solution = qp.solve(1e-12, 200_000, Progress.NONE);
    assertTrue(solution.converged());
    double[] u = solution.u();
    double[] grad = qp.gradient(u);
    double sum = 0;
    for (double x : u) sum += x;
    // With lambda the budget multiplier, grad + lambda is >= 0 at a lower limit, <= 0 at an upper one, 0 between.
    double lambda = 0;
    int free = 0;
    for (int k = 0; k < n; k++) {
      if (u[k] > set.lo(k) + 1e-7 && u[k] < set.hi(k) - 1e-7) {
        lambda += -grad[k];
        free++;
      }
    }
    lambda = free == 0 ? 0 : lambda / free;
    boolean budgetBinds = sum > set.budget() - 1e-7;
    if (!budgetBinds) assertEquals(0, lambda, 1e-5);
    assertTrue(lambda >= -1e-5);
    for (int k = 0; k < n; k++) {
      double r = grad[k] + lambda;
      if (u[k] <= set.lo(k) + 1e-7) assertTrue(r >= -1e-5, "at lo " + r);
      else if (u[k] >= set.hi(k) - 1e-7) assertTrue(r <= 1e-5, "at hi " + r);
      else assertEquals(0, r, 1e-5);
    }
  }

  @Test
  void aLinearObjectiveIsSolvedGreedily() {
    BoxBudgetSet set = new BoxBudgetSet(new double[] {0, 0, 0}, new double[] {2, 2, 2}, 3);
    BoxBudgetQp qp = new BoxBudgetQp(new double[3][3], new double[] {-1, -3, 2}, set);
    double[] u = qp.solve(1e-10, 1000, Progress.NONE).u();
    assertEquals(1, u[0], 1e-12);
    assertEquals(2, u[1], 1e-12);
    assertEquals(0, u[2], 1e-12);
    BoxBudgetSet unbounded = new BoxBudgetSet(new double[] {0}, new double[] {Double.POSITIVE_INFINITY},
        Double.POSITIVE_INFINITY);
    assertThrows(IllegalArgumentException.class,
        () -> new BoxBudgetQp(new double[1][1], new double[] {-1}, unbounded).solve(1e-10, 10, Progress.NONE));
  }

  private static double[][] randomPositiveDefinite(Random random, int n, boolean semidefinite) {
    SimpleMatrix f = new SimpleMatrix(n, semidefinite ? Math.max(1, n - 1) : n);
    for (int i = 0; i < f.getNumRows(); i++) for (int j = 0; j < f.getNumCols(); j++) f.set(i, j, random.nextGaussian());
    SimpleMatrix h = f.mult(f.transpose());
    if (!semidefinite) h = h.plus(SimpleMatrix.identity(n).scale(0.1));
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) out[i][j] = h.get(i, j);
    return out;
  }

  /** Minimum of the face-restricted stationary points over every face (each coordinate at lo, hi or free; budget
   *  active or not) that are feasible: the global minimum lies on one of them. */
  private static double bruteForce(double[][] h, double[] g, BoxBudgetSet set) {
    int n = g.length;
    double best = Double.POSITIVE_INFINITY;
    int faces = (int) Math.pow(3, n);
    for (int code = 0; code < faces; code++) {
      for (int budget = 0; budget < (Double.isFinite(set.budget()) ? 2 : 1); budget++) {
        int[] state = new int[n];
        int c = code;
        int free = 0;
        for (int k = 0; k < n; k++) {
          state[k] = c % 3;
          c /= 3;
          if (state[k] == 2) free++;
        }
        int size = free + budget;
        double[] u = new double[n];
        for (int k = 0; k < n; k++) u[k] = state[k] == 0 ? set.lo(k) : state[k] == 1 ? set.hi(k) : 0;
        if (size > 0) {
          SimpleMatrix m = new SimpleMatrix(size, size);
          SimpleMatrix rhs = new SimpleMatrix(size, 1);
          int[] index = new int[free];
          int f = 0;
          for (int k = 0; k < n; k++) if (state[k] == 2) index[f++] = k;
          double fixedSum = 0;
          for (int k = 0; k < n; k++) if (state[k] != 2) fixedSum += u[k];
          for (int a = 0; a < free; a++) {
            double r = -g[index[a]];
            for (int k = 0; k < n; k++) if (state[k] != 2) r -= h[index[a]][k] * u[k];
            rhs.set(a, 0, r);
            for (int b = 0; b < free; b++) m.set(a, b, h[index[a]][index[b]]);
            if (budget == 1) {
              m.set(a, free, 1);
              m.set(free, a, 1);
            }
          }
          if (budget == 1) rhs.set(free, 0, set.budget() - fixedSum);
          SimpleMatrix x;
          try {
            if (Math.abs(m.determinant()) < 1e-12) continue;
            x = m.solve(rhs);
          } catch (RuntimeException singular) {
            continue;
          }
          for (int a = 0; a < free; a++) u[index[a]] = x.get(a, 0);
        }
        if (!set.contains(u, 1e-9)) continue;
        double value = 0;
        for (int i = 0; i < n; i++) {
          value += g[i] * u[i];
          for (int j = 0; j < n; j++) value += 0.5 * u[i] * h[i][j] * u[j];
        }
        best = Math.min(best, value);
      }
    }
    return best;
  }
}
