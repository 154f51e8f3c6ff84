package io.limbic.analytics.session.evaluation;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Writes a plausible pointer/scroll/click stream, gesture by gesture, the way a browser SDK would report it: pointer
 * moves throttled at a per-session rate with timing jitter, minimum-jerk reaches with hand tremor, and page
 * responses that arrive some time after the click that caused them. With SDK hints on (what the Limbic SDK sends
 * today), clicks that select text carry {@code noRage: "selection"} followed by a {@code select} sample, and stepper
 * clicks carry {@code noRage: "stepper"}; with hints off the stream is what a client without them sends. Hints use
 * no random draws, so the same seed gives the same gestures either way.
 */
final class TraceWriter {
  enum Response { MUTATION, NAV, ERROR, NONE }

  private final Random rnd;
  private final List<TelemetrySample> out = new ArrayList<>();
  private final long sampleMs;
  private long t;
  private double x;
  private double y;
  private double scrollY;
  private String url;
  private String section;
  private int pages;
  private final boolean sdkHints;

  TraceWriter(Random rnd, long startT, String url, String section, boolean sdkHints) {
    this.rnd = rnd;
    this.sdkHints = sdkHints;
    this.t = startT;
    this.url = url;
    this.section = section;
    this.sampleMs = 16 + rnd.nextInt(35);
    this.x = 200 + rnd.nextDouble() * 1000;
    this.y = 150 + rnd.nextDouble() * 600;
    emit(SampleType.VISIBILITY, null, null, null, null);
  }

  long now() {
    return t;
  }

  double x() {
    return x;
  }

  double y() {
    return y;
  }

  void section(String newSection) {
    section = newSection;
  }

  /** A reach to (tx, ty) at about {@code speedPxS}, with a minimum-jerk velocity profile and tremor. */
  void moveTo(double tx, double ty, double speedPxS, double tremorPx) {
    double x0 = x;
    double y0 = y;
    double distance = Math.hypot(tx - x0, ty - y0);
    long duration = Math.max(60, (long) (distance / Math.max(20, speedPxS) * 1000));
    long start = t;
    while (t - start < duration) {
      t += step();
      double tau = Math.min(1, (double) (t - start) / duration);
      double s = tau * tau * tau * (10 - 15 * tau + 6 * tau * tau);
      x = x0 + (tx - x0) * s + rnd.nextGaussian() * tremorPx;
      y = y0 + (ty - y0) * s + rnd.nextGaussian() * tremorPx;
      emit(SampleType.MOVE, x, y, null, null);
    }
  }

  void moveBy(double dx, double dy, double speedPxS, double tremorPx) {
    moveTo(clampX(x + dx), clampY(y + dy), speedPxS, tremorPx);
  }

  /** The pointer rests near one spot with small drift: reading a card, weighing an option. */
  void hover(long ms, double driftPx) {
    long end = t + ms;
    double cx = x;
    double cy = y;
    while (t < end) {
      t += step() * (1 + rnd.nextInt(3));
      x = cx + rnd.nextGaussian() * driftPx;
      y = cy + rnd.nextGaussian() * driftPx;
      emit(SampleType.MOVE, x, y, null, null);
    }
  }

  void idle(long ms) {
    t += ms;
  }

  void click(String target, Response response) {
    press(t + 90 + rnd.nextInt(150), 60 + rnd.nextInt(50), target, null);
    respond(response);
  }

  /** A click on a quantity stepper: the SDK recognises it and says so. */
  void stepperClick(String target, Response response) {
    press(t + 90 + rnd.nextInt(150), 60 + rnd.nextInt(50), target, sdkHints ? TelemetrySample.NoRage.STEPPER : null);
    respond(response);
  }

  /** Clicks on one spot in quick succession: a double/triple click, or a rage burst when longer. */
  void clickRun(int clicks, long minGapMs, long maxGapMs, double radiusPx, String target, Response response) {
    clickRun(clicks, minGapMs, maxGapMs, radiusPx, target, response, false);
  }

  /** A double or triple click on text: from the second click on, the browser selects a word, then a paragraph. */
  void selectByClicking(int clicks, long minGapMs, long maxGapMs, double radiusPx, String target) {
    clickRun(clicks, minGapMs, maxGapMs, radiusPx, target, Response.NONE, true);
  }

  private void clickRun(int clicks, long minGapMs, long maxGapMs, double radiusPx, String target, Response response,
      boolean selects) {
    double cx = x;
    double cy = y;
    long clickT = t + 90 + rnd.nextInt(150);
    for (int i = 0; i < clicks; i++) {
      long gap = minGapMs + (long) (rnd.nextDouble() * (maxGapMs - minGapMs));
      if (i > 0) clickT += gap;
      x = cx + (rnd.nextDouble() * 2 - 1) * radiusPx / 1.5;
      y = cy + (rnd.nextDouble() * 2 - 1) * radiusPx / 1.5;
      boolean selection = sdkHints && selects && i > 0;
      press(clickT, Math.min(60 + rnd.nextInt(50), gap / 2), target,
          selection ? TelemetrySample.NoRage.SELECTION : null);
      if (selection) out.add(new TelemetrySample(clickT + 3, SampleType.SELECT, null, null, null, null, section,
          null, url));
    }
    respond(response);
  }

  /** Down, then up and click at {@code clickT}, as browsers report a click. */
  private void press(long clickT, long holdMs, String target, String noRage) {
    t = clickT - holdMs;
    emit(SampleType.DOWN, x, y, 0, null, target);
    t = clickT;
    emit(SampleType.UP, x, y, 0, null, target);
    out.add(new TelemetrySample(t, SampleType.CLICK, x, y, 0, target, section, null, url, noRage));
  }

  /** Press, drag across text, release: the browser then fires a click on the same element. */
  void selectText(double dragPx) {
    emit(SampleType.DOWN, x, y, 0, null, "p.text");
    moveBy(dragPx, rnd.nextGaussian() * 4, 300 + rnd.nextDouble() * 300, 0.5);
    t += 20;
    emit(SampleType.UP, x, y, 0, null, "p.text");
    if (rnd.nextDouble() < 0.7) emit(SampleType.CLICK, x, y, 0, null, "p.text");
  }

  void scroll(double delta, int steps, long stepMs) {
    for (int i = 0; i < steps; i++) {
      t += Math.max(10, stepMs + (long) (rnd.nextGaussian() * stepMs * 0.2));
      scrollY = Math.max(0, scrollY + delta / steps);
      emit(SampleType.SCROLL, null, null, null, scrollY);
    }
  }

  void keys(int count) {
    for (int i = 0; i < count; i++) {
      t += 80 + rnd.nextInt(200);
      emit(SampleType.KEY, null, null, null, null);
    }
  }

  /** Time of the latest sample written so far (page responses may lie ahead of {@link #now}). */
  long lastT() {
    long last = Long.MIN_VALUE;
    for (TelemetrySample s : out) last = Math.max(last, s.t());
    return last;
  }

  String url() {
    return url;
  }

  /** Navigates to a new page (or to {@code target} if given); scroll position resets. */
  String navigate(String target) {
    url = target != null ? target : "/page/" + (++pages) + "-" + rnd.nextInt(1000);
    scrollY = 0;
    emit(SampleType.NAV, null, null, null, null);
    return url;
  }

  /** Samples in arrival order: time order, then a few neighbours swapped and a few retransmitted, as networks do. */
  List<TelemetrySample> finish(double disorder) {
    List<TelemetrySample> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparingLong(TelemetrySample::t));
    for (int i = 1; i < sorted.size(); i++) {
      if (rnd.nextDouble() < disorder && sorted.get(i).t() - sorted.get(i - 1).t() < 200) {
        TelemetrySample a = sorted.get(i - 1);
        sorted.set(i - 1, sorted.get(i));
        sorted.set(i, a);
      }
    }
    List<TelemetrySample> arrived = new ArrayList<>(sorted.size() + 8);
    for (TelemetrySample s : sorted) {
      arrived.add(s);
      if (rnd.nextDouble() < disorder / 3) arrived.add(s);
    }
    return arrived;
  }

  private void respond(Response response) {
    long clickT = t;
    switch (response) {
      case MUTATION -> at(clickT + 30 + rnd.nextInt(600), SampleType.MUTATION);
      case ERROR -> at(clickT + 50 + rnd.nextInt(700), SampleType.ERROR);
      case NAV -> {
        t = clickT + 100 + rnd.nextInt(400);
        navigate(null);
      }
      case NONE -> { }
    }
  }

  private void at(long when, SampleType type) {
    long saved = t;
    t = when;
    emit(type, null, null, null, null);
    t = saved;
  }

  private long step() {
    return Math.max(4, sampleMs + (long) (rnd.nextGaussian() * sampleMs * 0.15));
  }

  private void emit(SampleType type, Double px, Double py, Integer button, Double sy) {
    emit(type, px, py, button, sy, null);
  }

  private void emit(SampleType type, Double px, Double py, Integer button, Double sy, String target) {
    out.add(new TelemetrySample(t, type, px, py, button, target, section, sy, url));
  }

  private double clampX(double v) {
    return Math.max(5, Math.min(1900, v));
  }

  private double clampY(double v) {
    return Math.max(5, Math.min(1060, v));
  }
}
