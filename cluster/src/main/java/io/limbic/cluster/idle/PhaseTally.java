package io.limbic.cluster.idle;

import io.limbic.analytics.idle.IdleSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counters of idle-phase work per phase — of a whole node, or of one tenant on it — kept by the {@link WorkGovernor}
 * (one thread) as each job moves: accepted into the queue or refused, started (with its lag), then completed,
 * failed or halted. A tenant's lag histograms are made when its first job of the phase starts.
 */
final class PhaseTally {
  private final long[] queued;
  private final long[] running;
  private final long[] completed;
  private final long[] halted;
  private final long[] refused;
  private final long[] failed;
  private final LagHistogram[] lag;
  private Instant lastChange;

  PhaseTally(int phases, Instant now) {
    queued = new long[phases];
    running = new long[phases];
    completed = new long[phases];
    halted = new long[phases];
    refused = new long[phases];
    failed = new long[phases];
    lag = new LagHistogram[phases];
    lastChange = now;
  }

  void touch(Instant now) {
    lastChange = now;
  }

  Instant lastChange() {
    return lastChange;
  }

  /** Nothing of it queued or running: its figures may be dropped without losing track of work. */
  boolean isIdle() {
    for (int i = 0; i < queued.length; i++) if (queued[i] != 0 || running[i] != 0) return false;
    return true;
  }

  void accepted(int phase) {
    queued[phase - 1]++;
  }

  void refused(int phase) {
    refused[phase - 1]++;
  }

  /** Queued, then refused to make room for another phase's job. */
  void turnedAway(int phase) {
    queued[phase - 1]--;
    refused[phase - 1]++;
  }

  void droppedFromQueue(int phase) {
    queued[phase - 1]--;
    halted[phase - 1]++;
  }

  void started(int phase, Instant due, Instant now) {
    queued[phase - 1]--;
    running[phase - 1]++;
    if (lag[phase - 1] == null) lag[phase - 1] = LagHistogram.empty();
    lag[phase - 1].record(due, now);
  }

  void interrupted(int phase) {
    running[phase - 1]--;
    halted[phase - 1]++;
  }

  void completed(int phase) {
    running[phase - 1]--;
    completed[phase - 1]++;
  }

  void failed(int phase) {
    running[phase - 1]--;
    failed[phase - 1]++;
  }

  List<GovernorStatus.PhaseStatus> status() {
    List<GovernorStatus.PhaseStatus> list = new ArrayList<>(queued.length);
    for (int i = 0; i < queued.length; i++) {
      LagHistogram l = lag[i] == null ? LagHistogram.empty() : lag[i].copy();
      list.add(new GovernorStatus.PhaseStatus(i + 1, IdleSchedule.name(i + 1), queued[i], running[i], completed[i],
          halted[i], refused[i], failed[i], l));
    }
    return list;
  }
}
