package io.limbic.analytics.session.evaluation;

import java.util.Locale;

/**
 * How often calm or engaged traces are read as rage with high confidence, with a one-sided upper confidence bound so
 * that "0 of 3,000" is not mistaken for "never": the exact (Clopper-Pearson) bound, i.e. the largest rate under which
 * seeing at most {@code hits} false positives in {@code traces} still has probability at least 1 - level. With no hit
 * it is about 3 / traces at 95 %, so showing a rate below 0.1 % needs well over 3,000 traces.
 *
 * @param upperBound one-sided upper confidence bound on the rate at {@code level}
 */
public record RageFalsePositives(int traces, int hits, double minConfidence, double level, double upperBound) {

  public static RageFalsePositives of(int traces, int hits, double minConfidence, double level) {
    if (traces < 1 || hits < 0 || hits > traces) throw new IllegalArgumentException("need 0 <= hits <= traces > 0");
    return new RageFalsePositives(traces, hits, minConfidence, level, upperBound(hits, traces, 1 - level));
  }

  public double rate() {
    return (double) hits / traces;
  }

  /** The p with P(X <= hits | traces, p) = alpha, by bisection (the tail falls monotonically in p). */
  static double upperBound(int hits, int traces, double alpha) {
    if (hits == traces) return 1;
    double lo = (double) hits / traces;
    double hi = 1;
    for (int it = 0; it < 100; it++) {
      double mid = (lo + hi) / 2;
      if (binomialCdf(hits, traces, mid) > alpha) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** P(X <= k) for X ~ Binomial(n, p), summed in log space so large n does not underflow the first term. */
  static double binomialCdf(int k, int n, double p) {
    if (p <= 0) return 1;
    if (p >= 1) return k >= n ? 1 : 0;
    double logTerm = n * Math.log1p(-p);
    double logRatio = Math.log(p) - Math.log1p(-p);
    double sum = 0;
    for (int i = 0; i <= k; i++) {
      sum += Math.exp(logTerm);
      logTerm += Math.log((double) (n - i) / (i + 1)) + logRatio;
    }
    return Math.min(1, sum);
  }

  public String format() {
    return String.format(Locale.ROOT,
        "rage at confidence >= %.2f on calm+engaged: %d of %d (%.4f %%), one-sided %.0f %% upper bound %.4f %%%n",
        minConfidence, hits, traces, 100 * rate(), 100 * level, 100 * upperBound);
  }
}
