package io.limbic.analytics.kpi.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accuracy of stored or fresh predictions against their actuals; see {@link ForecastMetrics} for each metric. */
public final class BacktestMetrics {
  private BacktestMetrics() {}

  /** Metrics per KPI, in the order the KPIs first appear; predictions without an actual are left out. */
  public static Map<String, ForecastMetrics> byKpi(Collection<Prediction> predictions) {
    Map<String, List<Prediction>> groups = new LinkedHashMap<>();
    for (Prediction p : predictions) groups.computeIfAbsent(p.kpi(), k -> new ArrayList<>()).add(p);
    Map<String, ForecastMetrics> out = new LinkedHashMap<>();
    groups.forEach((kpi, list) -> out.put(kpi, of(list)));
    return out;
  }

  /** Metrics over all the given predictions (meant for one KPI) that have an actual. */
  public static ForecastMetrics of(Collection<Prediction> predictions) {
    List<Prediction> scored = predictions.stream().filter(Prediction::hasActual).toList();
    int n = scored.size();
    double[] predicted = new double[n];
    double[] actual = new double[n];
    double ape = 0;
    int apeCount = 0;
    double sape = 0;
    int directional = 0;
    int directionalHits = 0;
    int covered = 0;
    for (int i = 0; i < n; i++) {
      Prediction p = scored.get(i);
      predicted[i] = p.predicted();
      actual[i] = p.actual();
      double error = Math.abs(p.actual() - p.predicted());
      if (p.actual() != 0) {
        ape += error / Math.abs(p.actual());
        apeCount++;
      }
      double scale = Math.abs(p.actual()) + Math.abs(p.predicted());
      sape += scale == 0 ? 0 : 2 * error / scale;
      if (!Double.isNaN(p.reference())) {
        directional++;
        if (Math.signum(p.predicted() - p.reference()) == Math.signum(p.actual() - p.reference())) directionalHits++;
      }
      if (p.covered()) covered++;
    }
    return new ForecastMetrics(n,
        apeCount == 0 ? Double.NaN : ape / apeCount, n - apeCount,
        n == 0 ? Double.NaN : sape / n,
        directional == 0 ? Double.NaN : (double) directionalHits / directional,
        correlation(predicted, actual),
        n == 0 ? Double.NaN : (double) covered / n,
        rushDayRecall(predicted, actual));
  }

  /** Pearson correlation; NaN with fewer than two points or a constant series. */
  public static double correlation(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) return Double.NaN;
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx == 0 || syy == 0) return Double.NaN;
    return sxy / Math.sqrt(sxx * syy);
  }

  /**
   * Of the points whose actual is in the top decile of the actuals, the share whose predicted value is in the top
   * decile of the predicted values. NaN with fewer than 10 points.
   */
  public static double rushDayRecall(double[] predicted, double[] actual) {
    if (actual.length < 10) return Double.NaN;
    double actualCut = topDecileThreshold(actual);
    double predictedCut = topDecileThreshold(predicted);
    int rush = 0;
    int recalled = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] >= actualCut) {
        rush++;
        if (predicted[i] >= predictedCut) recalled++;
      }
    }
    return (double) recalled / rush;
  }

  /**
   * The least value of the top decile: the k-th largest value with k = ceil(n / 10); values tied with it are in the
   * top decile too.
   */
  public static double topDecileThreshold(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int k = (int) Math.ceil(sorted.length / 10.0);
    return sorted[sorted.length - k];
  }
}
