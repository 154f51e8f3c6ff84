package io.limbic.loadtest;

import java.util.Map;

/**
 * What one load level measured, and whether it held the goal: the offered samples accepted (at least
 * {@value #MIN_ACHIEVED_SHARE} of the target), nothing failed, and detection p99 at most {@value #GOAL_P99_MS} ms.
 *
 * @param before the node's detection figures when the measured window began, null if unavailable
 * @param after the node's detection figures after the level, null if unavailable
 * @param generatorCores CPU the generator itself used during the window, in cores
 * @param nodeCpuSeconds the node's process CPU time during the window ({@code nodePid=}), -1 if not measured
 */
record LevelReport(
    LoadPlan plan, double offeredPerSecond, double achievedPerSecond, long worstSecond, LatencySummary ack,
    DetectionFigures before, DetectionFigures after, long pushes, long rejected, String firstRejection,
    Map<String, String> failures, long failureCount, double generatorCores, double nodeCpuSeconds) {
  static final double GOAL_P99_MS = 100;
  static final double MIN_ACHIEVED_SHARE = 0.95;

  boolean holds() {
    return achievedPerSecond >= MIN_ACHIEVED_SHARE * plan.targetPerSecond() && failures.isEmpty() && after != null
        && after.p99Ms() <= GOAL_P99_MS;
  }

  void print() {
    int ws = plan.streamingSessions();
    System.out.printf("level %d sessions (%d ws + %d http) x %.0f/s: target %,.0f/s sent %,.0f/s accepted %,.0f/s"
            + " (worst second %,d) | ack p50 %.1f ms p99 %.1f ms | detection %s | pushes %,d rejected %,d"
            + " failures %,d | generator %.2f cores | node %s | goal %s%n",
        plan.sessions(), ws, plan.sessions() - ws, plan.samplesPerSecond(), plan.targetPerSecond(),
        offeredPerSecond, achievedPerSecond, worstSecond, ack.p50Ms(), ack.p99Ms(), detection(), pushes, rejected,
        failureCount, generatorCores, nodeCpu(), holds() ? "held" : "missed");
    if (firstRejection != null) System.out.println("  first rejection: " + firstRejection);
    if (!failures.isEmpty()) System.out.println("  failures: " + failures);
  }

  /** The node's CPU in the window: per 1,000 samples accepted, and in cores. */
  private String nodeCpu() {
    if (nodeCpuSeconds < 0) return "cpu n/a";
    double samples = achievedPerSecond * plan.seconds();
    return String.format("cpu %.1f ms per 1,000 samples, %.2f cores",
        samples > 0 ? nodeCpuSeconds * 1_000_000 / samples : 0, nodeCpuSeconds / plan.seconds());
  }

  /** Count in the window, then percentiles since the node started (the endpoint does not reset). */
  private String detection() {
    if (after == null) return "n/a";
    long inWindow = before == null ? after.count() : after.count() - before.count();
    return String.format("%,d in window (%,d since start) p50 %.1f ms p99 %.1f ms max %.1f ms",
        inWindow, after.count(), after.p50Ms(), after.p99Ms(), after.maxMs());
  }
}
