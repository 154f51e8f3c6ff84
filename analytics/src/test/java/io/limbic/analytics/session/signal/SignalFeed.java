package io.limbic.analytics.session.signal;

import io.limbic.analytics.session.telemetry.ClientCapabilities;
import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.List;

/** Feeds hand-built samples to the detectors the way the analyzer does, collecting what they report. */
final class SignalFeed {
  final PageContext page = new PageContext();
  final FrustrationSignals signals;
  final List<SignalEvent> events = new ArrayList<>();

  SignalFeed(SignalThresholds thresholds) {
    signals = new FrustrationSignals(thresholds, page);
    signals.declare(ClientCapabilities.BROWSER_SDK);
  }

  SignalFeed() {
    this(SignalThresholds.defaults());
  }

  SignalFeed add(TelemetrySample s) {
    page.observe(s);
    events.addAll(signals.accept(s));
    return this;
  }

  SignalFeed click(long t, double x, double y) {
    return add(TelemetrySample.click(t, x, y, "button#go"));
  }

  SignalFeed marker(long t, SampleType type) {
    return add(TelemetrySample.marker(t, type));
  }

  SignalFeed move(long t, double x, double y) {
    return add(TelemetrySample.pointer(t, SampleType.MOVE, x, y));
  }

  SignalFeed advance(long t) {
    events.addAll(signals.advanceTo(t));
    return this;
  }

  long count(SignalKind kind) {
    return events.stream().filter(e -> e.kind() == kind).count();
  }
}
