package io.limbic.analytics.kpi.family;

import io.limbic.analytics.kpi.Progress;
import java.util.function.DoubleUnaryOperator;

/**
 * Maximises a function of one parameter on [lo, hi]: a grid of {@code gridPoints} evaluations, then golden-section
 * search inside the grid cells next to the best point, until the bracket is narrower than {@code tolerance}. The grid
 * guards against the local optima golden-section alone could stop in.
 */
final class ProfileSearch {
  private static final double INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;

  record Optimum(double argument, double value, int evaluations, boolean converged) {}

  private ProfileSearch() {}

  static Optimum maximise(DoubleUnaryOperator f, double lo, double hi, int gridPoints, double tolerance,
      int maxIterations, Progress progress) {
    double step = (hi - lo) / (gridPoints - 1);
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < gridPoints; i++) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      double v = f.applyAsDouble(lo + i * step);
      if (v > bestValue) {
        bestValue = v;
        best = i;
      }
    }
    double a = lo + Math.max(0, best - 1) * step;
    double b = lo + Math.min(gridPoints - 1, best + 1) * step;
    double c = b - INVERSE_GOLDEN * (b - a);
    double d = a + INVERSE_GOLDEN * (b - a);
    double fc = f.applyAsDouble(c);
    double fd = f.applyAsDouble(d);
    int evaluations = gridPoints + 2;
    while (b - a > tolerance && evaluations < gridPoints + maxIterations) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      if (fc >= fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - INVERSE_GOLDEN * (b - a);
        fc = f.applyAsDouble(c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + INVERSE_GOLDEN * (b - a);
        fd = f.applyAsDouble(d);
      }
      evaluations++;
    }
    double x = fc >= fd ? c : d;
    double fx = Math.max(fc, fd);
    if (bestValue > fx) return new Optimum(lo + best * step, bestValue, evaluations, b - a <= tolerance);
    return new Optimum(x, fx, evaluations, b - a <= tolerance);
  }
}
