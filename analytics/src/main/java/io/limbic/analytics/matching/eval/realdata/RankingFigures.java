package io.limbic.analytics.matching.eval.realdata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figures of one person's ranking of their held-out partners, and their mean with a standard error over people.
 * Higher scores rank first; ties count half (the AUC is then the Mann-Whitney statistic).
 */
final class RankingFigures {
  private RankingFigures() {}

  /** P(a random positive outranks a random negative); NaN without at least one of each. */
  static double auc(Map<Integer, Double> scores, Set<Integer> positives) {
    double wins = 0;
    int pairs = 0;
    for (Map.Entry<Integer, Double> p : scores.entrySet()) {
      if (!positives.contains(p.getKey())) continue;
      for (Map.Entry<Integer, Double> n : scores.entrySet()) {
        if (positives.contains(n.getKey())) continue;
        pairs++;
        int c = Double.compare(p.getValue(), n.getValue());
        wins += c > 0 ? 1 : c == 0 ? 0.5 : 0;
      }
    }
    return pairs == 0 ? Double.NaN : wins / pairs;
  }

  /** Share of positives among the k best-scored (ties broken by id, so the figure is deterministic). */
  static double precisionAt(int k, Map<Integer, Double> scores, Set<Integer> positives) {
    List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(scores.entrySet());
    ranked.sort(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    int hits = 0;
    for (int i = 0; i < k; i++) if (positives.contains(ranked.get(i).getKey())) hits++;
    return hits / (double) k;
  }

  /** Mean and standard error of the mean of the non-NaN values. */
  record Estimate(double mean, double se, int n) {
    static Estimate of(List<Double> values) {
      List<Double> usable = values.stream().filter(v -> !v.isNaN()).toList();
      int n = usable.size();
      if (n == 0) return new Estimate(Double.NaN, Double.NaN, 0);
      double mean = usable.stream().mapToDouble(Double::doubleValue).sum() / n;
      double ss = usable.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
      return new Estimate(mean, n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN, n);
    }
  }

  /** Per-person differences a - b (both defined), for a paired standard error. */
  static List<Double> differences(List<Double> a, List<Double> b) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).isNaN() && !b.get(i).isNaN()) out.add(a.get(i) - b.get(i));
    }
    return out;
  }
}
