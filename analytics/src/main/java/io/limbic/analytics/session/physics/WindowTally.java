package io.limbic.analytics.session.physics;

/**
 * The same figures over the last {@code windowMs}: a quantity belongs to the window when the sample that completed
 * it is newer than now - windowMs (so an interval that started before the window but ended inside it counts).
 */
final class WindowTally implements MotionSink {
  private final long windowMs;
  private final WindowedSum path = new WindowedSum();
  private final WindowedSum speed = new WindowedSum();
  private final WindowedMax maxSpeed = new WindowedMax();
  private final WindowedSum fromX = new WindowedSum();
  private final WindowedSum fromY = new WindowedSum();
  private final WindowedSum accel = new WindowedSum();
  private final WindowedSum jerk = new WindowedSum();
  private final WindowedSum curvature = new WindowedSum();
  private final int[] bins = new int[MotionFigures.DIRECTION_BINS];
  private final TimedRing binRing = new TimedRing();
  private final WindowedSum clicks = new WindowedSum();
  private final WindowedSum scrolls = new WindowedSum();
  private final WindowedSum idle = new WindowedSum();

  WindowTally(long windowMs) {
    this.windowMs = windowMs;
  }

  @Override
  public void interval(long t, double lengthPx, double speedPxS, double x0, double y0) {
    path.add(t, lengthPx);
    speed.add(t, speedPxS);
    maxSpeed.add(t, speedPxS);
    fromX.add(t, x0);
    fromY.add(t, y0);
  }

  @Override
  public void acceleration(long t, double magnitude) {
    accel.add(t, magnitude);
  }

  @Override
  public void jerk(long t, double magnitude) {
    jerk.add(t, magnitude);
  }

  @Override
  public void turn(long t, double curvatureRadPerPx, int bin) {
    curvature.add(t, curvatureRadPerPx);
    binRing.addLast(t, bin);
    bins[bin]++;
  }

  @Override
  public void click(long t) {
    clicks.add(t, 1);
  }

  @Override
  public void scroll(long t, double distancePx) {
    scrolls.add(t, distancePx);
  }

  @Override
  public void idle(long t, long gapMs) {
    idle.add(t, gapMs);
  }

  void evictThrough(long cutoff) {
    path.evictThrough(cutoff);
    speed.evictThrough(cutoff);
    maxSpeed.evictThrough(cutoff);
    fromX.evictThrough(cutoff);
    fromY.evictThrough(cutoff);
    accel.evictThrough(cutoff);
    jerk.evictThrough(cutoff);
    curvature.evictThrough(cutoff);
    while (!binRing.isEmpty() && binRing.firstTime() <= cutoff) {
      bins[(int) binRing.firstValue()]--;
      binRing.removeFirst();
    }
    clicks.evictThrough(cutoff);
    scrolls.evictThrough(cutoff);
    idle.evictThrough(cutoff);
  }

  @Override
  public MotionFigures figures(long now, double lastX, double lastY, long spanMs) {
    evictThrough(now - windowMs);
    long span = Math.min(spanMs, windowMs);
    double straight = path.count() == 0 ? 0
        : Math.hypot(lastX - fromX.oldest(lastX), lastY - fromY.oldest(lastY));
    return new MotionFigures(path.count(), path.sum(), speed.mean(), maxSpeed.max(), accel.mean(), jerk.mean(),
        curvature.mean(), MotionFigures.entropyBits(bins, binRing.size()),
        MotionFigures.efficiency(straight, path.sum()), idle.count(), Math.min(windowMs, (long) idle.sum()),
        clicks.count(), MotionFigures.perSecond(clicks.count(), span), scrolls.count(), scrolls.sum(),
        MotionFigures.perSecond(scrolls.sum(), span));
  }
}
