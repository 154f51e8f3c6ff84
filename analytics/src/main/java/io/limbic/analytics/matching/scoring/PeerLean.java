package io.limbic.analytics.matching.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How people who decide like one person decided on another: user-based collaborative filtering on yes/no decisions,
 * the signal a person's few decisions about attributes cannot give (two people who said yes and no to the same
 * faces share a taste no profile field names).
 *
 * <pre>
 *   agreement(x, p) = pearson over the targets both decided on of (yes - rate) * n / (n + SHRINK)
 *   lean(x, y)      = sum over p who decided on y of agreement(x, p) * (yes(p -> y) - rate(p))
 *                     / (sum of |agreement(x, p)| + 1)
 * </pre>
 *
 * with rate the decider's Beta(2, 2)-shrunk yes rate ({@link CandidateHistory}). lean is about in [-1, 1], 0 with
 * no evidence; the +1 keeps one weak peer from speaking for everyone. Built per deep phase from the decisions around
 * the searcher's pool (the searcher's, the candidates' and those of the people who decided on them); agreements are
 * cached per pair, so an instance belongs to one job and one thread.
 */
public final class PeerLean {
  public static final double SHRINK = 4;
  public static final PeerLean NONE = new PeerLean(Map.of());

  private final Map<String, Map<String, Boolean>> given;
  private final Map<String, List<String>> decidersOf = new HashMap<>();
  private final Map<String, Double> rates = new HashMap<>();
  private final Map<String, Map<String, Double>> agreements = new HashMap<>();

  /** @param given decider -> (target -> said yes), the latest verdict per pair */
  public PeerLean(Map<String, Map<String, Boolean>> given) {
    this.given = given;
    given.forEach((decider, verdicts) -> {
      int yes = 0;
      for (Map.Entry<String, Boolean> v : verdicts.entrySet()) {
        decidersOf.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(decider);
        if (v.getValue()) yes++;
      }
      rates.put(decider, (yes + CandidateHistory.PRIOR_STRENGTH * CandidateHistory.PRIOR_RATE)
          / (verdicts.size() + CandidateHistory.PRIOR_STRENGTH));
    });
  }

  /** More than any {@link #lean}: the weighted mean of deviations from rates in (0, 1), over the weights plus 1. */
  public static final double ABOVE_ANY_LEAN = 1;

  /** Whether {@code id} has decided on anyone here: {@link #lean} with them as the decider is 0 otherwise. */
  public boolean decides(String id) {
    return !given.isEmpty() && given.containsKey(id);
  }

  /** Whether anyone here has decided on {@code id}: {@link #lean} with them as the receiver is 0 otherwise. */
  public boolean decidedOn(String id) {
    return !decidersOf.isEmpty() && decidersOf.containsKey(id);
  }

  /** How the people who decide like {@code decider} decided on {@code receiver}; 0 without evidence. */
  public double lean(String decider, String receiver) {
    if (decidersOf.isEmpty()) return 0; // no hashing of ids in a pool where nobody has decided
    List<String> peers = decidersOf.get(receiver);
    if (peers == null || !given.containsKey(decider)) return 0;
    double sum = 0, weight = 0;
    for (String p : peers) {
      if (p.equals(decider)) continue;
      double a = agreement(decider, p);
      if (a == 0) continue;
      sum += a * ((given.get(p).get(receiver) ? 1 : 0) - rates.get(p));
      weight += Math.abs(a);
    }
    return sum / (weight + 1);
  }

  /** The shrunk Pearson agreement of two deciders' verdicts on the targets both decided on. */
  double agreement(String x, String p) {
    Map<String, Double> cached = agreements.computeIfAbsent(x, k -> new HashMap<>());
    Double known = cached.get(p);
    if (known != null) return known;
    Map<String, Boolean> mine = given.get(x), theirs = given.get(p);
    double rx = rates.get(x), rp = rates.get(p), cross = 0, sx = 0, sp = 0;
    int n = 0;
    Map<String, Boolean> small = mine.size() <= theirs.size() ? mine : theirs;
    Map<String, Boolean> large = small == mine ? theirs : mine;
    for (Map.Entry<String, Boolean> v : small.entrySet()) {
      Boolean other = large.get(v.getKey());
      if (other == null) continue;
      boolean xYes = small == mine ? v.getValue() : other, pYes = small == mine ? other : v.getValue();
      double dx = (xYes ? 1 : 0) - rx, dp = (pYes ? 1 : 0) - rp;
      cross += dx * dp;
      sx += dx * dx;
      sp += dp * dp;
      n++;
    }
    double a = n == 0 || sx == 0 || sp == 0 ? 0 : cross / Math.sqrt(sx * sp) * n / (n + SHRINK);
    cached.put(p, a);
    return a;
  }
}
