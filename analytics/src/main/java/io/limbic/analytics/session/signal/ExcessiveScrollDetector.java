package io.limbic.analytics.session.signal;

import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * Excessive scrolling: within {@code scrollWindowMs}, at least {@code scrollMinReversals} direction reversals and a
 * distance of at least max({@code scrollMinDistancePx}, {@code scrollBaselineFactor} x the session's baseline). The
 * baseline is the session's own scroll distance per window-length before the current window, so a user who always
 * scrolls a lot is judged against themselves; until one window of history exists only the floor applies. One
 * report per episode; it ends when a full window passes without the condition.
 */
final class ExcessiveScrollDetector {
  private record Step(long t, double distance, boolean reversal) {}

  private final SignalThresholds thresholds;
  private final PageContext page;
  private final ArrayDeque<Step> steps = new ArrayDeque<>();
  private double windowDistance;
  private int windowReversals;
  private double totalDistance;
  private long firstT = Long.MIN_VALUE;
  private Double lastY;
  private int direction;
  private boolean reported;
  private long lastExcessive;

  ExcessiveScrollDetector(SignalThresholds thresholds, PageContext page) {
    this.thresholds = thresholds;
    this.page = page;
  }

  void scroll(TelemetrySample s, List<SignalEvent> out) {
    if (s.scrollY() == null) return;
    if (firstT == Long.MIN_VALUE) firstT = s.t();
    if (lastY != null && s.scrollY().doubleValue() != lastY) {
      double delta = s.scrollY() - lastY;
      int newDirection = delta > 0 ? 1 : -1;
      boolean reversal = direction != 0 && newDirection != direction;
      direction = newDirection;
      steps.addLast(new Step(s.t(), Math.abs(delta), reversal));
      windowDistance += Math.abs(delta);
      windowReversals += reversal ? 1 : 0;
      totalDistance += Math.abs(delta);
    }
    lastY = s.scrollY();
    long window = thresholds.scrollWindowMs();
    while (!steps.isEmpty() && s.t() - steps.peekFirst().t() > window) {
      Step old = steps.pollFirst();
      windowDistance -= old.distance();
      windowReversals -= old.reversal() ? 1 : 0;
    }
    if (steps.isEmpty()) windowDistance = 0;
    double threshold = Math.max(thresholds.scrollMinDistancePx(), thresholds.scrollBaselineFactor() * baseline(s.t()));
    if (windowReversals >= thresholds.scrollMinReversals() && windowDistance >= threshold) {
      lastExcessive = s.t();
      if (!reported) {
        reported = true;
        out.add(new SignalEvent(SignalKind.EXCESSIVE_SCROLL, s.t(), s.target(), page.sectionOf(s), page.url(),
            Map.of("reversals", (double) windowReversals, "distancePx", windowDistance, "thresholdPx", threshold)));
      }
    } else if (reported && s.t() - lastExcessive > window) {
      reported = false;
    }
  }

  /** Scroll distance per window-length before the current window; 0 while there is not one window of history. */
  private double baseline(long now) {
    long history = now - thresholds.scrollWindowMs() - firstT;
    if (history < thresholds.scrollWindowMs()) return 0;
    return Math.max(0, totalDistance - windowDistance) / history * thresholds.scrollWindowMs();
  }
}
