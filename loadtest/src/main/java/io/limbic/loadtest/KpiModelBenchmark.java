package io.limbic.loadtest;

import io.limbic.analytics.kpi.Bands;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import io.limbic.analytics.kpi.statespace.KalmanFilter;
import io.limbic.analytics.kpi.statespace.MonteCarloForecaster;
import io.limbic.analytics.kpi.statespace.StateSpaceFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The state-space benchmark (issue 12), no node: EM ({@link StateSpaceFamily}, every parameter free, diffuse start,
 * exactly {@code iterations} iterations) on {@code segments} segments of {@code days} days drawn from a known
 * 4-state, 3-KPI, 2-control model, one thread and then {@code threads} threads; the filter alone against
 * {@link PlainArrayKalmanFilter}; and {@link MonteCarloForecaster} with {@code paths} paths over {@code horizon}
 * days. Prints per-iteration cost, totals against the goals (all segments within 10 s, the simulation within 1 s)
 * and the EJML / plain-array ratio.
 *
 * <p>Arguments (key=value): segments=100 days=365 iterations=100 threads=(cores) paths=10000 horizon=90 repeats=5
 */
public final class KpiModelBenchmark {
  private static final List<String> KPIS = List.of("active_users", "sessions", "conversions");
  private static final List<String> CONTROLS = List.of("interventions", "campaigns");

  private KpiModelBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Options.parse(args);
    int segments = Integer.parseInt(opts.getOrDefault("segments", "100"));
    int days = Integer.parseInt(opts.getOrDefault("days", "365"));
    int iterations = Integer.parseInt(opts.getOrDefault("iterations", "100"));
    int threads = Integer.parseInt(opts.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
    int paths = Integer.parseInt(opts.getOrDefault("paths", "10000"));
    int horizon = Integer.parseInt(opts.getOrDefault("horizon", "90"));
    int repeats = Integer.parseInt(opts.getOrDefault("repeats", "5"));
    System.out.printf("state-space benchmark: EM on %d segments x %d days, 4 states, 3 KPIs, 2 controls, %d iterations;"
        + " Monte Carlo %d paths x %d days; %d cores%n", segments, days, iterations, paths, horizon,
        Runtime.getRuntime().availableProcessors());
    StateSpaceModel truth = truth();
    List<KpiPanel> panels = new ArrayList<>();
    for (int s = 0; s < segments; s++) panels.add(draw(truth, days, 1000 + s));
    ModelSpec spec = new ModelSpec("state_space", 4, KPIS, CONTROLS, Set.of(), Map.of(), ModelSpec.Init.DIFFUSE,
        iterations, 1e-300);
    StateSpaceFamily family = new StateSpaceFamily();

    // warm-up: JIT the whole path
    for (int s = 0; s < Math.min(5, segments); s++) family.fit(panels.get(s), spec, Progress.NONE);

    int sample = Math.min(10, segments);
    long start = System.nanoTime();
    int ran = 0;
    for (int s = 0; s < sample; s++) ran += family.fit(panels.get(s), spec, Progress.NONE).iterations();
    double singleSeconds = (System.nanoTime() - start) / 1e9;
    double perIterationMicros = singleSeconds * 1e6 / ran;
    System.out.printf("EM, one thread: %.1f ms per estimate, %.1f us per iteration (filter + smoother + M-step),"
        + " %.2f us per iteration-day (%d estimates, %d iterations)%n", singleSeconds * 1e3 / sample,
        perIterationMicros, perIterationMicros / days, sample, ran);

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    start = System.nanoTime();
    List<Future<FitResult>> fits = new ArrayList<>();
    for (KpiPanel panel : panels) fits.add(pool.submit(() -> family.fit(panel, spec, Progress.NONE)));
    double worstR2 = 1;
    int total = 0;
    for (Future<FitResult> fit : fits) {
      FitResult result = fit.get();
      total += result.iterations();
      for (double r2 : result.quality().rSquared()) worstR2 = Math.min(worstR2, r2);
    }
    double allSeconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    System.out.printf("EM, %d segments on %d threads: %.2f s (goal 10 s: %s), %d iterations, %.1f us per iteration"
        + " of wall time; worst one-step R2 over segments and KPIs %.3f%n", segments, threads, allSeconds,
        allSeconds <= 10 ? "met" : "NOT met", total, allSeconds * 1e6 / total, worstR2);

    // the filter alone: EJML against the plain-array baseline, same model (given start), same data
    KpiPanel panel = panels.get(0);
    StateSpaceModel given = new StateSpaceModel(truth.A(), truth.B(), truth.C(), truth.D(), truth.Q(), truth.R(),
        new double[4][1], scaledIdentity(4, 10), false);
    KalmanFilter ejml = new KalmanFilter(4, 3, 2, days);
    PlainArrayKalmanFilter plain = new PlainArrayKalmanFilter(given, days);
    double[] mu1 = new double[4];
    double[] v1 = flat(scaledIdentity(4, 10));
    int runs = 2000;
    double ejmlLogL = 0;
    double plainLogL = 0;
    for (int w = 0; w < runs; w++) {
      ejmlLogL = ejml.filter(given, panel.y(), panel.u());
      plainLogL = plain.run(panel.y(), panel.u(), mu1, v1);
    }
    start = System.nanoTime();
    for (int w = 0; w < runs; w++) ejmlLogL = ejml.filter(given, panel.y(), panel.u());
    double ejmlMicros = (System.nanoTime() - start) / 1e3 / runs;
    start = System.nanoTime();
    for (int w = 0; w < runs; w++) plainLogL = plain.run(panel.y(), panel.u(), mu1, v1);
    double plainMicros = (System.nanoTime() - start) / 1e3 / runs;
    System.out.printf("filter only, %d days: EJML %.1f us, plain arrays %.1f us, ratio %.2f; log-likelihoods %.9f vs"
        + " %.9f%n", days, ejmlMicros, plainMicros, ejmlMicros / plainMicros, ejmlLogL, plainLogL);

    // Monte Carlo from the fitted model of segment 0
    FitResult fitted = family.fit(panel, spec, Progress.NONE);
    double[][] inputs = new double[horizon][2];
    for (double[] row : inputs) Arrays.fill(row, 1);
    MonteCarloForecaster forecaster = new MonteCarloForecaster();
    forecaster.simulate(fitted, panel, inputs, paths, 1, Progress.NONE);
    double[] times = new double[repeats];
    Bands bands = null;
    for (int k = 0; k < repeats; k++) {
      start = System.nanoTime();
      bands = forecaster.simulate(fitted, panel, inputs, paths, k, Progress.NONE);
      times[k] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(times);
    start = System.nanoTime();
    Bands exact = forecaster.simulate(fitted, panel, inputs, 0, 1, Progress.NONE);
    double exactMillis = (System.nanoTime() - start) / 1e6;
    int last = horizon - 1;
    System.out.printf("Monte Carlo, %d paths x %d days: median %.0f ms, best %.0f ms, worst %.0f ms of %d (goal 1 s:"
        + " %s); exact bands %.2f ms; day %d KPI 0 mean %.1f vs exact %.1f, 95 %% [%.1f, %.1f] vs [%.1f, %.1f]%n",
        paths, horizon, times[repeats / 2], times[0], times[repeats - 1], repeats,
        times[repeats / 2] <= 1000 ? "met" : "NOT met", exactMillis, horizon, bands.mean()[last][0],
        exact.mean()[last][0], bands.lower95()[last][0], bands.upper95()[last][0], exact.lower95()[last][0],
        exact.upper95()[last][0]);
  }

  static StateSpaceModel truth() {
    return new StateSpaceModel(
        new double[][] {{0.95, 0.05, 0, 0}, {0, 0.9, 0.05, 0}, {0, 0, 0.8, 0.1}, {0, 0, 0, 0.7}},
        new double[][] {{0.5, 0}, {0.2, 0.3}, {0, 0.4}, {0.1, 0.1}},
        new double[][] {{1, 0.5, 0, 0}, {0, 1, 0.5, 0.2}, {0.3, 0, 1, 0.5}},
        new double[][] {{0.2, 0}, {0, 0.1}, {0.1, 0.1}},
        new double[][] {{0.3, 0.05, 0, 0}, {0.05, 0.2, 0, 0}, {0, 0, 0.2, 0}, {0, 0, 0, 0.1}},
        new double[][] {{0.5, 0, 0}, {0, 0.4, 0}, {0, 0, 0.3}},
        new double[4][1], scaledIdentity(4, 1), false);
  }

  /** Seeded draws from the model; controls are on with probability 0.3 on a day (a campaign or a send). */
  static KpiPanel draw(StateSpaceModel model, int days, long seed) {
    Random random = new Random(seed);
    double[][] y = new double[days][3];
    double[][] u = new double[days][2];
    double[] x = new double[4];
    List<Instant> periods = new ArrayList<>();
    Instant first = Instant.parse("2026-01-01T00:00:00Z");
    for (int t = 0; t < days; t++) {
      periods.add(first.plusSeconds(86_400L * t));
      for (int j = 0; j < 2; j++) u[t][j] = random.nextDouble() < 0.3 ? 1 : 0;
      for (int i = 0; i < 3; i++) {
        double s = Math.sqrt(model.R()[i][i]) * random.nextGaussian();
        for (int j = 0; j < 4; j++) s += model.C()[i][j] * x[j];
        for (int j = 0; j < 2; j++) s += model.D()[i][j] * u[t][j];
        y[t][i] = s;
      }
      double[] next = new double[4];
      for (int i = 0; i < 4; i++) {
        double s = Math.sqrt(model.Q()[i][i]) * random.nextGaussian();
        for (int j = 0; j < 4; j++) s += model.A()[i][j] * x[j];
        for (int j = 0; j < 2; j++) s += model.B()[i][j] * u[t][j];
        next[i] = s;
      }
      x = next;
    }
    return new KpiPanel(periods, KPIS, CONTROLS, y, u);
  }

  private static double[][] scaledIdentity(int n, double scale) {
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) out[i][i] = scale;
    return out;
  }

  private static double[] flat(double[][] matrix) {
    double[] out = new double[matrix.length * matrix[0].length];
    for (int i = 0; i < matrix.length; i++) System.arraycopy(matrix[i], 0, out, i * matrix[0].length, matrix[0].length);
    return out;
  }
}
