package io.limbic.analytics.matching;

import java.util.Locale;
import java.util.Optional;

/**
 * What a user did with a suggested match. It feeds back as evidence like an interaction would; a pass is weak
 * negative evidence because passing is cheap and often about things the profile does not describe (photos, mood).
 */
public enum MatchAction {
  LIKE(1.0),
  PASS(-0.3),
  MESSAGE(2.0);

  private final double evidence;

  MatchAction(double evidence) {
    this.evidence = evidence;
  }

  public double evidence() {
    return evidence;
  }

  /** A like or message says yes to the candidate, a pass no. */
  public boolean saysYes() {
    return this != PASS;
  }

  /** How the action is stored and answered: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Case-insensitive, surrounding white space ignored: {@code " LIKE "} is {@link #LIKE}. */
  public static Optional<MatchAction> parse(String wireName) {
    if (wireName == null) return Optional.empty();
    try {
      return Optional.of(valueOf(wireName.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
