package io.limbic.analytics.session.physics;

/** Receives the quantities derived from the ordered stream; the session keeps sums, the window also forgets. */
interface MotionSink {
  void interval(long t, double lengthPx, double speedPxS, double fromX, double fromY);

  void acceleration(long t, double magnitude);

  void jerk(long t, double magnitude);

  void turn(long t, double curvatureRadPerPx, int bin);

  void click(long t);

  void scroll(long t, double distancePx);

  void idle(long t, long gapMs);

  /** @param spanMs the time the span covers, for rates */
  MotionFigures figures(long now, double lastX, double lastY, long spanMs);
}
