package io.limbic.analytics.matching.scoring;

import io.limbic.analytics.matching.AgeBand;
import io.limbic.analytics.matching.DistanceBand;
import io.limbic.analytics.matching.Traits;
import io.limbic.analytics.matching.preference.AttributePreference;
import io.limbic.analytics.matching.preference.PreferenceScores;
import java.time.Instant;
import java.util.Arrays;

/**
 * Everything {@link ReciprocalScorer} reads of one candidate, in one array: their location, birth year and terms,
 * their compiled preferences, their history's rates (and their logits), completeness and last activity. A deep
 * phase scores 40,000 candidates one after the other, and read through the candidate's objects (traits, their term
 * array, the preferences, its two arrays, the history, the instant) each candidate was eight dependent object
 * reads, each a likely cache miss; one array is one read and a run of adjacent lines.
 *
 * <p>Ids and counts are held as doubles (exact: they are ints). Derived from the candidate's other fields, so it is
 * equal whenever they are. Immutable: the array never leaves this package.
 */
public final class ScoringRow {
  static final int LAT = 0, LON = 1, COS_LAT = 2, BIRTH_YEAR = 3, GENDER = 4, INTERESTS = 5, LANGUAGES = 6,
      COMPLETENESS = 7, LAST_ACTIVE_S = 8, DESIRABILITY = 9, YES_RATE = 10, RECEIVED_WEIGHT = 11,
      GIVEN_WEIGHT = 12, DESIRABILITY_LOGIT = 13, YES_RATE_LOGIT = 14,
      /** {@link PreferenceScores#highestCompat} of the candidate's preferences: compat backward is never more. */
      HIGHEST_COMPAT = 15,
      /** Yes verdicts and decisions, given and received, as {@link MutualProbability#baseRate} counts them. */
      YES_COUNT = 16, DECISION_COUNT = 17,
      /**
       * The head: the values before it are all a candidate's ceiling and context need ({@link ReciprocalScorer}),
       * which {@link CandidateArray} keeps side by side for a whole pool.
       */
      HEAD = 18,
      GENDER_UNSEEN = 18, INTEREST_UNSEEN = 19, LANGUAGE_UNSEEN = 20,
      /** Where the preferences' term ids start; then the interest run, the language run, the end of the ids. */
      PREFERENCE_IDS = 21, PREFERENCE_INTERESTS = 22, PREFERENCE_LANGUAGES = 23, PREFERENCE_END = 24,
      /** How far a preference's score is after its id. */
      SCORE_OFFSET = 25,
      AGE_SCORES = 26, DISTANCE_SCORES = AGE_SCORES + AgeBand.COUNT,
      /** The candidate's interest ids, then their language ids. */
      TERMS = DISTANCE_SCORES + DistanceBand.COUNT;

  final double[] values;

  private ScoringRow(double[] values) {
    this.values = values;
  }

  /**
   * @param lastActiveAt null when never seen active (exact for any instant before the year 285,000,000: its epoch
   *     seconds are held as a double)
   */
  static ScoringRow of(Traits traits, PreferenceScores preferences, Instant lastActiveAt, double completeness,
      CandidateHistory history) {
    int interests = traits.interestCount(), languages = traits.languageCount(), terms = preferences.termCount();
    int idsAt = TERMS + interests + languages;
    double[] v = new double[idsAt + 2 * terms];
    v[LAT] = traits.latRad();
    v[LON] = traits.lonRad();
    v[COS_LAT] = traits.cosLat();
    v[BIRTH_YEAR] = traits.birthYear();
    v[GENDER] = traits.gender();
    v[INTERESTS] = interests;
    v[LANGUAGES] = languages;
    v[COMPLETENESS] = completeness;
    v[LAST_ACTIVE_S] = lastActiveAt == null ? Double.NaN : lastActiveAt.getEpochSecond();
    v[DESIRABILITY] = history.desirability();
    v[YES_RATE] = history.yesRate();
    v[RECEIVED_WEIGHT] = history.receivedWeight();
    v[GIVEN_WEIGHT] = history.givenWeight();
    v[DESIRABILITY_LOGIT] = MutualProbability.logit(history.desirability());
    v[YES_RATE_LOGIT] = MutualProbability.logit(history.yesRate());
    v[HIGHEST_COMPAT] = preferences.highestCompat();
    v[YES_COUNT] = Math.max(0, history.yesGiven()) + Math.max(0, history.yesReceived());
    v[DECISION_COUNT] = Math.max(0, history.decisionsGiven()) + Math.max(0, history.decisionsReceived());
    v[GENDER_UNSEEN] = preferences.genderUnseen();
    v[INTEREST_UNSEEN] = preferences.interestUnseen();
    v[LANGUAGE_UNSEEN] = preferences.languageUnseen();
    v[PREFERENCE_IDS] = idsAt;
    v[PREFERENCE_INTERESTS] = idsAt + preferences.interestsAt();
    v[PREFERENCE_LANGUAGES] = idsAt + preferences.languagesAt();
    v[PREFERENCE_END] = idsAt + terms;
    v[SCORE_OFFSET] = terms;
    for (int band = 0; band < AgeBand.COUNT; band++) v[AGE_SCORES + band] = preferences.age(band);
    for (int band = 0; band < DistanceBand.COUNT; band++) v[DISTANCE_SCORES + band] = preferences.distance(band);
    for (int i = 0; i < interests; i++) v[TERMS + i] = traits.interest(i);
    for (int i = 0; i < languages; i++) v[TERMS + interests + i] = traits.language(i);
    for (int at = 0; at < terms; at++) {
      v[idsAt + at] = preferences.termId(at);
      v[idsAt + terms + at] = preferences.termScore(at);
    }
    return new ScoringRow(v);
  }

  /** Whether the candidate whose head starts at {@code at} has a location. */
  static boolean located(double[] v, int at) {
    return !Double.isNaN(v[at + LAT]);
  }

  /** The age band in {@code year} of the candidate whose head starts at {@code at}. */
  static int ageBand(double[] v, int at, int year) {
    return Traits.ageBand((int) v[at + BIRTH_YEAR], year);
  }

  /** As {@link PreferenceScores#age}. */
  static double ageScore(double[] v, int band) {
    return band == AgeBand.UNKNOWN ? AttributePreference.NEUTRAL : v[AGE_SCORES + band];
  }

  /** As {@link PreferenceScores#distance}. */
  static double distanceScore(double[] v, int band) {
    return band == DistanceBand.UNKNOWN ? AttributePreference.NEUTRAL : v[DISTANCE_SCORES + band];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoringRow other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ScoringRow[" + values.length + " values]";
  }
}
