package io.limbic.analytics.matching.scoring;

import static io.limbic.analytics.matching.scoring.ScoringFixture.AMSTERDAM;
import static io.limbic.analytics.matching.scoring.ScoringFixture.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.eval.SyntheticPerson;
import io.limbic.analytics.matching.eval.SyntheticPopulation;
import io.limbic.analytics.matching.preference.Evidence;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceScores;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ceiling {@link DailyMatches} passes candidates over with: never below a candidate's score, whatever their
 * history, learned taste, peers or the model; the same matches as scoring everyone; and low enough to matter.
 */
class ScoreCeilingTest {
  private static final String[] INTERESTS = {"jazz", "golf", "film", "chess", "running", "sailing", "poetry"};
  private static final String[] LANGUAGES = {"nl", "en", "de", "fr"};
  private static final MatchWeights FITTED = MatchWeights.DEFAULT.withMutual(new MutualProbability(
      new MutualProbability.Side(-0.3, 0.8, 1.1, 0.9, 3.0, 1.5, 0.8, -0.5, 1.2, 0.3),
      new MutualProbability.Side(0.2, 1.0, 0.7, 1.3, 2.0, 0.5, -0.4, 0.6, 0.9, -0.2), "fitted", 500));

  /** People with learned tastes (each favorited a few others), histories, and decisions about one another. */
  private record Crowd(MatchCandidate searcher, List<MatchCandidate> candidates, PeerLean peers,
      Map<String, Double> interest) {}

  private static Crowd crowd(long seed) {
    Random random = new Random(seed);
    Map<String, Profile> profiles = new LinkedHashMap<>();
    for (int i = 0; i < 400; i++) {
      GeoPoint at = new GeoPoint(AMSTERDAM.lat() + random.nextGaussian() * 0.4,
          AMSTERDAM.lon() + random.nextGaussian() * 0.4);
      List<String> interests = new ArrayList<>(List.of(INTERESTS));
      Collections.shuffle(interests, random);
      profiles.put("p" + i, new Profile(random.nextInt(10) == 0 ? null : 1960 + random.nextInt(45),
          random.nextInt(12) == 0 ? null : random.nextBoolean() ? "m" : "f", Set.of(random.nextBoolean() ? "m" : "f"),
          random.nextInt(15) == 0 ? null : at, interests.subList(0, random.nextInt(4)),
          List.of(LANGUAGES[random.nextInt(LANGUAGES.length)]), "x".repeat(random.nextInt(300))));
    }
    List<String> ids = new ArrayList<>(profiles.keySet());
    PreferenceLearner learner = new PreferenceLearner(LearningSettings.DEFAULT);
    Vocabulary vocabulary = ScoringFixture.VOCABULARY;
    List<MatchCandidate> people = new ArrayList<>();
    Map<String, Map<String, Boolean>> given = new HashMap<>();
    for (String id : ids) {
      List<Evidence> evidence = new ArrayList<>();
      for (int k = random.nextInt(8); k > 0; k--) {
        evidence.add(new Evidence(ids.get(random.nextInt(ids.size())),
            random.nextBoolean() ? 1.0 : -0.5, NOW.minusSeconds(random.nextInt(86_400 * 30))));
      }
      PreferenceScores scores = PreferenceScores.of(learner.learn(id, profiles.get(id), evidence, profiles::get, NOW),
          vocabulary);
      int decisions = random.nextInt(30), received = random.nextInt(30);
      MatchCandidate person = MatchCandidate.of(ScoringFixture.TENANT, id, profiles.get(id), scores,
              NOW.minusSeconds(random.nextInt(86_400 * 20)), vocabulary)
          .withHistory(new CandidateHistory(random.nextInt(decisions + 1), decisions, random.nextInt(received + 1),
              received));
      people.add(person);
      if (random.nextInt(3) == 0) {
        Map<String, Boolean> verdicts = new HashMap<>();
        for (int k = 1 + random.nextInt(25); k > 0; k--) {
          verdicts.put(ids.get(random.nextInt(ids.size())), random.nextInt(3) > 0);
        }
        given.put(id, verdicts);
      }
    }
    MatchCandidate searcher = people.remove(0);
    Map<String, Double> interest = new HashMap<>();
    for (int k = 0; k < 15; k++) interest.put(ids.get(1 + random.nextInt(ids.size() - 1)), random.nextDouble() * 3 - 1);
    return new Crowd(searcher, people, new PeerLean(given), interest);
  }

  private static Searcher searcher(Crowd crowd) {
    return new Searcher(crowd.searcher(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), crowd.interest(),
        Map.of(), NOW);
  }

  @Test
  void noCandidateScoresAboveTheirCeiling() {
    int scored = 0;
    for (long seed = 1; seed <= 6; seed++) {
      Crowd crowd = crowd(seed);
      for (MatchWeights weights : List.of(MatchWeights.DEFAULT, FITTED)) {
        ReciprocalScorer scorer = new ReciprocalScorer(searcher(crowd), weights, 0.4, crowd.peers());
        for (MatchCandidate candidate : crowd.candidates()) {
          double score = scorer.scoreWithinDistance(candidate, -1), ceiling = scorer.ceiling(candidate);
          if (score < 0) {
            assertEquals(-1, ceiling, "too far either way: " + candidate.userId());
            continue;
          }
          assertTrue(ceiling >= score, candidate.userId() + ": ceiling " + ceiling + " below score " + score);
          scored++;
        }
      }
    }
    assertTrue(scored > 3000, "enough candidates scored: " + scored);
  }

  @Test
  void theDayIsTheSameAsScoringEveryone() {
    for (long seed = 1; seed <= 6; seed++) {
      Crowd crowd = crowd(seed);
      for (MatchWeights weights : List.of(MatchWeights.DEFAULT, FITTED)) {
        Searcher searcher = searcher(crowd);
        ReciprocalScorer scorer = new ReciprocalScorer(searcher, weights,
            MutualProbability.baseRate(crowd.candidates()), crowd.peers());
        List<String> everyone = crowd.candidates().stream().map(scorer::explain).filter(s -> s != null)
            .sorted(Comparator.comparingDouble(ReciprocalScore::score).reversed()).limit(10)
            .map(ReciprocalScore::userId).toList();
        List<String> day = DailyMatches.topN(searcher, crowd.candidates(), 10, weights, crowd.peers()).stream()
            .map(ReciprocalScore::userId).toList();
        assertEquals(everyone, day, "seed " + seed + ", " + weights.mutual().source());
      }
    }
  }

  /**
   * The same day and base rate from a {@link CandidateArray} (ceilings from its heads) as from a list: filled from
   * another array, and after each candidate is set to someone else and back, as the deep phase sets the table's
   * answer.
   */
  @Test
  void theDayFromAnArrayIsTheDayFromAList() {
    for (long seed = 1; seed <= 4; seed++) {
      Crowd crowd = crowd(seed);
      List<MatchCandidate> list = crowd.candidates();
      CandidateArray array = new CandidateArray(4);
      list.forEach(array::add);
      CandidateArray copied = new CandidateArray(1);
      for (int i = 0; i < array.size(); i++) copied.addFrom(array, i);
      assertSameDay(crowd, list, copied);
      List<MatchCandidate> fresh = list.stream().map(c -> c.withHistory(CandidateHistory.NONE)).toList();
      for (int i = 0; i < copied.size(); i++) copied.set(i, fresh.get(i));
      assertSameDay(crowd, fresh, copied);
      for (int i = 0; i < copied.size(); i++) copied.set(i, list.get(i));
      assertSameDay(crowd, list, copied);
    }
  }

  private static void assertSameDay(Crowd crowd, List<MatchCandidate> list, CandidateArray array) {
    assertEquals(list, array);
    assertEquals(MutualProbability.baseRate(list), MutualProbability.baseRate(array));
    for (MatchWeights weights : List.of(MatchWeights.DEFAULT, FITTED)) {
      Searcher searcher = searcher(crowd);
      assertEquals(DailyMatches.topN(searcher, list, 10, weights, crowd.peers()),
          DailyMatches.topN(searcher, array, 10, weights, crowd.peers()));
    }
  }

  /**
   * The idle benchmark's kind of pool: nobody has decided yet, tastes come from profiles alone, and the scores of
   * the best lie close together (and close to many ceilings).
   */
  private static List<MatchCandidate> undecided(int size) {
    Vocabulary vocabulary = new Vocabulary();
    PreferenceLearner learner = new PreferenceLearner(LearningSettings.DEFAULT);
    List<MatchCandidate> pool = new ArrayList<>();
    for (SyntheticPerson p : SyntheticPopulation.generate(3, size, NOW)) {
      PreferenceScores scores = PreferenceScores.of(learner.learn(p.id(), p.profile(), List.of(), id -> null, NOW),
          vocabulary);
      pool.add(MatchCandidate.of(SyntheticPopulation.TENANT, p.id(), p.profile(), scores, p.lastActiveAt(),
          vocabulary));
    }
    return pool;
  }

  @Test
  void anUndecidedPoolsDayIsTheSameAsScoringEveryone() {
    List<MatchCandidate> pool = undecided(5_000);
    for (int s = 0; s < 5; s++) {
      Searcher searcher = Searcher.fresh(pool.get(s * 997), NOW);
      ReciprocalScorer scorer = new ReciprocalScorer(searcher, MatchWeights.DEFAULT);
      List<String> everyone = pool.stream().map(scorer::explain).filter(x -> x != null)
          .sorted(Comparator.comparingDouble(ReciprocalScore::score).reversed()).limit(10)
          .map(ReciprocalScore::userId).toList();
      assertEquals(everyone, DailyMatches.topN(searcher, pool).stream().map(ReciprocalScore::userId).toList());
    }
  }

  /** What the ceiling is for: in a pool of thousands most people are settled by it, against the day's tenth best. */
  @Test
  void mostOfALargePoolIsSettledByTheCeilingAlone() {
    List<MatchCandidate> pool = undecided(5_000);
    Searcher searcher = Searcher.fresh(pool.get(0), NOW);
    ReciprocalScorer scorer = new ReciprocalScorer(searcher, MatchWeights.DEFAULT);
    double[] scores = pool.stream().mapToDouble(c -> scorer.scoreWithinDistance(c, -1)).filter(s -> s >= 0)
        .sorted().toArray();
    double tenth = scores[scores.length - 10];
    long settled = pool.stream().mapToDouble(scorer::ceiling).filter(c -> c >= 0 && c <= tenth).count();
    assertTrue(settled > 0.8 * scores.length, settled + " of " + scores.length + " settled by the ceiling");
  }
}
