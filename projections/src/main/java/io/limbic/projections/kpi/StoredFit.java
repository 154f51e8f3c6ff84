package io.limbic.projections.kpi;

import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored shape of a fit (column {@code fit_json}): the matrices by their API names, so the column reads the same
 * as the API's {@code parameters} and does not depend on how a record's accessors are named.
 */
record StoredFit(
    Map<String, double[][]> matrices, boolean diffuse, int iterations, boolean converged, FitQuality quality,
    String notes) {

  static StoredFit of(FitResult fit) {
    StateSpaceModel m = fit.model();
    Map<String, double[][]> matrices = new LinkedHashMap<>();
    matrices.put("A", m.A());
    matrices.put("B", m.B());
    matrices.put("C", m.C());
    matrices.put("D", m.D());
    matrices.put("Q", m.Q());
    matrices.put("R", m.R());
    matrices.put("mu1", m.mu1());
    matrices.put("V1", m.V1());
    return new StoredFit(matrices, m.diffuse(), fit.iterations(), fit.converged(), fit.quality(), fit.notes());
  }

  FitResult toFit(ModelSpec spec) {
    StateSpaceModel model = new StateSpaceModel(matrices.get("A"), matrices.get("B"), matrices.get("C"),
        matrices.get("D"), matrices.get("Q"), matrices.get("R"), matrices.get("mu1"), matrices.get("V1"), diffuse);
    return new FitResult(spec, model, iterations, converged, quality, notes);
  }
}
