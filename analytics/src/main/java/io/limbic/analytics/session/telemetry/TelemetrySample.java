package io.limbic.analytics.session.telemetry;

import java.util.Objects;

/**
 * One browser telemetry sample. Optional fields are null when the client did not send them; a {@code key} sample
 * deliberately has no field for the key itself (privacy).
 *
 * @param t client time in ms (after reordering: session time, see {@link ReorderBuffer})
 * @param x page x in px, null if the sample has no position
 * @param y page y in px, null if the sample has no position
 * @param button pointer button (0 primary), null if not a button sample
 * @param target element path or id the sample concerns
 * @param section the enclosing {@code data-limbic-section}, e.g. "pricing"
 * @param scrollY vertical scroll offset in px, for scroll samples
 * @param url page path or URL
 * @param noRage on a click: why the client says it must not count toward a rage click (see {@link NoRage}), else null
 */
public record TelemetrySample(
    long t, SampleType type, Double x, Double y, Integer button, String target, String section, Double scrollY,
    String url, String noRage) {

  /** The reasons a client may give for a click that must not count toward a rage click (wire names). */
  public static final class NoRage {
    /** The click selected text (a double or triple click on text). Not a click for any detector. */
    public static final String SELECTION = "selection";
    /** A stepper: input type=number, role=spinbutton, a quantity +/- button. Still judged for dead clicks. */
    public static final String STEPPER = "stepper";
    /** Inside an element marked {@code data-limbic-no-rage}. Still judged for dead clicks. */
    public static final String MARKED = "marked";

    private NoRage() {}

    public static boolean isKnown(String reason) {
      return SELECTION.equals(reason) || STEPPER.equals(reason) || MARKED.equals(reason);
    }
  }

  public TelemetrySample {
    Objects.requireNonNull(type, "type");
  }

  /** A sample with no rage hint (every client before hints existed, and every non-click sample). */
  public TelemetrySample(
      long t, SampleType type, Double x, Double y, Integer button, String target, String section, Double scrollY,
      String url) {
    this(t, type, x, y, button, target, section, scrollY, url, null);
  }

  public boolean hasPosition() {
    return x != null && y != null;
  }

  /** The same sample on another time line (used when a client clock jump is re-based). */
  public TelemetrySample at(long newT) {
    return newT == t ? this : new TelemetrySample(newT, type, x, y, button, target, section, scrollY, url, noRage);
  }

  public static TelemetrySample pointer(long t, SampleType type, double x, double y) {
    return new TelemetrySample(t, type, x, y, null, null, null, null, null);
  }

  public static TelemetrySample click(long t, double x, double y, String target) {
    return new TelemetrySample(t, SampleType.CLICK, x, y, 0, target, null, null, null);
  }

  /** The same click with a rage hint. */
  public TelemetrySample withNoRage(String reason) {
    return new TelemetrySample(t, type, x, y, button, target, section, scrollY, url, reason);
  }

  public static TelemetrySample marker(long t, SampleType type) {
    return new TelemetrySample(t, type, null, null, null, null, null, null, null);
  }

  public static TelemetrySample scroll(long t, double scrollY) {
    return new TelemetrySample(t, SampleType.SCROLL, null, null, null, null, null, scrollY, null);
  }

  public static TelemetrySample nav(long t, String url) {
    return new TelemetrySample(t, SampleType.NAV, null, null, null, null, null, null, url);
  }
}
