package io.limbic.analytics.session.signal;

import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rage clicks: at least {@code rageMinClicks} clicks, each within {@code rageMaxGapMs} of the previous one and within
 * {@code rageMaxRadiusPx} of the burst's first click, all inclusive. The burst is reported once, as soon as it
 * reaches the threshold (the hot path wants it early); further clicks extend it silently. A click that breaks the
 * chain starts a new candidate burst. Clicks without coordinates (keyboard-activated) chain only on the same target.
 * Clicks on different elements never chain (Amplitude and Datadog count clicks on one element too): three quick
 * clicks on three neighbouring labels are browsing, not hammering one thing. A click without a target chains on
 * position alone.
 */
final class RageClickDetector {
  private final SignalThresholds thresholds;
  private final PageContext page;
  private int count;
  private long lastT;
  private Double firstX;
  private Double firstY;
  private String firstTarget;
  private long firstT;
  private double radius;
  private boolean reported;

  RageClickDetector(SignalThresholds thresholds, PageContext page) {
    this.thresholds = thresholds;
    this.page = page;
  }

  void click(TelemetrySample click, List<SignalEvent> out) {
    double distance = distanceFromFirst(click);
    boolean sameElement = click.target() == null || firstTarget == null || click.target().equals(firstTarget);
    boolean chained = count > 0 && click.t() - lastT <= thresholds.rageMaxGapMs()
        && distance <= thresholds.rageMaxRadiusPx() && sameElement;
    if (!chained) {
      count = 0;
      firstX = click.x();
      firstY = click.y();
      firstTarget = click.target();
      firstT = click.t();
      radius = 0;
      reported = false;
      distance = 0;
    }
    count++;
    lastT = click.t();
    radius = Math.max(radius, distance);
    if (count >= thresholds.rageMinClicks() && !reported) {
      reported = true;
      out.add(new SignalEvent(SignalKind.RAGE_CLICK, click.t(), firstTarget, page.sectionOf(click), page.url(),
          Map.of("clicks", (double) count, "spanMs", (double) (click.t() - firstT), "radiusPx", radius)));
    }
  }

  /** Clicks in the current burst so far (0 before any click): the classifier weighs long bursts more. */
  int currentBurstClicks() {
    return count;
  }

  private double distanceFromFirst(TelemetrySample click) {
    if (count == 0) return 0;
    if (click.hasPosition() && firstX != null) return Math.hypot(click.x() - firstX, click.y() - firstY);
    boolean sameTarget = click.target() != null && Objects.equals(click.target(), firstTarget);
    return sameTarget ? 0 : Double.POSITIVE_INFINITY;
  }
}
