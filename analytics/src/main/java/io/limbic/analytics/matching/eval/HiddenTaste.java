package io.limbic.analytics.matching.eval;

import io.limbic.analytics.matching.Profile;
import java.util.Set;

/**
 * What a synthetic person really wants; the learner never sees it, the evaluator judges against it.
 *
 * <p>utility(x -> y) = 0 if y's gender is not sought, else
 * {@code ageWeight * exp(-(age_y - idealAge)^2 / (2 ageTolerance^2)) + interestWeight * min(1, shared liked
 * interests / 2) + distanceWeight * exp(-km / distanceToleranceKm) + languageWeight * [a language in common]
 * + 0.15 * attractiveness_y}, where the four weights sum to 0.85. Attractiveness is the same for every viewer
 * (the part a popularity ranking can exploit); the rest is personal.
 */
public record HiddenTaste(
    double idealAge,
    double ageTolerance,
    Set<String> likedInterests,
    double distanceToleranceKm,
    double ageWeight,
    double interestWeight,
    double distanceWeight,
    double languageWeight) {

  static final double ATTRACTIVENESS_WEIGHT = 0.15;

  /** How much someone with this taste wants {@code other}, in [0, 1]. */
  public double utility(Profile self, SyntheticPerson other, int year) {
    Profile them = other.profile();
    if (them.gender() == null || !self.seeking().contains(them.gender())) return 0;
    double age = year - them.birthYear();
    double ageFit = Math.exp(-(age - idealAge) * (age - idealAge) / (2 * ageTolerance * ageTolerance));
    int shared = 0;
    for (String interest : them.interests()) {
      if (likedInterests.contains(interest)) shared++;
    }
    double interestFit = Math.min(1.0, shared / 2.0);
    double km = self.location().distanceKm(them.location());
    double distanceFit = Math.exp(-km / distanceToleranceKm);
    boolean commonLanguage = false;
    for (String language : them.languages()) commonLanguage |= self.languages().contains(language);
    return ageWeight * ageFit + interestWeight * interestFit + distanceWeight * distanceFit
        + languageWeight * (commonLanguage ? 1 : 0) + ATTRACTIVENESS_WEIGHT * other.attractiveness();
  }
}
