package io.limbic.analytics.session.signal;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;

/**
 * Recognises text selection so it is not mistaken for frustration. A selection is a press, at least
 * {@code selectionMinDragPx} of pointer travel while pressed, and a release; browsers then often fire a click on the
 * same element, and that click (within {@link #CLOSING_CLICK_MS} of the release) is part of the selection, not a
 * click. A drag with no click at all is a selection too and simply produces no click. Double and triple clicks that
 * select a word or paragraph are not recognised here: they look exactly like quick clicks, and the classifier has to
 * weigh them (the trace generator includes them on purpose).
 */
final class TextSelection {
  static final long CLOSING_CLICK_MS = 100;

  private final double minDragPx;
  private boolean pressed;
  private double travel;
  private double lastX;
  private double lastY;
  private long releasedAt = Long.MIN_VALUE;

  TextSelection(double minDragPx) {
    this.minDragPx = minDragPx;
  }

  void observe(TelemetrySample s) {
    if (!s.hasPosition()) return;
    if (s.type() == SampleType.DOWN) {
      pressed = true;
      travel = 0;
    } else if (pressed && s.type().isPointer()) {
      travel += Math.hypot(s.x() - lastX, s.y() - lastY);
      if (s.type() == SampleType.UP) {
        pressed = false;
        if (travel >= minDragPx) releasedAt = s.t();
      }
    }
    lastX = s.x();
    lastY = s.y();
  }

  /** True if the click closes a selection; the selection is consumed so a later click counts normally. */
  boolean closesSelection(TelemetrySample click) {
    if (releasedAt == Long.MIN_VALUE || click.t() - releasedAt > CLOSING_CLICK_MS) return false;
    releasedAt = Long.MIN_VALUE;
    return true;
  }

  /** A pressed pointer that has travelled: its motion is dragging, not cursor thrashing. */
  boolean dragging() {
    return pressed && travel >= minDragPx;
  }
}
