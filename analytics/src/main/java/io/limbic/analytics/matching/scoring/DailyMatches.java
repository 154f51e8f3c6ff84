package io.limbic.analytics.matching.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A user's best matches of the day, picked from the candidates the index returned.
 *
 * <p>One pass with a bounded min-heap kept in two primitive arrays: O(candidates * log n) time and O(n) memory for
 * the heap (the scorer's {@link PeerLean} caches agreements per pair); only the n winners get their breakdown built. Ties keep the candidates' input order.
 * Once the heap is full, a candidate whose score's ceiling does not beat the worst kept one is passed over without
 * compat's term loops or peer lean ({@link ReciprocalScorer#scoreWithinDistance}): the answer is the same. From a
 * {@link CandidateArray} the ceilings are read from its heads, so such a candidate's objects are not read at all.
 */
public final class DailyMatches {
  public static final int DEFAULT_N = 10;
  /** How often the loop looks for a cancellation; a heartbeat must stop the deep phase within a few milliseconds. */
  private static final int CANCEL_CHECK_EVERY = 4096;

  private DailyMatches() {}

  public static List<ReciprocalScore> topN(Searcher searcher, List<MatchCandidate> candidates) {
    return topN(searcher, candidates, DEFAULT_N, MatchWeights.DEFAULT);
  }

  /**
   * The n best-scoring candidates that no hard filter excludes, best first.
   *
   * @throws CancellationException if the calling thread is interrupted meanwhile (the phase was halted)
   */
  public static List<ReciprocalScore> topN(
      Searcher searcher, List<MatchCandidate> candidates, int n, MatchWeights weights) {
    return topN(searcher, candidates, n, weights, PeerLean.NONE);
  }

  /** As {@link #topN(Searcher, List, int, MatchWeights)}, with the decisions around the pool ({@link PeerLean}). */
  public static List<ReciprocalScore> topN(
      Searcher searcher, List<MatchCandidate> candidates, int n, MatchWeights weights, PeerLean peers) {
    if (n <= 0) return List.of();
    ReciprocalScorer scorer = new ReciprocalScorer(searcher, weights,
        weights.mutual() == null ? CandidateHistory.PRIOR_RATE : MutualProbability.baseRate(candidates), peers);
    double[] heapScore = new double[n];
    int[] heapIndex = new int[n];
    int size = 0;
    CandidateArray array = candidates instanceof CandidateArray a ? a : null;
    for (int i = 0, count = candidates.size(); i < count; i++) {
      if (i % CANCEL_CHECK_EVERY == 0 && Thread.currentThread().isInterrupted()) {
        throw new CancellationException("daily matches for " + searcher.userId() + " halted");
      }
      // once the heap is full, a candidate must beat its worst: most are settled by their ceiling alone
      double floor = size == n ? heapScore[0] : -1;
      double score = array != null
          ? scorer.scoreWithinDistance(array, i, floor) : scorer.scoreWithinDistance(candidates.get(i), floor);
      if (score < 0 || (size == n && !(score > heapScore[0]))) continue;
      // the rules that need the candidate's id, only for those good enough to be kept
      if (scorer.excludedBeforeDistance(candidates.get(i))) continue;
      if (size < n) {
        heapScore[size] = score;
        heapIndex[size] = i;
        siftUp(heapScore, heapIndex, size++);
      } else {
        heapScore[0] = score;
        heapIndex[0] = i;
        siftDown(heapScore, heapIndex, size);
      }
    }
    int[] order = new int[size];
    for (int k = size - 1; k >= 0; k--) {
      order[k] = heapIndex[0];
      heapScore[0] = heapScore[k];
      heapIndex[0] = heapIndex[k];
      siftDown(heapScore, heapIndex, k);
    }
    List<ReciprocalScore> best = new ArrayList<>(size);
    for (int index : order) best.add(scorer.explain(candidates.get(index)));
    return List.copyOf(best);
  }

  /** Heap order: the root is the worst kept entry; a later candidate loses a tie. */
  private static boolean worse(double[] score, int[] index, int a, int b) {
    return score[a] < score[b] || (score[a] == score[b] && index[a] > index[b]);
  }

  private static void siftUp(double[] score, int[] index, int at) {
    while (at > 0) {
      int parent = (at - 1) / 2;
      if (!worse(score, index, at, parent)) return;
      swap(score, index, at, parent);
      at = parent;
    }
  }

  private static void siftDown(double[] score, int[] index, int size) {
    int at = 0;
    while (true) {
      int left = 2 * at + 1;
      if (left >= size) return;
      int child = left + 1 < size && worse(score, index, left + 1, left) ? left + 1 : left;
      if (!worse(score, index, child, at)) return;
      swap(score, index, at, child);
      at = child;
    }
  }

  private static void swap(double[] score, int[] index, int a, int b) {
    double s = score[a];
    score[a] = score[b];
    score[b] = s;
    int i = index[a];
    index[a] = index[b];
    index[b] = i;
  }
}
