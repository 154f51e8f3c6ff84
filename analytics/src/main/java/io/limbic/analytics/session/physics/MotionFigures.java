package io.limbic.analytics.session.physics;

/**
 * Kinematic and activity figures over one span (the whole session or the sliding window). Every value is finite;
 * quantities with nothing to average over are 0, and path efficiency with no path is 1 (nothing was wasted).
 *
 * @param intervals consecutive pairs of pointer samples (the denominator of the speed mean)
 * @param meanCurvatureRadPerPx mean over turns of |turning angle| / mean length of the two segments
 * @param directionEntropyBits Shannon entropy of signed turning angles in 8 bins (0 = straight, 3 = erratic)
 * @param pathEfficiency straight distance from the span's first to last point / path length, in [0, 1]
 * @param idleGaps gaps between consecutive samples of any type of at least the idle threshold
 * @param clickRatePerS clicks per second; spans shorter than 1 s count as 1 s so a single click is not a burst
 * @param scrollSpeedPxS scroll distance per second, same span rule
 */
public record MotionFigures(
    int intervals,
    double pathLengthPx,
    double meanSpeedPxS,
    double maxSpeedPxS,
    double meanAbsAccelPxS2,
    double meanAbsJerkPxS3,
    double meanCurvatureRadPerPx,
    double directionEntropyBits,
    double pathEfficiency,
    int idleGaps,
    long idleMs,
    int clicks,
    double clickRatePerS,
    int scrolls,
    double scrollDistancePx,
    double scrollSpeedPxS) {

  static final int DIRECTION_BINS = 8;

  static double entropyBits(int[] bins, int total) {
    if (total == 0) return 0;
    double h = 0;
    for (int count : bins) {
      if (count <= 0) continue;
      double p = (double) count / total;
      h -= p * Math.log(p) / Math.log(2);
    }
    return Math.max(0, h);
  }

  static double efficiency(double straightPx, double pathPx) {
    if (pathPx <= 0) return 1;
    return Math.min(1, straightPx / pathPx);
  }

  static double perSecond(double amount, long spanMs) {
    return amount * 1000.0 / Math.max(1000, spanMs);
  }
}
