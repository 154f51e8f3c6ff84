package io.limbic.analytics.kpi.statespace;

import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.HashSet;
import java.util.Set;

/**
 * The general linear-Gaussian state-space model ({@code state_space}), fitted by {@link ExpectationMaximization}:
 * the spec's {@code free} parameters are estimated (all parameters not in {@code fixed} when it names none), the rest
 * held at {@code fixed} or at {@link StartingValues}. Defaults: 200 iterations, tolerance 1e-8 on the relative
 * change of the log-likelihood.
 */
public final class StateSpaceFamily implements KpiModelFamily {
  public static final String TYPE = "state_space";
  static final int DEFAULT_ITERATIONS = 200;
  static final double DEFAULT_TOLERANCE = 1e-8;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public FitResult fit(KpiPanel data, ModelSpec spec, Progress progress) {
    double[][] y = PanelColumns.kpis(data, spec.kpis());
    double[][] u = PanelColumns.controls(data, spec.controls());
    if (spec.states() < 1) throw new IllegalArgumentException("a state-space model needs at least one state");
    if (y.length < 2) throw new IllegalArgumentException("a state-space model needs at least two periods");
    int controls = u[0].length;
    StateSpaceModel start = StartingValues.of(spec, y, controls);
    Set<String> free = free(spec);
    int iterations = spec.maxIterations() > 0 ? spec.maxIterations() : DEFAULT_ITERATIONS;
    double tolerance = spec.tolerance() > 0 ? spec.tolerance() : DEFAULT_TOLERANCE;
    ExpectationMaximization.Result result =
        ExpectationMaximization.fit(start, free, y, u, iterations, tolerance, progress);
    return new FitResult(spec, result.model(), result.iterations(), result.converged(),
        OneStepQuality.of(result.model(), free, result.logLikelihood(), y, u),
        "linear-Gaussian state space fitted by EM over " + String.join(", ", sorted(free))
            + (result.model().diffuse() ? "; diffuse start" : "; given start")
            + (result.stopped() == null ? "" : "; " + result.stopped()));
  }

  static Set<String> free(ModelSpec spec) {
    Set<String> free = new HashSet<>(spec.free());
    for (String name : free) {
      if (!StateSpaceModel.PARAMETERS.contains(name)) {
        throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + StateSpaceModel.PARAMETERS);
      }
    }
    if (free.isEmpty()) {
      for (String name : StateSpaceModel.PARAMETERS) {
        if (!spec.fixed().containsKey(name)) free.add(name);
      }
    }
    return free;
  }

  private static java.util.List<String> sorted(Set<String> names) {
    return StateSpaceModel.PARAMETERS.stream().filter(names::contains).toList();
  }
}
