package io.limbic.projections.insights;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.StateSpaceModel;
import io.limbic.projections.kpi.ModelLimits;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code model} object of a backtest request, as the model API spells it: type, states, kpis, controls, free,
 * fixed (matrices by name), init (diffuse or given), maxIterations, tolerance, within the model API's
 * {@link io.limbic.projections.kpi.ModelLimits}. Matrix shapes are checked by the family when it fits.
 */
final class ModelSpecJson {
  private ModelSpecJson() {}

  static ModelSpec parse(JsonNode model) {
    if (model == null || !model.isObject()) throw new IllegalArgumentException("model: required, an object");
    String type = InsightJson.text(model, "type", null);
    int states = InsightJson.integer(model, "states", 1, 1, ModelLimits.MAX_STATES);
    List<String> kpis = InsightJson.strings(model, "kpis", null);
    if (kpis.isEmpty() || kpis.size() > ModelLimits.MAX_KPIS) {
      throw new IllegalArgumentException("model.kpis: 1 to " + ModelLimits.MAX_KPIS + " KPIs");
    }
    List<String> controls = InsightJson.strings(model, "controls", List.of());
    if (controls.size() > ModelLimits.MAX_CONTROLS) {
      throw new IllegalArgumentException("model.controls: at most " + ModelLimits.MAX_CONTROLS);
    }
    Set<String> free = new HashSet<>(InsightJson.strings(model, "free", List.of()));
    for (String name : free) {
      if (!StateSpaceModel.PARAMETERS.contains(name)) {
        throw new IllegalArgumentException("model.free: unknown parameter '" + name + "'");
      }
    }
    Map<String, double[][]> fixed = new HashMap<>();
    JsonNode fixedNode = model.get("fixed");
    if (fixedNode != null && !fixedNode.isNull()) {
      if (!fixedNode.isObject()) throw new IllegalArgumentException("model.fixed: an object of matrices");
      for (Iterator<Map.Entry<String, JsonNode>> it = fixedNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!StateSpaceModel.PARAMETERS.contains(e.getKey())) {
          throw new IllegalArgumentException("model.fixed: unknown parameter '" + e.getKey() + "'");
        }
        fixed.put(e.getKey(), matrix(e.getKey(), e.getValue()));
      }
    }
    String init = InsightJson.text(model, "init", "diffuse");
    if (!init.equals("diffuse") && !init.equals("given")) throw new IllegalArgumentException("model.init: diffuse or given");
    int maxIterations = InsightJson.integer(model, "maxIterations", ModelLimits.DEFAULT_ITERATIONS, 1,
        ModelLimits.MAX_ITERATIONS);
    double tolerance = InsightJson.number(model, "tolerance", ModelLimits.DEFAULT_TOLERANCE, 1e-15, 1);
    return new ModelSpec(type, states, kpis, controls, free, fixed,
        init.equals("diffuse") ? ModelSpec.Init.DIFFUSE : ModelSpec.Init.GIVEN, maxIterations, tolerance);
  }

  private static double[][] matrix(String name, JsonNode node) {
    if (!node.isArray() || node.isEmpty()) throw new IllegalArgumentException("model.fixed." + name + ": rows of numbers");
    double[][] out = new double[node.size()][];
    for (int r = 0; r < out.length; r++) {
      JsonNode row = node.get(r);
      if (!row.isArray() || (r > 0 && row.size() != out[0].length)) {
        throw new IllegalArgumentException("model.fixed." + name + ": rows of equal length");
      }
      out[r] = new double[row.size()];
      for (int c = 0; c < row.size(); c++) {
        if (!row.get(c).isNumber()) throw new IllegalArgumentException("model.fixed." + name + ": numbers only");
        out[r][c] = row.get(c).asDouble();
      }
    }
    return out;
  }
}
