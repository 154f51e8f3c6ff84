package io.limbic.analytics.matching.preference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How preferences are learned.
 *
 * @param halfLife evidence loses half its weight over this time; tastes drift and old favorites may be stale
 *     (default 30 days)
 * @param statedPriorStrength pseudo-evidence for each stated "seeking" value (default 5): as strong as five
 *     favorites, so behaviour can overrule what was stated but needs to do so repeatedly
 * @param homophilyPriorStrength pseudo-evidence for "people like me" (own age band, interests, languages, nearby),
 *     default 1: enough to break ties for newcomers, gone after a few interactions
 * @param smoothing pseudo-count every value has (default 0.5), so that an unseen value is unlikely, not impossible
 * @param confidenceHalfEvidence evidence at which confidence reaches one half (default 5)
 * @param neighbourShare share of an ordinal value's evidence given to each adjacent band (default 0.25)
 */
public record LearningSettings(
    Duration halfLife,
    double statedPriorStrength,
    double homophilyPriorStrength,
    double smoothing,
    double confidenceHalfEvidence,
    double neighbourShare) {

  public static final LearningSettings DEFAULT =
      new LearningSettings(Duration.ofDays(30), 5.0, 1.0, 0.5, 5.0, 0.25);

  public LearningSettings withHalfLife(Duration halfLife) {
    return new LearningSettings(halfLife, statedPriorStrength, homophilyPriorStrength, smoothing,
        confidenceHalfEvidence, neighbourShare);
  }

  public List<String> validate() {
    List<String> errors = new ArrayList<>();
    if (halfLife == null || halfLife.isZero() || halfLife.isNegative()) errors.add("halfLife must be positive");
    if (!(statedPriorStrength >= 0)) errors.add("statedPriorStrength must be >= 0");
    if (!(homophilyPriorStrength >= 0)) errors.add("homophilyPriorStrength must be >= 0");
    if (!(smoothing > 0)) errors.add("smoothing must be > 0");
    if (!(confidenceHalfEvidence > 0)) errors.add("confidenceHalfEvidence must be > 0");
    if (!(neighbourShare >= 0 && neighbourShare <= 0.5)) errors.add("neighbourShare must be in [0, 0.5]");
    return List.copyOf(errors);
  }
}
