package io.limbic.analytics.session.signal;

import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * Thrashed cursor: at least {@code thrashMinReversals} direction reversals on one axis within
 * {@code thrashWindowMs} (inclusive). A reversal needs {@code thrashMinTravelPx} of travel back from the last extreme,
 * so jitter does not count. One report per episode; the episode ends once a full window passes below the threshold.
 */
final class ThrashedCursorDetector {

  /** Reversals along one axis, with hysteresis. */
  private static final class Axis {
    private final ArrayDeque<Long> reversals = new ArrayDeque<>();
    private int direction;
    private double extreme;
    private boolean started;

    void observe(long t, double position, double minTravel, long windowMs) {
      if (!started) {
        started = true;
        extreme = position;
      } else if (direction == 0) {
        if (Math.abs(position - extreme) >= minTravel) {
          direction = position > extreme ? 1 : -1;
          extreme = position;
        }
      } else if ((position - extreme) * direction > 0) {
        extreme = position;
      } else if (Math.abs(position - extreme) >= minTravel) {
        reversals.addLast(t);
        direction = -direction;
        extreme = position;
      }
      while (!reversals.isEmpty() && t - reversals.peekFirst() > windowMs) reversals.pollFirst();
    }

    int count() {
      return reversals.size();
    }
  }

  private final SignalThresholds thresholds;
  private final PageContext page;
  private final Axis x = new Axis();
  private final Axis y = new Axis();
  private boolean reported;
  private long lastAtThreshold;

  ThrashedCursorDetector(SignalThresholds thresholds, PageContext page) {
    this.thresholds = thresholds;
    this.page = page;
  }

  void point(TelemetrySample s, List<SignalEvent> out) {
    x.observe(s.t(), s.x(), thresholds.thrashMinTravelPx(), thresholds.thrashWindowMs());
    y.observe(s.t(), s.y(), thresholds.thrashMinTravelPx(), thresholds.thrashWindowMs());
    int reversals = Math.max(x.count(), y.count());
    if (reversals >= thresholds.thrashMinReversals()) {
      lastAtThreshold = s.t();
      if (!reported) {
        reported = true;
        out.add(new SignalEvent(SignalKind.THRASHED_CURSOR, s.t(), s.target(), page.sectionOf(s), page.url(),
            Map.of("reversals", (double) reversals, "axis", x.count() >= y.count() ? 0.0 : 1.0)));
      }
    } else if (reported && s.t() - lastAtThreshold > thresholds.thrashWindowMs()) {
      reported = false;
    }
  }
}
