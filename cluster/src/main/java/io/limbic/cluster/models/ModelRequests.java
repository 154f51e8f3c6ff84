package io.limbic.cluster.models;

import io.limbic.projections.kpi.Grain;
import static io.limbic.projections.kpi.ModelLimits.*;

import io.limbic.projections.kpi.ModelLimits;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.StateSpaceModel;
import io.limbic.analytics.kpi.Target;
import io.limbic.projections.kpi.ModelVersionRepository;
import io.limbic.protocol.http.JsonFields;
import io.limbic.protocol.http.TimeBounds;
import io.limbic.protocol.http.Validated;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the model requests (README "Model API"). Every object refuses fields it does not know, every
 * number must be finite and within {@link ModelLimits#MAX_MAGNITUDE}, and the first problem found is thrown as an
 * {@link InvalidModelRequest} naming the field. What depends on a stored version (input widths, KPI names of a
 * target) is checked by {@link ModelService} once the version is read.
 */
public final class ModelRequests {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Set<String> GRAINS = Set.of("day", "hour");
  // A fit's period range may reach a day ahead, so "to" can be the end of today.
  private static final TimeBounds PERIOD_BOUNDS = new TimeBounds(null, TimeBounds.HISTORY_FLOOR, Duration.ofDays(1));
  /** The range fitted when a request names none: this long, ending at the start of today (UTC). */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(180);
  /** Where periods start when inline data gives none: period t is day t after this. */
  public static final Instant INLINE_EPOCH = Instant.EPOCH;

  private ModelRequests() {}

  public static ModelRequest.Estimate estimate(JsonNode body, Set<String> types, Instant now) {
    object(body, "the body");
    only(body, "the body", "segment", "model", "from", "to", "grain", "data");
    String grain = optionalText(body, "grain", "day");
    if (!GRAINS.contains(grain)) throw invalid("invalid_field", "grain must be day or hour");
    ModelSpec spec = spec(body.get("model"), types);
    if (present(body.get("data"))) {
      for (String field : List.of("from", "to")) {
        if (present(body.get(field))) throw invalid("invalid_field", field + " is not allowed with inline data");
      }
      String segment = present(body.get("segment")) ? segment(body) : INLINE_SEGMENT;
      return new ModelRequest.Estimate(segment, spec, grain, null, null, data(body.get("data"), spec, grain));
    }
    String segment = segment(body);
    // Without a range: the last 180 days (31 days by the hour) up to the start of today, so a schedule can send the
    // same request every night. The read model answers at most Grain.maxPeriods() periods per query.
    Grain periods = Grain.of(grain).orElseThrow();
    Instant to = present(body.get("to")) ? get(JsonFields.requiredTime(body, "to", now, PERIOD_BOUNDS))
        : now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    Instant from = present(body.get("from")) ? get(JsonFields.requiredTime(body, "from", now, PERIOD_BOUNDS))
        : to.minus(periods == Grain.DAY ? DEFAULT_WINDOW : Duration.ofDays(31));
    if (!from.isBefore(to)) throw invalid("invalid_range", "from must be before to");
    Duration step = ModelVersionRepository.step(grain);
    if (Duration.between(from, to).dividedBy(step) > periods.maxPeriods()) {
      throw invalid("too_many_periods",
          "from..to spans more than " + periods.maxPeriods() + " periods of a " + grain + " (the KPI read model's limit)");
    }
    return new ModelRequest.Estimate(segment, spec, grain, from, to, null);
  }

  public static ModelRequest.Simulate simulate(JsonNode body) {
    object(body, "the body");
    only(body, "the body", "segment", "model", "version", "horizonDays", "inputs", "paths", "seed");
    String segment = segment(body);
    String type = type(body);
    Integer version = version(body);
    int horizon = horizon(body);
    int paths = present(body.get("paths")) ? (int) whole(body.get("paths"), "paths", 1, MAX_PATHS) : DEFAULT_PATHS;
    double[][] inputs = present(body.get("inputs")) ? rows(body.get("inputs"), "inputs", -1) : new double[0][];
    if (inputs.length > horizon * 24) {
      throw invalid("invalid_field", "inputs has more rows than the horizon has periods");
    }
    Long seed = present(body.get("seed")) ? whole(body.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE) : null;
    return new ModelRequest.Simulate(segment, type, version, horizon, inputs, paths, seed);
  }

  public static ModelRequest.Recommend recommend(JsonNode body) {
    object(body, "the body");
    only(body, "the body", "segment", "model", "version", "target", "horizonDays", "constraints");
    String segment = segment(body);
    String type = type(body);
    Integer version = version(body);
    int horizon = horizon(body);
    JsonNode target = body.get("target");
    if (!present(target)) throw invalid("missing_field", "target is required");
    object(target, "target");
    only(target, "target", "kpi", "level", "inputCost");
    String kpi = name(target.get("kpi"), "target.kpi");
    Double level = present(target.get("level")) ? number(target.get("level"), "target.level") : null;
    double inputCost = present(target.get("inputCost"))
        ? get(JsonFields.finite(target.get("inputCost"), "target.inputCost", 0, MAX_MAGNITUDE))
        : DEFAULT_INPUT_COST;
    JsonNode constraints = body.get("constraints");
    if (!present(constraints)) throw invalid("missing_field", "constraints is required");
    object(constraints, "constraints");
    only(constraints, "constraints", "min", "max", "budget");
    double[] min = vector(constraints.get("min"), "constraints.min");
    double[] max = vector(constraints.get("max"), "constraints.max");
    if (min.length != max.length) {
      throw invalid("dimension_mismatch", "constraints.min and constraints.max need one value per control each");
    }
    for (int j = 0; j < min.length; j++) {
      if (min[j] > max[j]) throw invalid("invalid_range", "constraints.min[" + j + "] exceeds constraints.max[" + j + "]");
    }
    double budget = present(constraints.get("budget"))
        ? get(JsonFields.finite(constraints.get("budget"), "constraints.budget", -MAX_MAGNITUDE, MAX_MAGNITUDE))
        : Double.POSITIVE_INFINITY;
    return new ModelRequest.Recommend(segment, type, version, new Target(kpi, level, inputCost), horizon, min, max,
        budget);
  }

  /** The model of an estimate: type, sizes, names, free and fixed parameters, start, iteration limits. */
  static ModelSpec spec(JsonNode model, Set<String> types) {
    if (!present(model)) throw invalid("missing_field", "model is required");
    object(model, "model");
    only(model, "model", "type", "states", "kpis", "controls", "free", "fixed", "init", "maxIterations", "tolerance");
    String type = text(model, "model.type");
    if (!types.contains(type)) {
      throw invalid("unknown_model_type", "model.type " + type + " is not one of " + new java.util.TreeSet<>(types));
    }
    int n = (int) whole(model.get("states"), "model.states", 1, MAX_STATES);
    List<String> kpis = names(model.get("kpis"), "model.kpis", 1, MAX_KPIS);
    List<String> controls = present(model.get("controls"))
        ? names(model.get("controls"), "model.controls", 0, MAX_CONTROLS) : List.of();
    List<String> free = present(model.get("free")) ? names(model.get("free"), "model.free", 0, 8) : List.of();
    for (String name : free) {
      if (!StateSpaceModel.PARAMETERS.contains(name)) {
        throw invalid("unknown_parameter", "model.free names " + name + "; parameters are " + StateSpaceModel.PARAMETERS);
      }
    }
    Map<String, double[][]> fixed = fixed(model.get("fixed"), n, kpis.size(), controls.size());
    String init = optionalText(model, "init", "diffuse");
    ModelSpec.Init start = switch (init) {
      case "diffuse" -> ModelSpec.Init.DIFFUSE;
      case "given" -> ModelSpec.Init.GIVEN;
      default -> throw invalid("invalid_field", "model.init must be diffuse or given");
    };
    if (start == ModelSpec.Init.GIVEN) {
      for (String name : List.of("mu1", "V1")) {
        if (!fixed.containsKey(name) && !free.contains(name)) {
          throw invalid("missing_field", "model.init given needs model.fixed." + name + " (or " + name + " free)");
        }
      }
    }
    int iterations = present(model.get("maxIterations"))
        ? (int) whole(model.get("maxIterations"), "model.maxIterations", 1, MAX_ITERATIONS) : DEFAULT_ITERATIONS;
    double tolerance = present(model.get("tolerance"))
        ? get(JsonFields.finite(model.get("tolerance"), "model.tolerance", 0, 1)) : DEFAULT_TOLERANCE;
    if (!(tolerance > 0)) throw invalid("invalid_field", "model.tolerance must be greater than 0");
    return new ModelSpec(type, n, kpis, controls, new LinkedHashSet<>(free), fixed, start, iterations, tolerance);
  }

  private static Map<String, double[][]> fixed(JsonNode fixed, int n, int p, int m) {
    Map<String, double[][]> matrices = new HashMap<>();
    if (!present(fixed)) return matrices;
    object(fixed, "model.fixed");
    Map<String, int[]> shapes = Map.of("A", new int[] {n, n}, "B", new int[] {n, m}, "C", new int[] {p, n},
        "D", new int[] {p, m}, "Q", new int[] {n, n}, "R", new int[] {p, p}, "mu1", new int[] {n, 1},
        "V1", new int[] {n, n});
    for (var fields = fixed.fields(); fields.hasNext(); ) {
      var field = fields.next();
      int[] shape = shapes.get(field.getKey());
      String label = "model.fixed." + field.getKey();
      if (shape == null) {
        throw invalid("unknown_parameter", label + " is not a parameter; parameters are " + StateSpaceModel.PARAMETERS);
      }
      double[][] matrix = rows(field.getValue(), label, shape[1]);
      if (matrix.length != shape[0]) {
        throw invalid("dimension_mismatch", label + " must be " + shape[0] + " x " + shape[1]
            + " (states " + n + ", kpis " + p + ", controls " + m + ")");
      }
      if (Set.of("Q", "R", "V1").contains(field.getKey())) covariance(matrix, label);
      matrices.put(field.getKey(), matrix);
    }
    return matrices;
  }

  private static void covariance(double[][] matrix, String label) {
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i][i] < 0) throw invalid("invalid_field", label + " is a covariance: its diagonal cannot be negative");
      for (int j = 0; j < i; j++) {
        double a = matrix[i][j];
        double b = matrix[j][i];
        if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
          throw invalid("invalid_field", label + " is a covariance: it must be symmetric");
        }
      }
    }
  }

  /** Inline data: {@code y} one row per period with one number (or null for missing) per KPI, {@code u} likewise. */
  private static KpiPanel data(JsonNode data, ModelSpec spec, String grain) {
    object(data, "data");
    only(data, "data", "periods", "y", "u");
    JsonNode y = data.get("y");
    if (!present(y) || !y.isArray()) throw invalid("missing_field", "data.y is required: one row per period");
    int periods = y.size();
    if (periods < MIN_PERIODS || periods > MAX_PERIODS) {
      throw invalid("too_many_periods", "data.y needs " + MIN_PERIODS + " to " + MAX_PERIODS + " rows");
    }
    int p = spec.kpis().size();
    int m = spec.controls().size();
    double[][] ys = new double[periods][p];
    for (int t = 0; t < periods; t++) {
      JsonNode row = y.get(t);
      String label = "data.y[" + t + "]";
      if (!row.isArray() || row.size() != p) throw invalid("dimension_mismatch", label + " needs " + p + " values");
      for (int i = 0; i < p; i++) {
        ys[t][i] = row.get(i).isNull() ? Double.NaN : number(row.get(i), label + "[" + i + "]");
      }
    }
    double[][] us;
    if (present(data.get("u"))) {
      us = rows(data.get("u"), "data.u", m);
      if (us.length != periods) throw invalid("dimension_mismatch", "data.u needs one row per row of data.y");
    } else if (m == 0) {
      us = new double[periods][0];
    } else {
      throw invalid("missing_field", "data.u is required when the model has controls");
    }
    return new KpiPanel(periods(data.get("periods"), periods, grain), spec.kpis(), spec.controls(), ys, us);
  }

  private static List<Instant> periods(JsonNode given, int count, String grain) {
    Duration step = ModelVersionRepository.step(grain);
    List<Instant> periods = new ArrayList<>(count);
    if (!present(given)) {
      for (int t = 0; t < count; t++) periods.add(INLINE_EPOCH.plus(step.multipliedBy(t)));
      return periods;
    }
    if (!given.isArray() || given.size() != count) {
      throw invalid("dimension_mismatch", "data.periods needs one timestamp per row of data.y");
    }
    for (int t = 0; t < count; t++) {
      Instant at = instant(given.get(t), "data.periods[" + t + "]");
      if (t > 0 && !at.isAfter(periods.get(t - 1))) throw invalid("invalid_field", "data.periods must increase");
      periods.add(at);
    }
    return periods;
  }

  private static Instant instant(JsonNode node, String field) {
    if (!node.isTextual()) throw invalid("invalid_field", field + " must be an ISO-8601 timestamp string");
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid("invalid_field", field + " must be an ISO-8601 timestamp with offset, e.g. 2026-01-01T00:00:00Z");
    }
  }

  /** An array of rows of numbers, each of {@code width} values ({@code -1}: any width, the same for every row). */
  private static double[][] rows(JsonNode node, String field, int width) {
    if (!node.isArray()) throw invalid("invalid_field", field + " must be an array of rows");
    if (node.size() > MAX_PERIODS) throw invalid("too_many_periods", field + " has more than " + MAX_PERIODS + " rows");
    double[][] rows = new double[node.size()][];
    for (int r = 0; r < node.size(); r++) {
      rows[r] = vector(node.get(r), field + "[" + r + "]");
      int expected = width >= 0 ? width : rows[0].length;
      if (rows[r].length != expected) {
        throw invalid("dimension_mismatch", field + "[" + r + "] needs " + expected + " values");
      }
    }
    return rows;
  }

  private static double[] vector(JsonNode node, String field) {
    if (!present(node)) throw invalid("missing_field", field + " is required");
    if (!node.isArray()) throw invalid("invalid_field", field + " must be an array of numbers");
    if (node.size() > Math.max(MAX_STATES, MAX_KPIS)) throw invalid("invalid_field", field + " is too long");
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) values[i] = number(node.get(i), field + "[" + i + "]");
    return values;
  }

  private static double number(JsonNode node, String field) {
    return get(JsonFields.finite(node, field, -MAX_MAGNITUDE, MAX_MAGNITUDE));
  }

  private static long whole(JsonNode node, String field, long min, long max) {
    return get(JsonFields.whole(node, field, min, max));
  }

  private static String segment(JsonNode body) {
    return get(JsonFields.requiredId(body, "segment"));
  }

  private static String type(JsonNode body) {
    return present(body.get("model")) ? name(body.get("model"), "model") : DEFAULT_TYPE;
  }

  private static Integer version(JsonNode body) {
    return present(body.get("version")) ? (int) whole(body.get("version"), "version", 1, Integer.MAX_VALUE) : null;
  }

  private static int horizon(JsonNode body) {
    return (int) whole(body.get("horizonDays"), "horizonDays", 1, MAX_HORIZON_DAYS);
  }

  private static List<String> names(JsonNode node, String field, int min, int max) {
    if (!node.isArray()) throw invalid("invalid_field", field + " must be an array of names");
    if (node.size() < min || node.size() > max) {
      throw invalid("invalid_field", field + " needs " + min + " to " + max + " names");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String name = name(node.get(i), field + "[" + i + "]");
      if (names.contains(name)) throw invalid("invalid_field", field + " names " + name + " twice");
      names.add(name);
    }
    return names;
  }

  private static String name(JsonNode node, String field) {
    if (!present(node)) throw invalid("missing_field", field + " is required");
    if (!node.isTextual() || !NAME.matcher(node.asText()).matches()) {
      throw invalid("invalid_field", field + " must be 1..64 characters of [A-Za-z0-9_.:-]");
    }
    return node.asText();
  }

  private static String text(JsonNode obj, String field) {
    String key = field.substring(field.lastIndexOf('.') + 1);
    return name(obj.get(key), field);
  }

  private static String optionalText(JsonNode obj, String field, String fallback) {
    JsonNode node = obj.get(field);
    if (!present(node)) return fallback;
    if (!node.isTextual()) throw invalid("invalid_field", field + " must be a string");
    return node.asText();
  }

  private static void object(JsonNode node, String what) {
    if (!node.isObject()) throw invalid("invalid_body", what + " must be a JSON object");
  }

  private static void only(JsonNode obj, String what, String... allowed) {
    Set<String> known = Set.of(allowed);
    for (var names = obj.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) throw invalid("unknown_field", what + " has no field " + name);
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static <T> T get(Validated<T> checked) {
    if (checked instanceof Validated.Invalid<T> bad) throw invalid(bad.code(), bad.message());
    return checked.get();
  }

  private static InvalidModelRequest invalid(String code, String message) {
    return new InvalidModelRequest(code, message);
  }
}
