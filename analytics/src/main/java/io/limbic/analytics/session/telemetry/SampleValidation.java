package io.limbic.analytics.session.telemetry;

import java.util.Map;
import java.util.Optional;

/**
 * Per-sample checks, applied before anything reaches the physics: a rejected sample carries a reason a client
 * developer can act on, and everything accepted is finite, so no NaN or infinity can appear downstream.
 * JSON parsing stays with the protocol layer; {@link #fromFields(Map)} takes the map a JSON parser produces.
 */
public final class SampleValidation {

  /** Farther than any real page offset; larger values are a broken client, not a big screen. */
  public static final double MAX_ABS_COORDINATE_PX = 100_000;
  /** Long documents legitimately scroll past the coordinate bound, so scroll offsets get more room. */
  public static final double MAX_ABS_SCROLL_PX = 10_000_000;
  /** Integers above 2^53 lose precision in JavaScript, so a client cannot have meant them. */
  public static final long MAX_CLIENT_TIME_MS = 1L << 53;
  public static final int MAX_TEXT_LENGTH = 2048;
  private static final String BUTTON_RANGE = "button must be a whole number between 0 and 4";
  private static final String T_RANGE = "t must be a whole number between 0 and " + MAX_CLIENT_TIME_MS;

  private SampleValidation() {}

  /** The outcome of turning raw fields into a sample: exactly one of {@code sample} and {@code reason} is set. */
  public record Parsed(TelemetrySample sample, String reason) {
    public boolean ok() {
      return sample != null;
    }
  }

  /** Checks an already-typed sample; empty when it is acceptable. */
  public static Optional<String> validate(TelemetrySample s) {
    if (s.t() < 0 || s.t() > MAX_CLIENT_TIME_MS) return reason(T_RANGE);
    if ((s.x() == null) != (s.y() == null)) return reason("x and y must be given together");
    Optional<String> bad = coordinate("x", s.x()).or(() -> coordinate("y", s.y()));
    if (bad.isPresent()) return bad;
    if (s.type() == SampleType.MOVE && !s.hasPosition()) return reason("move requires x and y");
    if (s.scrollY() != null) {
      if (!(Math.abs(s.scrollY()) <= MAX_ABS_SCROLL_PX)) return reason(finiteRange("scrollY", MAX_ABS_SCROLL_PX));
    }
    if (s.button() != null && (s.button() < 0 || s.button() > 4)) return reason(BUTTON_RANGE);
    if (s.noRage() != null) {
      if (s.type() != SampleType.CLICK) return reason("noRage is only for click samples");
      if (!TelemetrySample.NoRage.isKnown(s.noRage())) return reason("noRage must be selection, stepper or marked");
    }
    return text("target", s.target()).or(() -> text("section", s.section())).or(() -> text("url", s.url()));
  }

  /**
   * Builds and checks a sample from parsed JSON fields. Numbers must arrive as numbers (a string "12" is rejected:
   * accepting it would hide client bugs), and a {@code key} sample must not carry the key that was pressed.
   */
  public static Parsed fromFields(Map<String, ?> fields) {
    Object rawType = fields.get("type");
    if (!(rawType instanceof String typeName)) return rejected("type missing or not a string");
    Optional<SampleType> type = SampleType.fromWire(typeName);
    if (type.isEmpty()) return rejected("unknown type: " + clip(typeName));
    if (type.get() == SampleType.KEY && (fields.containsKey("key") || fields.containsKey("code"))) {
      return rejected("key samples must not carry the key value");
    }
    Object rawT = fields.get("t");
    if (!(rawT instanceof Number tNumber)) return rejected("t missing or not a number");
    long t;
    if (tNumber instanceof Long || tNumber instanceof Integer) {
      // Exact: as a double, 2^53 + 1 would round to 2^53 and pass.
      long whole = tNumber.longValue();
      if (whole < 0 || whole > MAX_CLIENT_TIME_MS) return rejected(T_RANGE);
      t = whole;
    } else {
      double tValue = tNumber.doubleValue();
      // Checked as a double before any cast: (long) of 2^64 would silently become Long.MAX_VALUE.
      if (!(tValue >= 0 && tValue <= MAX_CLIENT_TIME_MS) || tValue != Math.rint(tValue)) return rejected(T_RANGE);
      t = (long) tValue;
    }
    try {
      Double x = number(fields, "x");
      Double y = number(fields, "y");
      Double scrollY = number(fields, "scrollY");
      Double button = number(fields, "button");
      if (button != null && button != Math.rint(button)) return rejected(BUTTON_RANGE);
      TelemetrySample sample = new TelemetrySample(t, type.get(), x, y,
          button == null ? null : (int) Math.max(-1, Math.min(99, button)), string(fields, "target"),
          string(fields, "section"), scrollY, string(fields, "url"), string(fields, "noRage"));
      return validate(sample).map(SampleValidation::rejected).orElse(new Parsed(sample, null));
    } catch (IllegalArgumentException e) {
      return rejected(e.getMessage());
    }
  }

  private static Double number(Map<String, ?> fields, String name) {
    Object value = fields.get(name);
    if (value == null) return null;
    if (!(value instanceof Number n)) throw new IllegalArgumentException(name + " must be a number");
    double d = n.doubleValue();
    if (!Double.isFinite(d)) throw new IllegalArgumentException(name + " must be a finite number");
    return d;
  }

  private static String string(Map<String, ?> fields, String name) {
    Object value = fields.get(name);
    if (value == null) return null;
    if (!(value instanceof String s)) throw new IllegalArgumentException(name + " is not a string");
    return s;
  }

  private static Optional<String> coordinate(String name, Double value) {
    if (value == null) return Optional.empty();
    if (!(Math.abs(value) <= MAX_ABS_COORDINATE_PX)) return reason(finiteRange(name, MAX_ABS_COORDINATE_PX));
    return Optional.empty();
  }

  /** The wording of the API's shared number checks (protocol's JsonFields), for a range symmetric about 0. */
  private static String finiteRange(String name, double maxAbs) {
    return name + " must be a finite number between -" + (long) maxAbs + " and " + (long) maxAbs;
  }

  private static Optional<String> text(String name, String value) {
    if (value != null && value.length() > MAX_TEXT_LENGTH) return reason(name + " longer than " + MAX_TEXT_LENGTH);
    return Optional.empty();
  }

  private static Optional<String> reason(String text) {
    return Optional.of(text);
  }

  private static Parsed rejected(String reason) {
    return new Parsed(null, reason);
  }

  private static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
