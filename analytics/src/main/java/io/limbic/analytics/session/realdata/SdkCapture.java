package io.limbic.analytics.session.realdata;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a recorded pointer stream into the samples our browser SDK would have sent for it, so a replay sees what the
 * node sees in production: moves and scrolls at most one per 50 ms (the SDK's trailing throttle keeps the latest and
 * sends it when the 50 ms are up, or before the next unthrottled sample), and strictly increasing times (the SDK
 * moves a sample 1 ms after the previous one when the clock did not advance). Recordings carry no page, so every
 * sample has the same url and no target or section; they carry no DOM mutations unless a loader knows one.
 */
final class SdkCapture {
  static final long THROTTLE_MS = 50;
  /** Farther than this between press and release is a drag, not a click (recordings have no element to compare). */
  static final double CLICK_SLOP_PX = 10;
  private final String url;
  private final List<TelemetrySample> out = new ArrayList<>();
  private long lastT = Long.MIN_VALUE;
  private double pressX = Double.NaN;
  private double pressY = Double.NaN;
  private final Throttle moves = new Throttle();
  private final Throttle scrolls = new Throttle();

  SdkCapture(String url) {
    this.url = url;
  }

  void move(long t, double x, double y) {
    offer(moves, new TelemetrySample(t, SampleType.MOVE, x, y, null, null, null, null, url));
  }

  void down(long t, double x, double y) {
    pressX = x;
    pressY = y;
    record(new TelemetrySample(t, SampleType.DOWN, x, y, 0, null, null, null, url));
  }

  /**
   * The button goes up: a {@code click} follows when it went down within {@link #CLICK_SLOP_PX} of here (a drag is
   * no click), or when no press was recorded (controls that swallow the press, like a map's zoom buttons).
   */
  void release(long t, double x, double y) {
    record(new TelemetrySample(t, SampleType.UP, x, y, 0, null, null, null, url));
    boolean clicked = Double.isNaN(pressX) || Math.hypot(x - pressX, y - pressY) <= CLICK_SLOP_PX;
    pressX = Double.NaN;
    pressY = Double.NaN;
    if (clicked) click(t, x, y);
  }

  /** Another button than the primary one: down or up, never a click (browsers fire no click for it). */
  void secondary(long t, double x, double y, boolean down) {
    record(new TelemetrySample(t, down ? SampleType.DOWN : SampleType.UP, x, y, 2, null, null, null, url));
  }

  /** A recording that only says "clicked here": down, up and click, 1 ms apart as the SDK would stamp them. */
  void press(long t, double x, double y) {
    down(t, x, y);
    release(t, x, y);
  }

  void click(long t, double x, double y) {
    record(new TelemetrySample(t, SampleType.CLICK, x, y, 0, null, null, null, url));
  }

  void scroll(long t, double scrollY) {
    offer(scrolls, new TelemetrySample(t, SampleType.SCROLL, null, null, null, null, null, scrollY, url));
  }

  void mutation(long t) {
    record(new TelemetrySample(t, SampleType.MUTATION, null, null, null, null, null, null, url));
  }

  /** Everything captured so far, throttled samples still waiting included. */
  List<TelemetrySample> samples() {
    releaseWaiting(Long.MAX_VALUE);
    return List.copyOf(out);
  }

  private void offer(Throttle th, TelemetrySample s) {
    releaseDue(s.t());
    if (th.pending == null && s.t() - th.last >= THROTTLE_MS) {
      th.last = s.t();
      record(s);
    } else {
      th.pending = s;
    }
  }

  private void record(TelemetrySample s) {
    releaseWaiting(s.t());
    append(s);
  }

  private void append(TelemetrySample s) {
    long t = lastT == Long.MIN_VALUE ? s.t() : Math.max(s.t(), lastT + 1);
    lastT = t;
    out.add(s.at(t));
  }

  /** A throttle whose 50 ms ran out before {@code t} sends its pending sample (the SDK's timer fired). */
  private void releaseDue(long t) {
    for (Throttle th : List.of(moves, scrolls)) {
      if (th.pending != null && th.last + THROTTLE_MS <= t) release(th);
    }
  }

  /** Pending samples not after {@code t} go first, oldest first, as in the SDK's record(). */
  private void releaseWaiting(long t) {
    releaseDue(t);
    Throttle first = moves.pending != null && (scrolls.pending == null || moves.pending.t() <= scrolls.pending.t())
        ? moves : scrolls;
    Throttle second = first == moves ? scrolls : moves;
    if (first.pending != null && first.pending.t() <= t) release(first);
    if (second.pending != null && second.pending.t() <= t) release(second);
  }

  private void release(Throttle th) {
    TelemetrySample s = th.pending;
    th.pending = null;
    th.last = s.t();
    append(s);
  }

  private static final class Throttle {
    long last = Long.MIN_VALUE / 2;
    TelemetrySample pending;
  }
}
