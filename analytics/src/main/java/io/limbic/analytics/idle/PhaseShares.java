package io.limbic.analytics.idle;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The queue of a node's waiting idle-phase jobs, one lane per phase, that shares the phase threads' time equally
 * between the phases that have work: a backlog of costly deep phases cannot starve the cheap light ones, and a lone
 * phase gets every thread (start-time fair queuing, with phases as the flows).
 *
 * <p>Each lane counts the thread time its phase has had. The next job comes from the waiting lane that has had the
 * least; on a tie, the deeper phase. A job is charged its lane's mean run time when it starts and corrected to its
 * real time when it ends, so jobs already running count before they finish. A lane that had nothing queued or
 * running banks no credit: when work reaches it again, its count is raised to the count the last started job's
 * lane had (the queue's virtual time). Within a lane, jobs wait in the order the comparator gives.
 *
 * <p>Not thread-safe: one owner (the node's work governor). Times are in nanoseconds from the owner's clock.
 */
public final class PhaseShares<J> {
  /** Weight of the newest run time in a lane's mean. */
  static final double MEAN_WEIGHT = 0.2;

  private final PriorityQueue<J>[] lanes;
  private final double[] used;
  private final double[] meanRun;
  private final int[] running;
  /** The count of the lane the last job started from, before its charge: never decreases. */
  private double virtualTime;

  @SuppressWarnings("unchecked")
  public PhaseShares(int phases, Comparator<? super J> order) {
    if (phases < 1) throw new IllegalArgumentException("phases must be at least 1: " + phases);
    lanes = new PriorityQueue[phases];
    for (int p = 0; p < phases; p++) lanes[p] = new PriorityQueue<>(order);
    used = new double[phases];
    meanRun = new double[phases];
    running = new int[phases];
  }

  /** Queues a job of phase {@code phase} (1-based). */
  public void add(int phase, J job) {
    int lane = lane(phase);
    if (idle(lane)) used[lane] = Math.max(used[lane], virtualTime);
    lanes[lane].add(job);
  }

  /** Takes a queued job back (it was cancelled); false if it was not queued. */
  public boolean remove(int phase, J job) {
    return lanes[lane(phase)].remove(job);
  }

  /**
   * Starts the next job: takes it from its lane and charges the lane the mean run time of its phase.
   *
   * @return the job and what it was charged (give that back to {@link #ended}), or null when nothing waits
   */
  public Started<J> start() {
    int best = -1;
    for (int lane = lanes.length - 1; lane >= 0; lane--) {
      if (!lanes[lane].isEmpty() && (best < 0 || used[lane] < used[best])) best = lane;
    }
    if (best < 0) return null;
    J job = lanes[best].poll();
    virtualTime = Math.max(virtualTime, used[best]);
    running[best]++;
    used[best] += meanRun[best];
    return new Started<>(job, best + 1, meanRun[best]);
  }

  /** A started job ended (finished, failed or cancelled) after running {@code nanos}. */
  public void ended(Started<J> started, long nanos) {
    int lane = lane(started.phase());
    double run = Math.max(0, nanos);
    running[lane] = Math.max(0, running[lane] - 1);
    used[lane] += run - started.charged();
    meanRun[lane] = meanRun[lane] == 0 ? run : meanRun[lane] + MEAN_WEIGHT * (run - meanRun[lane]);
  }

  /**
   * Makes room for a job of {@code phase} in a full queue of {@code capacity}: when that phase holds less than its
   * share ({@code capacity / phases}), takes the last job (in lane order) from the phase that holds the most beyond
   * its share, and returns it (its owner must be told); null when the phase already holds its share or no phase is
   * beyond its own. So a backlog of one phase cannot fill the queue and turn every other phase away.
   */
  public J evictFor(int phase, int capacity) {
    int share = Math.max(1, capacity / lanes.length);
    if (lanes[lane(phase)].size() >= share) return null;
    int fullest = -1;
    for (int lane = 0; lane < lanes.length; lane++) {
      if (lanes[lane].size() > share && (fullest < 0 || lanes[lane].size() > lanes[fullest].size())) fullest = lane;
    }
    if (fullest < 0) return null;
    J last = null;
    Comparator<? super J> order = lanes[fullest].comparator();
    for (J job : lanes[fullest]) {
      if (last == null || order.compare(job, last) > 0) last = job;
    }
    lanes[fullest].remove(last);
    return last;
  }

  /** Jobs queued of one phase. */
  public int waiting(int phase) {
    return lanes[lane(phase)].size();
  }

  /** Jobs queued, over every phase. */
  public int waiting() {
    int waiting = 0;
    for (PriorityQueue<J> lane : lanes) waiting += lane.size();
    return waiting;
  }

  public boolean isEmpty() {
    return waiting() == 0;
  }

  /** A job taken from its lane, with the phase it belongs to and the time it was charged at its start. */
  public record Started<J>(J job, int phase, double charged) {}

  private boolean idle(int lane) {
    return lanes[lane].isEmpty() && running[lane] == 0;
  }

  private int lane(int phase) {
    if (phase < 1 || phase > lanes.length) {
      throw new IllegalArgumentException("phase " + phase + " is not in 1.." + lanes.length);
    }
    return phase - 1;
  }
}
