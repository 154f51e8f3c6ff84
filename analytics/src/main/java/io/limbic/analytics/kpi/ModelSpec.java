package io.limbic.analytics.kpi;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to fit: the model type ({@code state_space}, {@code rc_retention}, {@code ohm_simple}), its number of states,
 * the KPIs it explains and the controls it takes, the parameters EM estimates ({@code free}, names from
 * {@link StateSpaceModel#PARAMETERS}) with the rest held at {@code fixed} (or the family's starting values), and
 * whether x(1) is diffuse or given by {@code fixed.mu1}/{@code fixed.V1}.
 */
public record ModelSpec(
    String type, int states, List<String> kpis, List<String> controls, Set<String> free,
    Map<String, double[][]> fixed, Init init, int maxIterations, double tolerance) {

  public enum Init { DIFFUSE, GIVEN }

  public ModelSpec {
    kpis = List.copyOf(kpis);
    controls = List.copyOf(controls);
    free = Set.copyOf(free);
    fixed = Map.copyOf(fixed);
  }
}
