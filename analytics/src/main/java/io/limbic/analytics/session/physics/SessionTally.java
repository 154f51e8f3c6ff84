package io.limbic.analytics.session.physics;

/** Running sums over the whole session. */
final class SessionTally implements MotionSink {
  private int intervals;
  private double path;
  private double speedSum;
  private double maxSpeed;
  private int accels;
  private double accelSum;
  private int jerks;
  private double jerkSum;
  private int turns;
  private double curvatureSum;
  private final int[] bins = new int[MotionFigures.DIRECTION_BINS];
  private boolean hasStart;
  private double startX;
  private double startY;
  private int clicks;
  private int scrolls;
  private double scrollDistance;
  private int idleGaps;
  private long idleMs;

  @Override
  public void interval(long t, double lengthPx, double speedPxS, double fromX, double fromY) {
    if (!hasStart) {
      hasStart = true;
      startX = fromX;
      startY = fromY;
    }
    intervals++;
    path += lengthPx;
    speedSum += speedPxS;
    maxSpeed = Math.max(maxSpeed, speedPxS);
  }

  @Override
  public void acceleration(long t, double magnitude) {
    accels++;
    accelSum += magnitude;
  }

  @Override
  public void jerk(long t, double magnitude) {
    jerks++;
    jerkSum += magnitude;
  }

  @Override
  public void turn(long t, double curvatureRadPerPx, int bin) {
    turns++;
    curvatureSum += curvatureRadPerPx;
    bins[bin]++;
  }

  @Override
  public void click(long t) {
    clicks++;
  }

  @Override
  public void scroll(long t, double distancePx) {
    scrolls++;
    scrollDistance += distancePx;
  }

  @Override
  public void idle(long t, long gapMs) {
    idleGaps++;
    idleMs += gapMs;
  }

  @Override
  public MotionFigures figures(long now, double lastX, double lastY, long spanMs) {
    double straight = hasStart ? Math.hypot(lastX - startX, lastY - startY) : 0;
    return new MotionFigures(intervals, path, mean(speedSum, intervals), maxSpeed, mean(accelSum, accels),
        mean(jerkSum, jerks), mean(curvatureSum, turns), MotionFigures.entropyBits(bins, turns),
        MotionFigures.efficiency(straight, path), idleGaps, idleMs, clicks,
        MotionFigures.perSecond(clicks, spanMs), scrolls, scrollDistance,
        MotionFigures.perSecond(scrollDistance, spanMs));
  }

  private static double mean(double sum, int n) {
    return n == 0 ? 0 : sum / n;
  }
}
