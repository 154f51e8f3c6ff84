package io.limbic.analytics.matching.preference;

import io.limbic.analytics.matching.AgeBand;
import io.limbic.analytics.matching.Attribute;
import io.limbic.analytics.matching.DistanceBand;
import io.limbic.analytics.matching.Traits;
import io.limbic.analytics.matching.Vocabulary;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link PreferenceModel} compiled for scoring many candidates: every score shrunk by confidence once, here, and
 * laid out in one score array and one id array (terms as sorted ids of the tenant's {@link Vocabulary}), because
 * at 100,000 candidates per searcher the cost is memory reads, not arithmetic. Score candidates only with
 * {@link Traits} from the same vocabulary.
 *
 * <p>compat = the plain mean of the five attribute scores, as in RECON; an attribute the user has shown no taste
 * for sits at neutral and so shifts every candidate alike instead of reordering them. Multi-valued attributes
 * score by the candidate's best value: one shared passion is what starts a conversation.
 */
public final class PreferenceScores {
  private static final double NEUTRAL = AttributePreference.NEUTRAL;
  private static final int DISTANCE_AT = AgeBand.COUNT;
  private static final int TERMS_AT = AgeBand.COUNT + DistanceBand.COUNT;
  private static final PreferenceScores NONE = of(PreferenceModel.none("", Instant.EPOCH), new Vocabulary());

  /** Age bands, distance bands, then the score of each id in {@link #ids}, position for position. */
  private final double[] scores;
  /** Gender ids, interest ids, language ids: three sorted runs. */
  private final int[] ids;
  private final int interestsAt;
  private final int languagesAt;
  private final double genderUnseen;
  private final double interestUnseen;
  private final double languageUnseen;

  private PreferenceScores(PreferenceModel model, Vocabulary vocabulary) {
    Map<Integer, Double> gender = byId(model.of(Attribute.GENDER), vocabulary);
    Map<Integer, Double> interest = byId(model.of(Attribute.INTEREST), vocabulary);
    Map<Integer, Double> language = byId(model.of(Attribute.LANGUAGE), vocabulary);
    interestsAt = gender.size();
    languagesAt = interestsAt + interest.size();
    ids = new int[languagesAt + language.size()];
    scores = new double[TERMS_AT + ids.length];
    AttributePreference ages = model.of(Attribute.AGE_BAND);
    for (int band = 0; band < AgeBand.COUNT; band++) scores[band] = ages.score(AgeBand.label(band));
    AttributePreference distances = model.of(Attribute.DISTANCE_BAND);
    for (int band = 0; band < DistanceBand.COUNT; band++) {
      scores[DISTANCE_AT + band] = distances.score(DistanceBand.label(band));
    }
    int at = 0;
    for (Map<Integer, Double> run : java.util.List.of(gender, interest, language)) {
      for (Map.Entry<Integer, Double> entry : run.entrySet()) {
        ids[at] = entry.getKey();
        scores[TERMS_AT + at++] = entry.getValue();
      }
    }
    genderUnseen = unseen(model.of(Attribute.GENDER));
    interestUnseen = unseen(model.of(Attribute.INTEREST));
    languageUnseen = unseen(model.of(Attribute.LANGUAGE));
  }

  public static PreferenceScores of(PreferenceModel model, Vocabulary vocabulary) {
    return new PreferenceScores(model, vocabulary);
  }

  /** Scores for someone whose preferences are unknown: every candidate is neutral to them. */
  public static PreferenceScores none() {
    return NONE;
  }

  public double age(int band) {
    return band == AgeBand.UNKNOWN ? NEUTRAL : scores[band];
  }

  public double distance(int band) {
    return band == DistanceBand.UNKNOWN ? NEUTRAL : scores[DISTANCE_AT + band];
  }

  /** How well someone with these traits fits these preferences, in [0, 1]. */
  public double compat(Traits other, int ageBand, int distanceBand) {
    double genderScore = other.gender() == Traits.NO_GENDER
        ? NEUTRAL : score(0, interestsAt, other.gender(), genderUnseen);
    double interestScore = NEUTRAL;
    if (other.interestCount() > 0) {
      interestScore = 0;
      for (int i = 0; i < other.interestCount(); i++) {
        interestScore = Math.max(interestScore, score(interestsAt, languagesAt, other.interest(i), interestUnseen));
      }
    }
    double languageScore = NEUTRAL;
    if (other.languageCount() > 0) {
      languageScore = 0;
      for (int i = 0; i < other.languageCount(); i++) {
        languageScore = Math.max(languageScore, score(languagesAt, ids.length, other.language(i), languageUnseen));
      }
    }
    return (age(ageBand) + genderScore + interestScore + languageScore + distance(distanceBand)) / 5.0;
  }

  /**
   * The most {@link #compat} can give anyone: each attribute at its best score (neutral included, which an unknown
   * value or an attribute without terms gets), summed in compat's order, so that no candidate's compat exceeds it
   * even to the last bit (each sum's rounding is monotone).
   */
  public double highestCompat() {
    double age = NEUTRAL, distance = NEUTRAL;
    for (int band = 0; band < AgeBand.COUNT; band++) age = Math.max(age, scores[band]);
    for (int band = 0; band < DistanceBand.COUNT; band++) distance = Math.max(distance, scores[DISTANCE_AT + band]);
    return (age + highest(0, interestsAt, genderUnseen) + highestInterest() + highestLanguage() + distance) / 5.0;
  }

  /** The most compat's interest part can be: the best interest score, an unseen interest's or neutral. */
  public double highestInterest() {
    return highest(interestsAt, languagesAt, interestUnseen);
  }

  /** As {@link #highestInterest}, for languages. */
  public double highestLanguage() {
    return highest(languagesAt, ids.length, languageUnseen);
  }

  private double highest(int from, int to, double unseen) {
    double best = Math.max(NEUTRAL, unseen);
    for (int at = from; at < to; at++) best = Math.max(best, scores[TERMS_AT + at]);
    return best;
  }

  /** How many terms have a score: gender terms, then interests from {@link #interestsAt}, then languages. */
  public int termCount() {
    return ids.length;
  }

  /** The vocabulary id of the term at {@code at}; each of the three runs is sorted. */
  public int termId(int at) {
    return ids[at];
  }

  public double termScore(int at) {
    return scores[TERMS_AT + at];
  }

  public int interestsAt() {
    return interestsAt;
  }

  public int languagesAt() {
    return languagesAt;
  }

  /** The score of a gender, interest or language without a score of its own. */
  public double genderUnseen() {
    return genderUnseen;
  }

  public double interestUnseen() {
    return interestUnseen;
  }

  public double languageUnseen() {
    return languageUnseen;
  }

  /** Age bands scoring at least {@code floor}: the bands worth querying the candidate index for. */
  public int[] acceptableAgeBands(double floor) {
    return java.util.stream.IntStream.range(0, AgeBand.COUNT).filter(b -> scores[b] >= floor).toArray();
  }

  private double score(int from, int to, int id, double unseen) {
    int at = Arrays.binarySearch(ids, from, to, id);
    return at >= 0 ? scores[TERMS_AT + at] : unseen;
  }

  private static Map<Integer, Double> byId(AttributePreference preference, Vocabulary vocabulary) {
    Map<Integer, Double> byId = new TreeMap<>();
    preference.weights().forEach((term, weight) -> byId.put(vocabulary.id(term), preference.shrink(weight)));
    return byId;
  }

  private static double unseen(AttributePreference preference) {
    return preference.shrink(preference.unseenWeight());
  }
}
