package io.limbic.analytics.session.realdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * The statistics of the real-data report: exact Poisson intervals for event rates, the area under the ROC curve
 * (Mann-Whitney, ties count half), Spearman's rank correlation, and percentile bootstrap intervals that resample
 * people rather than sessions (a person's sessions are not independent).
 */
final class Intervals {
  static final int BOOTSTRAP = 2_000;

  private Intervals() {}

  record Interval(double estimate, double low, double high) {}

  /** Exact (Garwood) 95 % interval for a Poisson mean, given {@code k} events. */
  static Interval poisson(int k) {
    double low = k == 0 ? 0 : bisect(l -> 1 - poissonCdf(k - 1, l) - 0.025, 0, k + 10 * Math.sqrt(k) + 10);
    double high = bisect(l -> 0.025 - poissonCdf(k, l), 0, k + 10 * Math.sqrt(k) + 10);
    return new Interval(k, low, high);
  }

  static double poissonCdf(int k, double lambda) {
    if (k < 0) return 0;
    // In log space: e^-lambda underflows for the hundreds of events a bad detector produces.
    double logTerm = -lambda;
    double sum = Math.exp(logTerm);
    for (int i = 1; i <= k; i++) {
      logTerm += Math.log(lambda) - Math.log(i);
      sum += Math.exp(logTerm);
    }
    return Math.min(1, sum);
  }

  /** Root of an increasing function on [lo, hi]. */
  private static double bisect(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
    for (int it = 0; it < 200; it++) {
      double mid = (lo + hi) / 2;
      if (f.applyAsDouble(mid) < 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  /** P(a random positive scores above a random negative), ties half; NaN if either side is empty. */
  static double auc(double[] positives, double[] negatives) {
    if (positives.length == 0 || negatives.length == 0) return Double.NaN;
    double wins = 0;
    for (double p : positives) {
      for (double n : negatives) wins += p > n ? 1 : p == n ? 0.5 : 0;
    }
    return wins / ((double) positives.length * negatives.length);
  }

  static double spearman(double[] a, double[] b) {
    return pearson(ranks(a), ranks(b));
  }

  /**
   * A statistic of a sample of people, with its percentile bootstrap 95 % interval over people drawn with
   * replacement (each draw keeps all sessions of the person drawn).
   */
  static <T> Interval byPerson(List<T> items, java.util.function.Function<T, String> person,
      ToDoubleFunction<List<T>> statistic, long seed) {
    Map<String, List<T>> people = new LinkedHashMap<>();
    for (T item : items) people.computeIfAbsent(person.apply(item), k -> new ArrayList<>()).add(item);
    List<List<T>> groups = new ArrayList<>(people.values());
    double estimate = statistic.applyAsDouble(items);
    Random random = new Random(seed);
    double[] draws = new double[BOOTSTRAP];
    int n = 0;
    for (int b = 0; b < BOOTSTRAP; b++) {
      List<T> sample = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) sample.addAll(groups.get(random.nextInt(groups.size())));
      double d = statistic.applyAsDouble(sample);
      if (!Double.isNaN(d)) draws[n++] = d;
    }
    if (n == 0) return new Interval(estimate, Double.NaN, Double.NaN);
    double[] sorted = Arrays.copyOf(draws, n);
    Arrays.sort(sorted);
    return new Interval(estimate, sorted[(int) Math.floor(0.025 * (n - 1))], sorted[(int) Math.ceil(0.975 * (n - 1))]);
  }

  private static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) order[i] = i;
    Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; ) {
      int j = i;
      while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) j++;
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) r[order[k]] = mid;
      i = j + 1;
    }
    return r;
  }

  private static double pearson(double[] a, double[] b) {
    int n = a.length;
    if (n < 3) return Double.NaN;
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }
}
