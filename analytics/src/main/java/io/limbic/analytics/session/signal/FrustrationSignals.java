package io.limbic.analytics.session.signal;

import io.limbic.analytics.session.telemetry.ClientCapabilities;
import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * All frustration detectors of one session, fed the ordered stream. Clicks on ignored targets, clicks that close a
 * drag selection and clicks the client says selected text ({@code noRage: "selection"}) are invisible to every click
 * detector. Clicks on steppers and inside {@code data-limbic-no-rage} elements ({@code noRage: "stepper" | "marked"})
 * never count toward a rage click but are still judged for dead and error clicks (a stepper that does nothing is a
 * dead click). Pointer motion while dragging is not thrashing. Dead clicks need the client to have declared it
 * observes mutations ({@link #declare}). The caller updates the shared {@link PageContext} before each sample.
 */
public final class FrustrationSignals {
  private final SignalThresholds thresholds;
  private final TextSelection selection;
  private final RageClickDetector rage;
  private final ClickResponseDetector responses;
  private final ThrashedCursorDetector thrash;
  private final ExcessiveScrollDetector scroll;
  private final QuickBackDetector quickBack;
  private final EnumMap<SignalKind, Integer> totals = new EnumMap<>(SignalKind.class);
  private int ignoredClicks;

  public FrustrationSignals(SignalThresholds thresholds, PageContext page) {
    List<String> errors = thresholds.validate();
    if (!errors.isEmpty()) throw new IllegalArgumentException("invalid thresholds: " + errors);
    this.thresholds = thresholds;
    this.selection = new TextSelection(thresholds.selectionMinDragPx());
    this.rage = new RageClickDetector(thresholds, page);
    this.responses = new ClickResponseDetector(thresholds, page);
    this.thrash = new ThrashedCursorDetector(thresholds, page);
    this.scroll = new ExcessiveScrollDetector(thresholds, page);
    this.quickBack = new QuickBackDetector(thresholds);
    for (SignalKind kind : SignalKind.values()) totals.put(kind, 0);
  }

  /** What the client observes; until declared, {@link ClientCapabilities#NONE}. */
  public void declare(ClientCapabilities capabilities) {
    responses.declare(capabilities);
  }

  /** Signals that became certain with this sample. */
  public List<SignalEvent> accept(TelemetrySample s) {
    List<SignalEvent> out = new ArrayList<>(0);
    responses.observe(s, out);
    quickBack.observe(s, out);
    selection.observe(s);
    if (s.type() == SampleType.CLICK) {
      boolean selects = TelemetrySample.NoRage.SELECTION.equals(s.noRage()) || selection.closesSelection(s);
      if (thresholds.ignores(s.target()) || selects) {
        ignoredClicks++;
      } else if (s.noRage() != null) {
        ignoredClicks++;
        responses.click(s);
      } else {
        rage.click(s, out);
        responses.click(s);
      }
    }
    if (s.type().isPointer() && s.hasPosition() && !selection.dragging()) thrash.point(s, out);
    if (s.type() == SampleType.SCROLL) scroll.scroll(s, out);
    count(out);
    return out;
  }

  /** Signals that became certain because time passed without samples (dead clicks). */
  public List<SignalEvent> advanceTo(long now) {
    List<SignalEvent> out = new ArrayList<>(0);
    responses.advanceTo(now, out);
    count(out);
    return out;
  }

  public Map<SignalKind, Integer> totals() {
    return Map.copyOf(totals);
  }

  /** Clicks that no rage detector counted (ignored targets, selections, steppers, marked elements). */
  public int ignoredClicks() {
    return ignoredClicks;
  }

  /** Clicks in the rage burst under way (or the last one), a measure of how hard the user is hammering. */
  public int currentBurstClicks() {
    return rage.currentBurstClicks();
  }

  private void count(List<SignalEvent> out) {
    for (SignalEvent e : out) totals.merge(e.kind(), 1, Integer::sum);
  }
}
