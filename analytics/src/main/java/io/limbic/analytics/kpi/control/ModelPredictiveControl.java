package io.limbic.analytics.kpi.control;

import io.limbic.analytics.kpi.statespace.KalmanFilter;
import io.limbic.analytics.kpi.statespace.MonteCarloForecaster;
import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.PlanConstraints;
import io.limbic.analytics.kpi.Planner;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.Recommendation;
import io.limbic.analytics.kpi.StateSpaceModel;
import io.limbic.analytics.kpi.Target;
import java.util.Arrays;
import java.util.List;

/**
 * Model-predictive control on a fitted model's linear form. Over the horizon the target KPI's mean path is affine in
 * the stacked inputs U = (u(0) .. u(H-1)): y(h) = f(h) + G(h) U with f(h) = (C A^h x0)_i and G(h) holding
 * (C A^(h-1-s) B)_i for inputs s < h and D_i for s = h. The plan minimises
 * <pre>
 *   tracking (level given):  sum_h (y(h) - level)^2 + c |U|^2
 *   maximising (no level):  -sum_h y(h)             + c |U|^2
 * </pre>
 * (c = inputCost) subject to min_j <= u_j(h) <= max_j and sum_{h,j} u_j(h) <= budget, a convex QP solved by
 * {@link BoxBudgetQp}. {@code objective} in the result is that minimised cost. Bands come from the exact Gaussian
 * forecast for the plan and for doing nothing (the feasible plan closest to all zeros: 0, or the minimum when it is
 * above 0).
 */
public final class ModelPredictiveControl implements Planner {
  private final double tolerance;
  private final int maxIterations;

  public ModelPredictiveControl() {
    this(1e-10, 20_000);
  }

  /** Exact Gaussian bands (no paths drawn). */
  private static final MonteCarloForecaster EXACT = new MonteCarloForecaster();

  public ModelPredictiveControl(double tolerance, int maxIterations) {
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  @Override
  public Recommendation recommend(
      FitResult fit, KpiPanel history, Target target, int horizon, PlanConstraints constraints, Progress progress) {
    List<String> kpis = fit.spec().kpis();
    int kpi = kpis.indexOf(target.kpi());
    if (kpi < 0) throw new IllegalArgumentException("target.kpi: " + target.kpi() + " is not one of " + kpis);
    double[][] y = columns(history, history.kpis(), kpis, history.y(), "kpi");
    double[][] u = columns(history, history.controls(), fit.spec().controls(), history.u(), "control");
    KalmanFilter filtered = KalmanFilter.run(fit.model(), y, u);
    return plan(fit.model(), filtered.nextMean(), filtered.nextCovariance(), kpi, target.level(), target.inputCost(), horizon,
        constraints, progress);
  }

  /** The core: plans from the state x(n+1|n) ~ N(x0, p0) of the first future period. */
  public Recommendation plan(StateSpaceModel model, double[] x0, double[][] p0, int kpi, Double level,
      double inputCost, int horizon, PlanConstraints constraints, Progress progress) {
    if (horizon < 1) throw new IllegalArgumentException("horizonDays must be at least 1");
    if (inputCost < 0 || Double.isNaN(inputCost)) throw new IllegalArgumentException("target.inputCost must be >= 0");
    int m = model.controls();
    BoxBudgetSet set = feasible(constraints, m, horizon);
    Prediction prediction = predict(model, x0, kpi, horizon);
    BoxBudgetQp qp = program(prediction, level, inputCost, set);
    BoxBudgetQp.Solution solution = qp.solve(tolerance, maxIterations, progress);
    double[] nothing = set.project(new double[set.size()]);
    double[][] inputs = unstack(solution.u(), horizon, m);
    Bands predicted = EXACT.simulate(model, x0, p0, inputs, 0, 0, Progress.NONE);
    Bands baseline = EXACT.simulate(model, x0, p0, unstack(nothing, horizon, m), 0, 0, Progress.NONE);
    progress.report(1);
    String method = "accelerated projected gradient (FISTA with adaptive restart, exact projection onto box and budget)"
        + ", " + solution.iterations() + " iterations, " + (solution.converged() ? "converged" : "iteration limit")
        + "; objective of doing nothing " + prediction.cost(nothing, level, inputCost);
    return new Recommendation(inputs, predicted, baseline, prediction.cost(solution.u(), level, inputCost), method);
  }

  /** The model's predicted objective of a plan {@code inputs[h][j]}, as {@link #plan} minimises it. */
  public static double objective(StateSpaceModel model, double[] x0, int kpi, Double level, double inputCost,
      double[][] inputs) {
    return predict(model, x0, kpi, inputs.length).cost(stack(inputs), level, inputCost);
  }

  /** The affine map U -> target KPI path: y = f + G U. */
  record Prediction(double[] f, double[][] g) {
    double cost(double[] u, Double level, double inputCost) {
      double s = 0;
      for (int h = 0; h < f.length; h++) {
        double y = f[h];
        for (int k = 0; k < u.length; k++) y += g[h][k] * u[k];
        s += level == null ? -y : (y - level) * (y - level);
      }
      for (double v : u) s += inputCost * v * v;
      return s;
    }
  }

  static Prediction predict(StateSpaceModel model, double[] x0, int kpi, int horizon) {
    int n = model.states();
    int m = model.controls();
    double[][] a = model.A();
    double[][] b = model.B();
    double[] row = model.C()[kpi].clone();
    double[][] powers = new double[horizon][];
    for (int h = 0; h < horizon; h++) {
      powers[h] = row;
      double[] nextRow = new double[n];
      for (int j = 0; j < n; j++) for (int k = 0; k < n; k++) nextRow[j] += row[k] * a[k][j];
      row = nextRow;
    }
    double[] f = new double[horizon];
    double[][] g = new double[horizon][horizon * m];
    for (int h = 0; h < horizon; h++) {
      for (int k = 0; k < n; k++) f[h] += powers[h][k] * x0[k];
      for (int s = 0; s < h; s++) {
        double[] ca = powers[h - 1 - s];
        for (int j = 0; j < m; j++) {
          double v = 0;
          for (int k = 0; k < n; k++) v += ca[k] * b[k][j];
          g[h][s * m + j] = v;
        }
      }
      for (int j = 0; j < m; j++) g[h][h * m + j] = model.D()[kpi][j];
    }
    return new Prediction(f, g);
  }

  private static BoxBudgetQp program(Prediction prediction, Double level, double inputCost, BoxBudgetSet set) {
    double[][] g = prediction.g();
    int size = set.size();
    double[][] hessian = new double[size][size];
    double[] linear = new double[size];
    for (int h = 0; h < g.length; h++) {
      double residual = level == null ? 0 : prediction.f()[h] - level;
      for (int k = 0; k < size; k++) {
        if (g[h][k] == 0) continue;
        linear[k] += level == null ? -g[h][k] : 2 * g[h][k] * residual;
        if (level != null) for (int l = 0; l < size; l++) hessian[k][l] += 2 * g[h][k] * g[h][l];
      }
    }
    for (int k = 0; k < size; k++) hessian[k][k] += 2 * inputCost;
    return new BoxBudgetQp(hessian, linear, set);
  }

  /** Per-control limits repeated over the horizon; a missing min is 0, a missing max +infinity. */
  static BoxBudgetSet feasible(PlanConstraints constraints, int controls, int horizon) {
    double[] min = constraints == null || constraints.min() == null ? new double[controls] : constraints.min();
    double[] max = constraints == null || constraints.max() == null ? filled(controls, Double.POSITIVE_INFINITY)
        : constraints.max();
    double budget = constraints == null ? Double.POSITIVE_INFINITY : constraints.budget();
    if (min.length != controls) throw new IllegalArgumentException("constraints.min needs " + controls + " values");
    if (max.length != controls) throw new IllegalArgumentException("constraints.max needs " + controls + " values");
    double[] lo = new double[horizon * controls];
    double[] hi = new double[horizon * controls];
    for (int h = 0; h < horizon; h++) {
      for (int j = 0; j < controls; j++) {
        lo[h * controls + j] = min[j];
        hi[h * controls + j] = max[j];
      }
    }
    return new BoxBudgetSet(lo, hi, budget);
  }

  private static double[][] columns(KpiPanel panel, List<String> have, List<String> want, double[][] data, String what) {
    int[] index = new int[want.size()];
    for (int j = 0; j < want.size(); j++) {
      index[j] = have.indexOf(want.get(j));
      if (index[j] < 0) throw new IllegalArgumentException("history lacks the " + what + " " + want.get(j));
    }
    double[][] out = new double[panel.length()][want.size()];
    for (int t = 0; t < out.length; t++) for (int j = 0; j < index.length; j++) out[t][j] = data[t][index[j]];
    return out;
  }

  static double[] stack(double[][] inputs) {
    int m = inputs.length == 0 ? 0 : inputs[0].length;
    double[] out = new double[inputs.length * m];
    for (int h = 0; h < inputs.length; h++) System.arraycopy(inputs[h], 0, out, h * m, m);
    return out;
  }

  static double[][] unstack(double[] u, int horizon, int m) {
    double[][] out = new double[horizon][m];
    for (int h = 0; h < horizon; h++) System.arraycopy(u, h * m, out[h], 0, m);
    return out;
  }

  private static double[] filled(int n, double value) {
    double[] out = new double[n];
    Arrays.fill(out, value);
    return out;
  }
}
