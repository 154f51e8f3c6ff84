package io.limbic.analytics.session.signal;

import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.List;
import java.util.Map;

/**
 * Quick back: the session returns to the URL it came from within {@code quickBackWindowMs} (inclusive) of arriving
 * at the current one. Any change of URL counts as a navigation, because single-page apps change routes without a
 * {@code nav} sample; the telemetry cannot tell the back button from a link to the previous page, and both mean
 * "this page was not what I wanted".
 */
final class QuickBackDetector {
  private final SignalThresholds thresholds;
  private String current;
  private String previous;
  private long arrivedAt;

  QuickBackDetector(SignalThresholds thresholds) {
    this.thresholds = thresholds;
  }

  void observe(TelemetrySample s, List<SignalEvent> out) {
    String url = s.url();
    if (url == null || url.equals(current)) return;
    if (current != null && url.equals(previous) && s.t() - arrivedAt <= thresholds.quickBackWindowMs()) {
      out.add(new SignalEvent(SignalKind.QUICK_BACK, s.t(), s.target(), s.section(), url,
          Map.of("dwellMs", (double) (s.t() - arrivedAt))));
    }
    previous = current;
    current = url;
    arrivedAt = s.t();
  }
}
