package io.limbic.cluster.models;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.Recommendation;
import io.limbic.analytics.kpi.StateSpaceModel;
import io.limbic.analytics.kpi.Target;
import io.limbic.projections.kpi.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response bodies of the model API, the same for a direct answer and a job's result. A number that is not
 * finite (an R-squared of a constant KPI, a diverged log-likelihood) is written as null.
 */
public final class ModelJson {
  private ModelJson() {}

  public static Map<String, Object> estimated(ModelService.Estimated estimated) {
    Map<String, Object> body = version(estimated.version());
    StateSpaceModel m = estimated.fit().model();
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("A", matrix(m.A()));
    parameters.put("B", matrix(m.B()));
    parameters.put("C", matrix(m.C()));
    parameters.put("D", matrix(m.D()));
    parameters.put("Q", matrix(m.Q()));
    parameters.put("R", matrix(m.R()));
    parameters.put("mu1", matrix(m.mu1()));
    parameters.put("V1", matrix(m.V1()));
    parameters.put("diffuse", m.diffuse());
    body.put("kpis", estimated.fit().spec().kpis());
    body.put("controls", estimated.fit().spec().controls());
    body.put("parameters", parameters);
    body.put("logLikelihood", finite(estimated.fit().quality().logLikelihood()));
    body.put("iterations", estimated.fit().iterations());
    body.put("converged", estimated.fit().converged());
    body.put("quality", quality(estimated.fit().quality(), estimated.fit().spec().kpis()));
    body.put("notes", estimated.fit().notes());
    return body;
  }

  public static Map<String, Object> simulated(ModelService.Simulated simulated, ModelRequest.Simulate request) {
    Map<String, Object> body = version(simulated.version());
    body.put("horizonDays", request.horizonDays());
    body.put("paths", simulated.bands().paths());
    body.put("periodStarts", simulated.periods());
    body.put("controls", simulated.controls());
    body.put("inputs", matrix(simulated.inputs()));
    body.put("kpis", bands(simulated.bands(), simulated.kpis()));
    return body;
  }

  public static Map<String, Object> recommended(
      ModelService.Recommended recommended, ModelRequest.Recommend request) {
    Map<String, Object> body = version(recommended.version());
    Recommendation r = recommended.recommendation();
    body.put("horizonDays", request.horizonDays());
    body.put("target", target(request.target()));
    Map<String, Object> constraints = new LinkedHashMap<>();
    constraints.put("min", request.min());
    constraints.put("max", request.max());
    constraints.put("budget", finite(request.budget()));
    body.put("constraints", constraints);
    body.put("method", r.method());
    body.put("objective", finite(r.objective()));
    body.put("periodStarts", recommended.periods());
    body.put("controls", recommended.controls());
    body.put("plan", matrix(r.inputs()));
    body.put("predicted", bands(r.predicted(), recommended.kpis()));
    body.put("baseline", bands(r.baseline(), recommended.kpis()));
    return body;
  }

  private static Map<String, Object> target(Target target) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kpi", target.kpi());
    body.put("level", target.level());
    body.put("inputCost", target.inputCost());
    return body;
  }

  public static Map<String, Object> listed(String segment, List<ModelVersion> versions) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (segment != null) body.put("segment", segment);
    body.put("versions", versions.stream().map(ModelJson::version).toList());
    return body;
  }

  /** What identifies a version and what it was fitted on. */
  public static Map<String, Object> version(ModelVersion v) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("segment", v.segment());
    body.put("model", v.type());
    body.put("version", v.version());
    body.put("fittedAt", v.fittedAt());
    body.put("grain", v.grain());
    body.put("from", v.from());
    body.put("to", v.to());
    body.put("periods", v.periods());
    body.put("logLikelihood", v.logLikelihood());
    body.put("aic", v.aic());
    body.put("iterations", v.iterations());
    body.put("converged", v.converged());
    return body;
  }

  private static Map<String, Object> quality(FitQuality quality, List<String> kpis) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("logLikelihood", finite(quality.logLikelihood()));
    body.put("freeParameters", quality.freeParameters());
    body.put("aic", finite(quality.aic()));
    Map<String, Object> perKpi = new LinkedHashMap<>();
    for (int i = 0; i < kpis.size(); i++) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("rmse", i < quality.rmse().length ? finite(quality.rmse()[i]) : null);
      one.put("rSquared", i < quality.rSquared().length ? finite(quality.rSquared()[i]) : null);
      perKpi.put(kpis.get(i), one);
    }
    body.put("kpis", perKpi);
    return body;
  }

  /** Per KPI, per future period: the mean and the 50 % and 95 % bands. */
  private static Map<String, Object> bands(Bands bands, List<String> kpis) {
    Map<String, Object> perKpi = new LinkedHashMap<>();
    for (int i = 0; i < kpis.size(); i++) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("mean", column(bands.mean(), i));
      one.put("lower50", column(bands.lower50(), i));
      one.put("upper50", column(bands.upper50(), i));
      one.put("lower95", column(bands.lower95(), i));
      one.put("upper95", column(bands.upper95(), i));
      perKpi.put(kpis.get(i), one);
    }
    return perKpi;
  }

  private static List<Double> column(double[][] rows, int i) {
    List<Double> values = new ArrayList<>(rows.length);
    for (double[] row : rows) values.add(finite(row[i]));
    return values;
  }

  private static List<List<Double>> matrix(double[][] m) {
    List<List<Double>> rows = new ArrayList<>(m.length);
    for (double[] row : m) {
      List<Double> values = new ArrayList<>(row.length);
      for (double v : row) values.add(finite(v));
      rows.add(values);
    }
    return rows;
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
