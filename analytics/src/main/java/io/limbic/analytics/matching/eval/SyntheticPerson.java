package io.limbic.analytics.matching.eval;

import io.limbic.analytics.matching.Profile;
import java.time.Instant;

/**
 * A generated member of the evaluation population.
 *
 * @param attractiveness in [0, 1], the same for every viewer
 */
public record SyntheticPerson(
    String id, Profile profile, HiddenTaste taste, double attractiveness, Instant lastActiveAt) {

  public double wants(SyntheticPerson other, int year) {
    return taste.utility(profile, other, year);
  }
}
