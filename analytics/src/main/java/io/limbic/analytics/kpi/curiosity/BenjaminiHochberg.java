package io.limbic.analytics.kpi.curiosity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini-Hochberg step-up procedure. The q-value of the hypothesis with the i-th smallest of m p-values is
 * min over j >= i of m p(j) / j (capped at 1); rejecting every hypothesis with q <= alpha is exactly BH at level
 * alpha, which keeps the expected share of false discoveries among discoveries at most alpha m0 / m for independent
 * or positively dependent p-values.
 */
public final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  public static double[] qValues(double[] p) {
    int m = p.length;
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] q = new double[m];
    double running = 1;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, p[i] * m / rank);
      q[i] = running;
    }
    return q;
  }

  public static boolean[] discoveries(double[] p, double alpha) {
    double[] q = qValues(p);
    boolean[] out = new boolean[q.length];
    for (int i = 0; i < q.length; i++) out[i] = q[i] <= alpha;
    return out;
  }
}
