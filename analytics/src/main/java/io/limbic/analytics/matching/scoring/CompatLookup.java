package io.limbic.analytics.matching.scoring;

import static io.limbic.analytics.matching.scoring.ScoringRow.GENDER;
import static io.limbic.analytics.matching.scoring.ScoringRow.GENDER_UNSEEN;
import static io.limbic.analytics.matching.scoring.ScoringRow.INTERESTS;
import static io.limbic.analytics.matching.scoring.ScoringRow.INTEREST_UNSEEN;
import static io.limbic.analytics.matching.scoring.ScoringRow.LANGUAGES;
import static io.limbic.analytics.matching.scoring.ScoringRow.LANGUAGE_UNSEEN;
import static io.limbic.analytics.matching.scoring.ScoringRow.PREFERENCE_END;
import static io.limbic.analytics.matching.scoring.ScoringRow.PREFERENCE_IDS;
import static io.limbic.analytics.matching.scoring.ScoringRow.PREFERENCE_INTERESTS;
import static io.limbic.analytics.matching.scoring.ScoringRow.PREFERENCE_LANGUAGES;
import static io.limbic.analytics.matching.scoring.ScoringRow.SCORE_OFFSET;
import static io.limbic.analytics.matching.scoring.ScoringRow.TERMS;

import io.limbic.analytics.matching.Traits;
import io.limbic.analytics.matching.preference.AttributePreference;
import io.limbic.analytics.matching.preference.PreferenceScores;
import java.util.Arrays;

/**
 * The searcher's side of {@link PreferenceScores#compat} laid out for scoring many candidates' {@link ScoringRow}s,
 * with the same answers to the last bit: {@link #forward} is how well the candidate fits the searcher's
 * preferences, {@link #backward} how well the searcher fits the candidate's. The compiled scores look each term up
 * by binary search; here:
 *
 * <ul>
 *   <li>forward: the searcher's scores spread over the term ids they hold, one array per attribute, so each of the
 *       candidate's terms is one array read;
 *   <li>backward: the searcher's terms marked in one array, so the candidate's preferences are read in one pass, in
 *       order, looking up each id there.
 * </ul>
 *
 * Term ids are the vocabulary's the searcher's and the candidates' traits were packed with; an id beyond the arrays
 * is one the searcher neither scored nor has. Built per searcher; immutable.
 */
final class CompatLookup {
  private static final double NEUTRAL = AttributePreference.NEUTRAL;
  private static final byte MY_GENDER = 1, MY_INTEREST = 2, MY_LANGUAGE = 4;

  private final PreferenceScores preferences;
  private final double[] genderScore;
  private final double[] interestScore;
  private final double[] languageScore;
  /** Bits per term id: the searcher's gender, interests and languages. */
  private final byte[] mine;
  private final int ageBand;
  private final boolean hasGender;
  private final int interestCount;
  private final int languageCount;
  private final double highestInterest;
  private final double highestLanguage;

  /**
   * @param preferences the searcher's compiled preferences
   * @param traits the searcher's traits, from the same vocabulary
   * @param ageBand the searcher's age band in the scoring year
   */
  CompatLookup(PreferenceScores preferences, Traits traits, int ageBand) {
    this.preferences = preferences;
    genderScore = spread(preferences, 0, preferences.interestsAt(), preferences.genderUnseen());
    interestScore = spread(preferences, preferences.interestsAt(), preferences.languagesAt(),
        preferences.interestUnseen());
    languageScore = spread(preferences, preferences.languagesAt(), preferences.termCount(),
        preferences.languageUnseen());
    int maxId = traits.gender();
    for (int i = 0; i < traits.interestCount(); i++) maxId = Math.max(maxId, traits.interest(i));
    for (int i = 0; i < traits.languageCount(); i++) maxId = Math.max(maxId, traits.language(i));
    mine = new byte[maxId + 1];
    hasGender = traits.gender() != Traits.NO_GENDER;
    if (hasGender) mine[traits.gender()] |= MY_GENDER;
    for (int i = 0; i < traits.interestCount(); i++) mine[traits.interest(i)] |= MY_INTEREST;
    for (int i = 0; i < traits.languageCount(); i++) mine[traits.language(i)] |= MY_LANGUAGE;
    this.ageBand = ageBand;
    interestCount = traits.interestCount();
    languageCount = traits.languageCount();
    highestInterest = preferences.highestInterest();
    highestLanguage = preferences.highestLanguage();
  }

  /** Exactly {@code searcher's preferences.compat(candidate's traits, candidateAgeBand, distanceBand)}. */
  double forward(double[] candidate, int candidateAgeBand, int distanceBand) {
    int languagesAt = TERMS + (int) candidate[INTERESTS];
    double interest = bestOf(candidate, TERMS, languagesAt, interestScore, preferences.interestUnseen());
    double language = bestOf(candidate, languagesAt, languagesAt + (int) candidate[LANGUAGES], languageScore,
        preferences.languageUnseen());
    return (preferences.age(candidateAgeBand) + genderFit(candidate, 0) + interest + language
        + preferences.distance(distanceBand)) / 5.0;
  }

  /**
   * At least {@link #forward}, from the candidate's head ({@link ScoringRow#HEAD}) at {@code at}, without reading
   * their terms: their age, gender and distance as they are,
   * their interests and languages at the searcher's best scores. The same sum in the same order with no part
   * smaller, so no rounding puts it below.
   */
  double highestForward(double[] head, int at, int candidateAgeBand, int distanceBand) {
    return (preferences.age(candidateAgeBand) + genderFit(head, at) + highestInterest + highestLanguage
        + preferences.distance(distanceBand)) / 5.0;
  }

  /** The searcher's score for the gender of the candidate whose head starts at {@code at}. */
  private double genderFit(double[] head, int at) {
    int gender = (int) head[at + GENDER];
    return gender == Traits.NO_GENDER ? NEUTRAL : at(genderScore, gender, preferences.genderUnseen());
  }

  /** Exactly {@code candidate's preferences.compat(searcher's traits, searcher's age band, distanceBand)}. */
  double backward(double[] candidate, int distanceBand) {
    int ids = (int) candidate[PREFERENCE_IDS], interestsAt = (int) candidate[PREFERENCE_INTERESTS],
        languagesAt = (int) candidate[PREFERENCE_LANGUAGES], end = (int) candidate[PREFERENCE_END],
        scoreOffset = (int) candidate[SCORE_OFFSET];
    double gender = NEUTRAL;
    if (hasGender) {
      gender = candidate[GENDER_UNSEEN];
      for (int p = ids; p < interestsAt; p++) {
        if (marked(candidate[p], MY_GENDER)) gender = candidate[p + scoreOffset];
      }
    }
    double interest = bestMarked(candidate, interestsAt, languagesAt, scoreOffset, MY_INTEREST, interestCount,
        candidate[INTEREST_UNSEEN]);
    double language = bestMarked(candidate, languagesAt, end, scoreOffset, MY_LANGUAGE, languageCount,
        candidate[LANGUAGE_UNSEEN]);
    return (ScoringRow.ageScore(candidate, ageBand) + gender + interest + language
        + ScoringRow.distanceScore(candidate, distanceBand)) / 5.0;
  }

  /** The best of the searcher's scores for the candidate's terms at [from, to); neutral when there are none. */
  private static double bestOf(double[] candidate, int from, int to, double[] byId, double unseen) {
    if (from == to) return NEUTRAL;
    double best = 0;
    for (int i = from; i < to; i++) best = Math.max(best, at(byId, (int) candidate[i], unseen));
    return best;
  }

  /**
   * The best of the candidate's preference scores at [from, to) for the searcher's terms of one attribute
   * ({@code count} of them; neutral when none); a term of the searcher's they have no score for counts at their
   * {@code unseen} score.
   */
  private double bestMarked(double[] candidate, int from, int to, int scoreOffset, byte attribute, int count,
      double unseen) {
    if (count == 0) return NEUTRAL;
    double best = 0;
    int found = 0;
    for (int p = from; p < to; p++) {
      if (marked(candidate[p], attribute)) {
        best = Math.max(best, candidate[p + scoreOffset]);
        found++;
      }
    }
    return found < count ? Math.max(best, unseen) : best;
  }

  private boolean marked(double id, byte attribute) {
    int i = (int) id;
    return i < mine.length && (mine[i] & attribute) != 0;
  }

  private static double at(double[] byId, int id, double unseen) {
    return id < byId.length ? byId[id] : unseen;
  }

  /** The scores of the terms at [from, to) at their ids, every other id up to the largest at {@code unseen}. */
  private static double[] spread(PreferenceScores preferences, int from, int to, double unseen) {
    int size = 0;
    for (int at = from; at < to; at++) size = Math.max(size, preferences.termId(at) + 1);
    double[] byId = new double[size];
    Arrays.fill(byId, unseen);
    for (int at = from; at < to; at++) byId[preferences.termId(at)] = preferences.termScore(at);
    return byId;
  }
}
