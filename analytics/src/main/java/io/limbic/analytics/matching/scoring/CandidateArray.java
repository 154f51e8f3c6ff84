package io.limbic.analytics.matching.scoring;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * Candidates in order with the head of each one's {@link ScoringRow} side by side in one array: a pass over a pool
 * of 40,000 ({@link DailyMatches}) reads the heads front to back and reaches a candidate's own objects only for the
 * few whose ceiling beats the day's worst kept; read through the list of candidates, each one was three dependent
 * object reads, each a likely cache miss. The yes verdicts and decisions of all are counted as they come in, for
 * {@link MutualProbability#baseRate}.
 *
 * <p>A list that grows by {@link #add} and {@link #addFrom} and whose elements may be {@link #set}; no removal. Not
 * safe to change from two threads.
 */
public final class CandidateArray extends AbstractList<MatchCandidate> implements RandomAccess {
  private static final int HEAD = ScoringRow.HEAD;

  private MatchCandidate[] candidates;
  private double[] heads;
  private int size;
  private long yes;
  private long decisions;

  public CandidateArray(int capacity) {
    candidates = new MatchCandidate[Math.max(capacity, 1)];
    heads = new double[candidates.length * HEAD];
  }

  @Override
  public boolean add(MatchCandidate candidate) {
    room();
    candidates[size] = candidate;
    System.arraycopy(candidate.row().values, 0, heads, size * HEAD, HEAD);
    count(size++, 1);
    return true;
  }

  /** Adds the candidate at {@code i} of {@code other}, their head copied from there (their row is not read). */
  public void addFrom(CandidateArray other, int i) {
    room();
    candidates[size] = other.candidates[i];
    System.arraycopy(other.heads, i * HEAD, heads, size * HEAD, HEAD);
    count(size++, 1);
  }

  @Override
  public MatchCandidate set(int i, MatchCandidate candidate) {
    MatchCandidate was = get(i);
    count(i, -1);
    candidates[i] = candidate;
    System.arraycopy(candidate.row().values, 0, heads, i * HEAD, HEAD);
    count(i, 1);
    return was;
  }

  @Override
  public MatchCandidate get(int i) {
    if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
    return candidates[i];
  }

  @Override
  public int size() {
    return size;
  }

  /** The heads, {@link ScoringRow#HEAD} values per candidate, the i-th at {@code i * HEAD}; not to be changed. */
  double[] heads() {
    return heads;
  }

  /** Yes verdicts given and received by all, as {@link MutualProbability#baseRate} counts them. */
  long yes() {
    return yes;
  }

  long decisions() {
    return decisions;
  }

  private void count(int i, int sign) {
    yes += sign * (long) heads[i * HEAD + ScoringRow.YES_COUNT];
    decisions += sign * (long) heads[i * HEAD + ScoringRow.DECISION_COUNT];
  }

  private void room() {
    if (size < candidates.length) return;
    candidates = Arrays.copyOf(candidates, candidates.length * 2);
    heads = Arrays.copyOf(heads, candidates.length * HEAD);
  }
}
