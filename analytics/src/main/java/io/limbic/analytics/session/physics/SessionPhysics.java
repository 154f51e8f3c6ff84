package io.limbic.analytics.session.physics;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;

/**
 * Incremental behavioural physics of one session, O(1) amortised per sample.
 *
 * <p>Definitions (kept exact so figures compare with other tools): kinematics use every sample with coordinates
 * (move, down, up, click) in time order; among samples with equal t the last one wins. Interval speed = |Δp| / Δt;
 * acceleration = change of the velocity vector between consecutive intervals / time between the intervals'
 * midpoints; jerk = change of acceleration / time between the accelerations' stamps (the midpoints of those
 * midpoints). Means are plain means of magnitudes over intervals (accelerations, jerks).
 *
 * <p>Because a later sample with the same t replaces an earlier one, the newest point is held as pending and only
 * integrated once a strictly later point arrives or {@link #settle()} says no more can come (the reorder buffer's
 * watermark has passed it). A pointer sample older than the last integrated one is ignored: the physics cannot
 * un-integrate, and ordering is the reorder buffer's job.
 */
public final class SessionPhysics {
  public static final long DEFAULT_WINDOW_MS = 5_000;
  /** Two seconds without any sample is long enough to be a pause rather than sampling jitter. */
  public static final long DEFAULT_IDLE_GAP_MS = 2_000;

  private final long windowMs;
  private final long idleGapMs;
  private final SessionTally session = new SessionTally();
  private final WindowTally window;
  private final MotionSink[] sinks;

  private long samples;
  private long firstT = Long.MIN_VALUE;
  private long lastT = Long.MIN_VALUE;
  private long ignored;
  private Double lastScrollY;

  private boolean hasPending;
  private long pendingT;
  private double pendingX;
  private double pendingY;

  private boolean hasLast;
  private long lastPointT;
  private double lastX;
  private double lastY;
  private boolean hasVelocity;
  private double vx;
  private double vy;
  private double vMidMs;
  private boolean hasAccel;
  private double ax;
  private double ay;
  private double aStampMs;
  private boolean hasHeading;
  private double headingX;
  private double headingY;
  private double headingLen;

  public SessionPhysics() {
    this(DEFAULT_WINDOW_MS, DEFAULT_IDLE_GAP_MS);
  }

  public SessionPhysics(long windowMs, long idleGapMs) {
    if (windowMs < 1 || idleGapMs < 1) throw new IllegalArgumentException("window and idle gap must be positive");
    this.windowMs = windowMs;
    this.idleGapMs = idleGapMs;
    this.window = new WindowTally(windowMs);
    this.sinks = new MotionSink[] {session, window};
  }

  public void accept(TelemetrySample s) {
    if (lastT != Long.MIN_VALUE && s.t() < lastT) {
      ignored++;
      return;
    }
    samples++;
    if (firstT == Long.MIN_VALUE) firstT = s.t();
    if (lastT != Long.MIN_VALUE && s.t() - lastT >= idleGapMs) {
      for (MotionSink sink : sinks) sink.idle(s.t(), s.t() - lastT);
    }
    lastT = s.t();
    if (s.type() == SampleType.CLICK) for (MotionSink sink : sinks) sink.click(s.t());
    if (s.type() == SampleType.SCROLL && s.scrollY() != null) {
      double distance = lastScrollY == null ? 0 : Math.abs(s.scrollY() - lastScrollY);
      lastScrollY = s.scrollY();
      for (MotionSink sink : sinks) sink.scroll(s.t(), distance);
    }
    if (s.type().isPointer() && s.hasPosition()) point(s.t(), s.x(), s.y());
    window.evictThrough(s.t() - windowMs);
  }

  /** Integrates the pending point: call when no sample at or before its time can arrive any more. */
  public void settle() {
    if (hasPending) {
      hasPending = false;
      integrate(pendingT, pendingX, pendingY);
    }
  }

  public PhysicsSnapshot snapshot() {
    long now = lastT == Long.MIN_VALUE ? 0 : lastT;
    long span = firstT == Long.MIN_VALUE ? 0 : now - firstT;
    return new PhysicsSnapshot(now, samples, windowMs, session.figures(now, lastX, lastY, span),
        window.figures(now, lastX, lastY, span));
  }

  /** Pointer samples dropped because they arrived behind the integrated stream. */
  public long ignoredSamples() {
    return ignored;
  }

  public long windowMs() {
    return windowMs;
  }

  private void point(long t, double x, double y) {
    if (hasLast && t <= lastPointT) {
      ignored++;
      return;
    }
    if (hasPending && t > pendingT) integrate(pendingT, pendingX, pendingY);
    hasPending = true;
    pendingT = t;
    pendingX = x;
    pendingY = y;
  }

  private void integrate(long t, double x, double y) {
    if (hasLast) interval(t, x, y);
    hasLast = true;
    lastPointT = t;
    lastX = x;
    lastY = y;
  }

  private void interval(long t, double x, double y) {
    double dtS = (t - lastPointT) / 1000.0;
    double dx = x - lastX;
    double dy = y - lastY;
    double length = Math.hypot(dx, dy);
    double nvx = dx / dtS;
    double nvy = dy / dtS;
    double midMs = (lastPointT + t) / 2.0;
    for (MotionSink sink : sinks) sink.interval(t, length, Math.hypot(nvx, nvy), lastX, lastY);
    if (hasVelocity) {
      double dtMid = (midMs - vMidMs) / 1000.0;
      double nax = (nvx - vx) / dtMid;
      double nay = (nvy - vy) / dtMid;
      double stampMs = (midMs + vMidMs) / 2.0;
      for (MotionSink sink : sinks) sink.acceleration(t, Math.hypot(nax, nay));
      if (hasAccel) {
        double dtStamp = (stampMs - aStampMs) / 1000.0;
        for (MotionSink sink : sinks) sink.jerk(t, Math.hypot((nax - ax) / dtStamp, (nay - ay) / dtStamp));
      }
      hasAccel = true;
      ax = nax;
      ay = nay;
      aStampMs = stampMs;
    }
    hasVelocity = true;
    vx = nvx;
    vy = nvy;
    vMidMs = midMs;
    if (length > 0) turn(t, dx, dy, length);
  }

  /** Turning is measured between moving segments; a pause in between does not reset the heading. */
  private void turn(long t, double dx, double dy, double length) {
    if (hasHeading) {
      double angle = Math.atan2(headingX * dy - headingY * dx, headingX * dx + headingY * dy);
      double curvature = Math.abs(angle) / ((headingLen + length) / 2);
      int bin = (int) Math.floor((angle + Math.PI) / (2 * Math.PI / MotionFigures.DIRECTION_BINS));
      bin = Math.max(0, Math.min(MotionFigures.DIRECTION_BINS - 1, bin));
      for (MotionSink sink : sinks) sink.turn(t, curvature, bin);
    }
    hasHeading = true;
    headingX = dx;
    headingY = dy;
    headingLen = length;
  }
}
