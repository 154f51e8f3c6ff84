package io.limbic.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns the status readings of one idle run into figures: per phase the sustained completion rate, the lag, and when
 * every user had finished it; a timeline; and the deep phase's time per user from the gaps between daily-match
 * generations while deep jobs were queued.
 */
final class IdleBenchmarkReport {
  private static final long TIMELINE_STEP_NANOS = 10_000_000_000L;

  private final List<IdleBenchmarkStatus> readings;
  private final long startNanos;
  private final long startEpochMs;
  private final double windowSeconds;
  private final double[] thresholdsSeconds;
  private final int users;

  /**
   * @param startNanos the generator's nanoTime at the window start (the first user's {@code at})
   * @param startEpochMs the same instant on the wall clock
   */
  IdleBenchmarkReport(List<IdleBenchmarkStatus> readings, long startNanos, long startEpochMs, double windowSeconds,
      double[] thresholdsSeconds, int users) {
    this.readings = readings;
    this.startNanos = startNanos;
    this.startEpochMs = startEpochMs;
    this.windowSeconds = windowSeconds;
    this.thresholdsSeconds = thresholdsSeconds;
    this.users = users;
  }

  void printPhases() {
    IdleBenchmarkStatus last = readings.get(readings.size() - 1);
    System.out.printf(Locale.ROOT, "%-7s %9s %7s %7s %6s %12s %10s %10s %12s %22s%n", "phase", "completed", "refused",
        "halted", "failed", "sustained/s", "lag p50 s", "lag p99 s", "peak 10 s/s", "all done (after last due)");
    for (IdleBenchmarkStatus.Phase p : last.phases()) {
      double rate = sustainedRate(p.phase());
      double lastDue = windowSeconds + thresholdsSeconds[p.phase() - 1];
      double done = secondsUntil(p.phase(), users);
      String finished = Double.isNaN(done)
          ? String.format(Locale.ROOT, "not done: %d left", users - p.completed())
          : String.format(Locale.ROOT, "%.0f s (%+.0f s)", done, done - lastDue);
      System.out.printf(Locale.ROOT, "%-7s %9d %7d %7d %6d %12.1f %10.1f %10.1f %12.1f %22s%n",
          p.phase() + " " + p.name(), p.completed(), p.refused(), p.halted(), p.failed(), rate,
          p.lagP50Ms() / 1000, p.lagP99Ms() / 1000, peakRate(p.phase()), finished);
    }
    System.out.printf(Locale.ROOT, "all phases: %d completed, %.1f phases/s over the whole busy span (the per-phase "
        + "rates above are each over that phase's own span; they do not add up)%n", last.totalCompleted(),
        busySpanRate());
  }

  void printTimeline() {
    System.out.println("timeline (seconds from the first user's idle start; completed and queued per phase as the "
        + "status says; its queued undercounts, see deepWaiting):");
    long nextAt = startNanos;
    for (IdleBenchmarkStatus r : readings) {
      if (r.nanos() < nextAt) continue;
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %5.0f s", (r.nanos() - startNanos) / 1e9));
      for (IdleBenchmarkStatus.Phase p : r.phases()) {
        line.append(String.format(Locale.ROOT, "   p%d %7d done %6d queued", p.phase(), p.completed(), p.queued()));
      }
      line.append(String.format(Locale.ROOT, "   deep due, not done %6d", deepWaiting(r)));
      System.out.println(line);
      nextAt = r.nanos() + TIMELINE_STEP_NANOS;
    }
  }

  /** Seconds from the window start until {@code count} users had completed the phase; NaN if never. */
  double secondsUntil(int phase, long count) {
    for (IdleBenchmarkStatus r : readings) {
      if (r.completed(phase) >= count) return (r.nanos() - startNanos) / 1e9;
    }
    return Double.NaN;
  }

  /** Completions per second from the phase's first completion to its last (or to the end of the run). */
  double sustainedRate(int phase) {
    IdleBenchmarkStatus first = null;
    IdleBenchmarkStatus lastChange = null;
    long previous = readings.get(0).completed(phase);
    for (IdleBenchmarkStatus r : readings) {
      if (r.completed(phase) > previous) {
        if (first == null) first = before(r);
        lastChange = r;
      }
      previous = r.completed(phase);
    }
    if (first == null || lastChange == first) return Double.NaN;
    return (lastChange.completed(phase) - first.completed(phase)) / ((lastChange.nanos() - first.nanos()) / 1e9);
  }

  private double busySpanRate() {
    IdleBenchmarkStatus first = null;
    IdleBenchmarkStatus lastChange = null;
    long previous = readings.get(0).totalCompleted();
    for (IdleBenchmarkStatus r : readings) {
      if (r.totalCompleted() > previous) {
        if (first == null) first = before(r);
        lastChange = r;
      }
      previous = r.totalCompleted();
    }
    if (first == null || lastChange == first) return Double.NaN;
    return (lastChange.totalCompleted() - first.totalCompleted()) / ((lastChange.nanos() - first.nanos()) / 1e9);
  }

  private IdleBenchmarkStatus before(IdleBenchmarkStatus r) {
    int at = readings.indexOf(r);
    return at > 0 ? readings.get(at - 1) : r;
  }

  private double peakRate(int phase) {
    double peak = 0;
    int from = 0;
    for (int to = 0; to < readings.size(); to++) {
      while (readings.get(to).nanos() - readings.get(from).nanos() > TIMELINE_STEP_NANOS) from++;
      double seconds = (readings.get(to).nanos() - readings.get(from).nanos()) / 1e9;
      if (seconds >= TIMELINE_STEP_NANOS / 1e9 * 0.8) {
        peak = Math.max(peak, (readings.get(to).completed(phase) - readings.get(from).completed(phase)) / seconds);
      }
    }
    return peak;
  }

  /**
   * Milliseconds between consecutive daily-match generations when both fell in a stretch where deep jobs were
   * waiting at every reading: the node ran deep jobs back to back then (deeper phases go first), so with one phase
   * thread each gap is one job's time plus the hand-off between the governor and the entity.
   */
  long[] backloggedGaps(long[] generatedEpochMs) {
    List<long[]> spans = new ArrayList<>();
    long[] open = null;
    for (int i = 1; i < readings.size(); i++) {
      if (deepWaiting(readings.get(i - 1)) >= 2 && deepWaiting(readings.get(i)) >= 2) {
        long from = epochMs(readings.get(i - 1));
        long to = epochMs(readings.get(i));
        if (open != null && open[1] == from) open[1] = to;
        else spans.add(open = new long[] {from, to});
      } else {
        open = null;
      }
    }
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < generatedEpochMs.length; i++) {
      for (long[] span : spans) {
        if (generatedEpochMs[i - 1] >= span[0] && generatedEpochMs[i] <= span[1]) {
          gaps.add(generatedEpochMs[i] - generatedEpochMs[i - 1]);
          break;
        }
      }
    }
    return gaps.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Deep jobs due and not done: users past their medium phase whose deep phase has fallen due on the schedule, less
   * those finished. Computed, not read from the status's {@code queued}: the governor keys its queue by the entity's
   * job token, which restarts at 1 in every entity, so users' jobs collide there and {@code queued} undercounts.
   */
  long deepWaiting(IdleBenchmarkStatus r) {
    double sinceDue = (r.nanos() - startNanos) / 1e9 - thresholdsSeconds[thresholdsSeconds.length - 1];
    long due = sinceDue < 0 ? 0 : Math.min(users, (long) Math.floor(sinceDue / windowSeconds * users) + 1);
    int deep = thresholdsSeconds.length;
    return Math.min(r.completed(deep - 1), due) - r.completed(deep);
  }

  private long epochMs(IdleBenchmarkStatus r) {
    return startEpochMs + (r.nanos() - startNanos) / 1_000_000;
  }

  static double percentile(long[] values, double p) {
    if (values.length == 0) return Double.NaN;
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))];
  }
}
