package io.limbic.analytics.matching;

import java.util.Locale;
import java.util.Optional;

/**
 * What one person did towards another, with how much it says about what they want.
 *
 * <p>Evidence weights are in "favorite units". Effortful, reciprocal actions weigh more than cheap ones, because
 * they are harder to do on a whim: a message costs writing, a call costs time. A view weighs by dwell time (see
 * {@link #evidence(int)}). A block is mostly about someone's behaviour rather than their age or interests, and it is
 * enforced as a hard filter anyway, so it only nudges the learned distribution. Unblock lifts the filter but is no
 * sign of attraction. A pass (an app's swipe left) is weak negative evidence, like passing on a suggested match:
 * passing is cheap and often about what a profile does not describe.
 *
 * <p>Favorite, unfavorite, pass, message, reply and call are decisions about the other person ({@link #decides()}):
 * daily matches never suggest again someone the user decided on. A view decides nothing.
 */
public enum InteractionType {
  FAVORITE(1.0),
  UNFAVORITE(-1.0),
  VIEW(0.05),
  MESSAGE(2.0),
  REPLY(1.5),
  CALL(3.0),
  BLOCK(-1.0),
  UNBLOCK(0.0),
  PASS(-0.3);

  /** A view's weight grows with dwell up to this many seconds; longer stays are usually an idle tab. */
  public static final int VIEW_DWELL_CAP_S = 60;
  private static final double VIEW_DWELL_BONUS = 0.25;

  private final double baseWeight;

  InteractionType(double baseWeight) {
    this.baseWeight = baseWeight;
  }

  public double baseWeight() {
    return baseWeight;
  }

  /** Signed evidence: positive means "more like this person", negative "less like this person". */
  public double evidence(int durationS) {
    if (this != VIEW) return baseWeight;
    double dwell = Math.min(VIEW_DWELL_CAP_S, Math.max(0, durationS));
    return baseWeight + VIEW_DWELL_BONUS * dwell / VIEW_DWELL_CAP_S;
  }

  /** Whether doing this towards someone is a decision about them, which keeps them out of later daily matches. */
  public boolean decides() {
    return switch (this) {
      case FAVORITE, UNFAVORITE, PASS, MESSAGE, REPLY, CALL -> true;
      case VIEW, BLOCK, UNBLOCK -> false;
    };
  }

  /**
   * Yes or no, when this is a decision with a verdict: a favorite, message, reply or call says yes, a pass or
   * unfavorite says no. What a candidate's history counts ({@code CandidateHistory}).
   */
  public Optional<Boolean> saysYes() {
    return switch (this) {
      case FAVORITE, MESSAGE, REPLY, CALL -> Optional.of(true);
      case PASS, UNFAVORITE -> Optional.of(false);
      case VIEW, BLOCK, UNBLOCK -> Optional.empty();
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<InteractionType> parse(String wireName) {
    if (wireName == null) return Optional.empty();
    for (InteractionType type : values()) {
      if (type.wireName().equals(wireName.strip().toLowerCase(Locale.ROOT))) return Optional.of(type);
    }
    return Optional.empty();
  }
}
