package io.limbic.analytics.session.telemetry;

import java.util.Locale;
import java.util.Optional;

/** What a telemetry sample reports; the wire name is the lower-case constant name. */
public enum SampleType {
  MOVE, DOWN, UP, CLICK, SCROLL, KEY, NAV, ERROR, MUTATION, VISIBILITY,
  /** The document's text selection changed to a non-empty one (no text is sent). */
  SELECT;

  /** Types whose coordinates feed the kinematics (the definition). */
  public boolean isPointer() {
    return this == MOVE || this == DOWN || this == UP || this == CLICK;
  }

  /** Types that show the page answered a click, so the click was not dead (a text selection is an answer too). */
  public boolean isPageResponse() {
    return this == MUTATION || this == NAV || this == SCROLL || this == SELECT;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SampleType> fromWire(String name) {
    if (name == null) return Optional.empty();
    for (SampleType type : values()) {
      if (type.wireName().equals(name)) return Optional.of(type);
    }
    return Optional.empty();
  }
}
