package io.limbic.analytics.matching.index;

/**
 * One row of the candidate index: a person is findable under this key. A read model stores these as columns
 * (tenant, cell, age_band, gender, seeks, user_id) with an index on them; {@link #asString()} is for key-value
 * stores.
 *
 * @param ageBand {@link io.limbic.analytics.matching.AgeBand} number, -1 for no birth year
 * @param gender the person's gender, {@link CandidateIndex#UNKNOWN_GENDER} when not given
 * @param seeks one gender they seek, {@link CandidateIndex#OPEN} when they stated none
 */
public record CandidateKey(String tenant, String cell, int ageBand, String gender, String seeks) {

  public String asString() {
    return tenant + "|" + cell + "|" + ageBand + "|" + gender + "|" + seeks;
  }
}
