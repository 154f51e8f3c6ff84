package io.limbic.analytics.engagement;

import java.util.Locale;

/** Where a user stands after the last change the thresholds allowed; the wire name is the lower-case name. */
public enum EngagementLevel {
  AT_RISK, ENGAGED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
