package io.limbic.cluster.models;

import io.limbic.projections.kpi.ModelLimits;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.PlanConstraints;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.Recommendation;
import io.limbic.projections.kpi.FittedVersion;
import io.limbic.projections.kpi.ModelVersion;
import io.limbic.projections.kpi.ModelVersionRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Estimate, simulate and recommend for one tenant, shared by the direct routes and the jobs. Blocking (JDBC and
 * CPU): run it on the blocking dispatcher or a job thread.
 */
public final class ModelService {
  private final Map<String, KpiModelFamily> families = new LinkedHashMap<>();
  private final ModelComponents components;
  private final ModelVersionRepository versions;
  private final Clock clock;

  /** The result of an estimate: the stored version and the fit. */
  public record Estimated(ModelVersion version, FitResult fit) {}

  /** A simulation from a version: the inputs as applied (one row per period) and the bands. */
  public record Simulated(ModelVersion version, List<String> kpis, List<String> controls, List<Instant> periods,
      double[][] inputs, Bands bands) {}

  public record Recommended(ModelVersion version, List<String> kpis, List<String> controls, List<Instant> periods,
      Recommendation recommendation) {}

  public ModelService(ModelComponents components, ModelVersionRepository versions, Clock clock) {
    this.components = components;
    this.versions = versions;
    this.clock = clock;
    components.families().forEach(f -> families.put(f.type(), f));
  }

  public Set<String> types() {
    return families.keySet();
  }

  public Estimated estimate(String tenant, ModelRequest.Estimate request, Progress progress) throws SQLException {
    KpiModelFamily family = families.get(request.spec().type());
    if (family == null) throw new ModelsNotWired("no KPI model families are wired into this node yet");
    KpiPanel data = request.data() != null ? request.data() : fromReadModel(tenant, request);
    FitResult fit = family.fit(data, request.spec(), progress);
    if (fit.model().kpis() != data.kpis().size() || fit.model().controls() != data.controls().size()
        || fit.model().states() != request.spec().states()) {
      throw new IllegalStateException("family " + family.type() + " returned a model of the wrong size");
    }
    Instant fittedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ModelVersion version = versions.save(tenant, request.segment(), request.grain(), fit, data, fittedAt);
    return new Estimated(version, fit);
  }

  private KpiPanel fromReadModel(String tenant, ModelRequest.Estimate request) {
    if (components.series() == null) {
      throw new ModelsNotWired("the KPI read model is not wired into this node yet; send inline data instead");
    }
    KpiPanel data = components.series().panel(tenant, request.segment(), request.grain(), request.spec().kpis(),
        request.spec().controls(), request.from(), request.to());
    if (data.length() < ModelLimits.MIN_PERIODS) {
      throw new InvalidModelRequest("too_few_periods", "from..to holds " + data.length() + " periods; a fit needs "
          + ModelLimits.MIN_PERIODS);
    }
    return data;
  }

  /** Checks a simulate request against its version without running it (for async submission). */
  public void check(String tenant, ModelRequest.Simulate request) throws SQLException {
    FittedVersion fitted = version(tenant, request.segment(), request.type(), request.version());
    inputs(fitted, request.inputs(), horizon(fitted, request.horizonDays(), request.paths()));
  }

  public Simulated simulate(String tenant, ModelRequest.Simulate request, Progress progress) throws SQLException {
    if (components.forecaster() == null) throw new ModelsNotWired("no forecaster is wired into this node yet");
    FittedVersion fitted = version(tenant, request.segment(), request.type(), request.version());
    int horizon = horizon(fitted, request.horizonDays(), request.paths());
    double[][] inputs = inputs(fitted, request.inputs(), horizon);
    long seed = request.seed() != null ? request.seed() : defaultSeed(tenant, fitted.version());
    Bands bands = components.forecaster().simulate(fitted.fit(), fitted.history(), inputs, request.paths(), seed,
        progress);
    checkBands(bands, horizon, fitted.history().kpis().size());
    return new Simulated(fitted.version(), fitted.history().kpis(), fitted.history().controls(),
        future(fitted, horizon), inputs, bands);
  }

  /** Checks a recommend request against its version without running it (for async submission). */
  public void check(String tenant, ModelRequest.Recommend request) throws SQLException {
    FittedVersion fitted = version(tenant, request.segment(), request.type(), request.version());
    constraints(fitted, request, horizon(fitted, request.horizonDays(), 0));
  }

  public Recommended recommend(String tenant, ModelRequest.Recommend request, Progress progress)
      throws SQLException {
    if (components.planner() == null) throw new ModelsNotWired("no planner is wired into this node yet");
    FittedVersion fitted = version(tenant, request.segment(), request.type(), request.version());
    int horizon = horizon(fitted, request.horizonDays(), 0);
    PlanConstraints constraints = constraints(fitted, request, horizon);
    Recommendation plan = components.planner().recommend(fitted.fit(), fitted.history(), request.target(), horizon,
        constraints, progress);
    checkBands(plan.predicted(), horizon, fitted.history().kpis().size());
    checkBands(plan.baseline(), horizon, fitted.history().kpis().size());
    if (plan.inputs().length != horizon) throw new IllegalStateException("the planner's plan has the wrong length");
    return new Recommended(fitted.version(), fitted.history().kpis(), fitted.history().controls(),
        future(fitted, horizon), plan);
  }

  public List<ModelVersion> list(String tenant, String segment, String type) throws SQLException {
    return versions.list(tenant, segment, type);
  }

  private FittedVersion version(String tenant, String segment, String type, Integer version) throws SQLException {
    var found = version == null ? versions.latest(tenant, segment, type) : versions.find(tenant, segment, type, version);
    return found.orElseThrow(() -> new VersionNotFound(version == null
        ? "no fitted " + type + " model for segment " + segment + "; estimate one first"
        : "no version " + version + " of the " + type + " model for segment " + segment));
  }

  /** Periods to simulate: the horizon in days, in the version's grain. */
  private static int horizon(FittedVersion fitted, int days, int paths) {
    int periods = fitted.version().grain().equals("hour") ? days * 24 : days;
    if ((long) periods * paths > ModelLimits.MAX_PATH_PERIODS) {
      throw new InvalidModelRequest("too_large", "paths x simulated periods (" + (long) periods * paths
          + ") exceeds " + ModelLimits.MAX_PATH_PERIODS);
    }
    return periods;
  }

  /** One row per period: rows given first, then the last given row repeated; no rows at all means zeros. */
  static double[][] inputs(FittedVersion fitted, double[][] given, int horizon) {
    int m = fitted.history().controls().size();
    if (given.length > horizon) {
      throw new InvalidModelRequest("dimension_mismatch", "inputs has " + given.length + " rows; the horizon has "
          + horizon + " periods");
    }
    double[][] rows = new double[horizon][];
    for (int h = 0; h < horizon; h++) {
      if (given.length == 0) {
        rows[h] = new double[m];
        continue;
      }
      double[] row = given[Math.min(h, given.length - 1)];
      if (row.length != m) {
        throw new InvalidModelRequest("dimension_mismatch", "each row of inputs needs " + m + " values, one per control "
            + fitted.history().controls());
      }
      rows[h] = row.clone();
    }
    return rows;
  }

  private static PlanConstraints constraints(FittedVersion fitted, ModelRequest.Recommend request, int horizon) {
    List<String> controls = fitted.history().controls();
    if (controls.isEmpty()) {
      throw new InvalidModelRequest("no_controls", "this model has no controls, so there is no plan to recommend");
    }
    if (!fitted.history().kpis().contains(request.target().kpi())) {
      throw new InvalidModelRequest("unknown_kpi", "target.kpi " + request.target().kpi() + " is not one of the model's "
          + fitted.history().kpis());
    }
    if (request.min().length != controls.size()) {
      throw new InvalidModelRequest("dimension_mismatch", "constraints.min and constraints.max need one value per control "
          + controls);
    }
    double leastSpend = Arrays.stream(request.min()).sum() * horizon;
    if (request.budget() < leastSpend) {
      throw new InvalidModelRequest("infeasible", "constraints.budget " + request.budget()
          + " is below what the minimums spend over the horizon (" + leastSpend + ")");
    }
    return new PlanConstraints(request.min().clone(), request.max().clone(), request.budget());
  }

  private static List<Instant> future(FittedVersion fitted, int horizon) {
    List<Instant> periods = fitted.history().periods();
    Instant last = periods.get(periods.size() - 1);
    var step = ModelVersionRepository.step(fitted.version().grain());
    return java.util.stream.IntStream.rangeClosed(1, horizon).mapToObj(h -> last.plus(step.multipliedBy(h))).toList();
  }

  private static void checkBands(Bands bands, int horizon, int kpis) {
    for (double[][] part : List.of(bands.mean(), bands.lower95(), bands.lower50(), bands.upper50(), bands.upper95())) {
      if (part.length != horizon || (horizon > 0 && part[0].length != kpis)) {
        throw new IllegalStateException("the forecast has the wrong shape");
      }
    }
  }

  /** The same request to the same version gives the same paths unless a seed is named. */
  private static long defaultSeed(String tenant, ModelVersion version) {
    return Objects.hash(tenant, version.segment(), version.type(), version.version());
  }
}
