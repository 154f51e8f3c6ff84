package io.limbic.analytics.session.signal;

import java.util.Map;
import java.util.Objects;

/**
 * One detected frustration signal, with what a reader needs to understand it.
 *
 * @param at session time the signal became certain (for a dead click: when its response window closed)
 * @param target element the signal is about, if known
 * @param details numbers behind the decision, e.g. {@code clicks}, {@code spanMs}, {@code radiusPx}
 */
public record SignalEvent(
    SignalKind kind, long at, String target, String section, String url, Map<String, Double> details) {

  public SignalEvent {
    Objects.requireNonNull(kind, "kind");
    details = Map.copyOf(details);
  }
}
