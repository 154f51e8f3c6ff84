package io.limbic.analytics.matching.scoring;

import static io.limbic.analytics.matching.scoring.ScoringFixture.AMSTERDAM;
import static io.limbic.analytics.matching.scoring.ScoringFixture.NOW;
import static io.limbic.analytics.matching.scoring.ScoringFixture.PARIS;
import static io.limbic.analytics.matching.scoring.ScoringFixture.UTRECHT;
import static io.limbic.analytics.matching.scoring.ScoringFixture.person;
import static io.limbic.analytics.matching.scoring.ScoringFixture.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.PreferenceScores;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReciprocalScoreTest {
  private static final Profile JAZZ_WOMAN = profile(1996, "f", "m", UTRECHT, "jazz");
  private static final Profile JAZZ_MAN = profile(1995, "m", "f", UTRECHT, "jazz");
  private static final MatchCandidate ANNA = person("anna", profile(1995, "f", "m", AMSTERDAM, "jazz"),
      Map.of("jm1", JAZZ_MAN, "jm2", JAZZ_MAN, "jm3", JAZZ_MAN));
  private static final MatchCandidate BRAM = person("bram", profile(1994, "m", "f", AMSTERDAM, "jazz"),
      Map.of("jw1", JAZZ_WOMAN, "jw2", JAZZ_WOMAN, "jw3", JAZZ_WOMAN));
  private static final MatchCandidate CAS = person("cas", profile(1960, "m", "m", AMSTERDAM, "golf"));

  private static ReciprocalScorer scorerFor(Searcher searcher) {
    return new ReciprocalScorer(searcher, MatchWeights.DEFAULT);
  }

  @Test
  void harmonicMeanIsZeroWhenEitherSideIsZero() {
    assertEquals(0, ReciprocalScore.harmonicMean(0, 0.9));
    assertEquals(0, ReciprocalScore.harmonicMean(0.9, 0));
    assertEquals(0.5, ReciprocalScore.harmonicMean(0.5, 0.5), 1e-12);
    assertEquals(2 * 0.9 * 0.1 / 1.0, ReciprocalScore.harmonicMean(0.9, 0.1), 1e-12);
  }

  @Test
  void harmonicMeanStaysNearTheWeakerSide() {
    double h = ReciprocalScore.harmonicMean(0.9, 0.2);
    assertTrue(h > 0.2 && h < (0.9 + 0.2) / 2);
    assertEquals(h, ReciprocalScore.harmonicMean(0.2, 0.9), 1e-12);
  }

  @Test
  void compatScoresWhatThePersonRespondsTo() {
    PreferenceScores bram = BRAM.preferences();
    double anna = bram.compat(ANNA.traits(), ANNA.traits().ageBand(2026), 1);
    double cas = bram.compat(CAS.traits(), CAS.traits().ageBand(2026), 1);
    assertTrue(anna > cas + 0.2, anna + " vs " + cas);
    assertTrue(anna <= 1 && cas >= 0);
  }

  @Test
  void aMutualFitScoresHigherThanAOneSidedOne() {
    // cas would fit bram's taste no better, and cas does not seek women, so he does not want anna back
    ReciprocalScore mutual = scorerFor(Searcher.fresh(ANNA, NOW)).explain(BRAM);
    ReciprocalScore oneSided = scorerFor(Searcher.fresh(ANNA, NOW)).explain(CAS);
    assertTrue(mutual.score() > oneSided.score() + 0.1, mutual + " vs " + oneSided);
    assertTrue(mutual.score() > 0 && mutual.score() <= 1);
  }

  @Test
  void theBreakdownNamesEveryComponent() {
    ReciprocalScore score = scorerFor(Searcher.fresh(ANNA, NOW)).explain(BRAM);
    assertEquals(Set.of("compatForward", "compatBackward", "desirability", "yesRate", "reciprocal", "completeness",
        "recency", "distanceKm", "distance", "mutualInterest", "context", "score", "searcherYesRate",
        "searcherDesirability", "peerForward", "peerBackward"), score.breakdown().keySet());
    Map<String, Double> b = score.breakdown();
    // Nobody has history (every rate is the prior's 0.5, at the base rate) and no peers: P(mutual) is taste alone.
    double forward = 1 / (1 + Math.exp(-4 * (b.get("compatForward") - 0.5)));
    double backward = 1 / (1 + Math.exp(-4 * (b.get("compatBackward") - 0.5)));
    assertEquals(forward * backward, b.get("reciprocal"), 1e-12);
    assertEquals(b.get("reciprocal") * (0.6 + 0.4 * b.get("context")), score.score(), 1e-12);
    ReciprocalScore harmonic = new ReciprocalScorer(Searcher.fresh(ANNA, NOW), MatchWeights.DEFAULT.withMutual(null))
        .explain(BRAM);
    Map<String, Double> h = harmonic.breakdown();
    assertEquals(ReciprocalScore.harmonicMean(h.get("compatForward"), h.get("compatBackward")), h.get("reciprocal"),
        1e-12);
    assertEquals(1.0, b.get("recency"), 1e-12);
    assertEquals(0.0, b.get("distanceKm"), 1e-9);
  }

  @Test
  void blocksExcludeBothWays() {
    Searcher blocking =
        new Searcher(ANNA, Set.of("bram"), Set.of(), Set.of(), Set.of(), Set.of(), Map.of(), Map.of(), NOW);
    Searcher blocked =
        new Searcher(ANNA, Set.of(), Set.of("bram"), Set.of(), Set.of(), Set.of(), Map.of(), Map.of(), NOW);
    assertEquals(Exclusion.BLOCKED_BY_SEARCHER, scorerFor(blocking).exclusion(BRAM));
    assertEquals(Exclusion.BLOCKED_SEARCHER, scorerFor(blocked).exclusion(BRAM));
    assertEquals(-1, scorerFor(blocking).score(BRAM));
    assertEquals(-1, scorerFor(blocked).score(BRAM));
    assertNull(scorerFor(blocked).explain(BRAM));
  }

  @Test
  void passedMatchedDecidedSelfAndOtherTenantsAreExcluded() {
    Searcher searcher = new Searcher(ANNA, Set.of(), Set.of(), Set.of("bram"), Set.of("cas"), Set.of("dirk"),
        Map.of(), Map.of(), NOW);
    MatchCandidate dirk = person("dirk", profile(1994, "m", "f", AMSTERDAM, "jazz"));
    assertEquals(Exclusion.DECIDED, scorerFor(searcher).exclusion(dirk));
    assertEquals(-1, scorerFor(searcher).score(dirk));
    assertEquals(Exclusion.PASSED, scorerFor(searcher).exclusion(BRAM));
    assertEquals(Exclusion.ALREADY_MATCHED, scorerFor(searcher).exclusion(CAS));
    assertEquals(Exclusion.SELF, scorerFor(searcher).exclusion(ANNA));
    MatchCandidate elsewhere = MatchCandidate.of("t2", "bram", BRAM.profile(), BRAM.preferences(), NOW,
        ScoringFixture.VOCABULARY);
    assertEquals(Exclusion.OTHER_TENANT, scorerFor(Searcher.fresh(ANNA, NOW)).exclusion(elsewhere));
    assertNull(scorerFor(Searcher.fresh(ANNA, NOW)).exclusion(BRAM));
  }

  @Test
  void candidatesBeyondTheMaximumDistanceAreExcluded() {
    MatchCandidate parisian = person("pierre", profile(1994, "m", "f", PARIS, "jazz"));
    assertEquals(Exclusion.TOO_FAR, scorerFor(Searcher.fresh(ANNA, NOW)).exclusion(parisian));
    ReciprocalScorer farReach = new ReciprocalScorer(Searcher.fresh(ANNA, NOW),
        MatchWeights.DEFAULT.withMaxDistanceKm(1000));
    assertNull(farReach.exclusion(parisian));
    assertEquals(1 - farReach.explain(parisian).breakdown().get("distanceKm") / 1000,
        farReach.explain(parisian).breakdown().get("distance"), 1e-12);
  }

  @Test
  void interestAlreadyShownRaisesTheScore() {
    Searcher plain = Searcher.fresh(ANNA, NOW);
    Searcher shown = new Searcher(ANNA, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Map.of("bram", 2.0),
        Map.of("bram", 1.0), NOW);
    assertTrue(scorerFor(shown).score(BRAM) > scorerFor(plain).score(BRAM));
    assertEquals(((1 - Math.exp(-2)) + (1 - Math.exp(-1))) / 2,
        scorerFor(shown).explain(BRAM).breakdown().get("mutualInterest"), 1e-12);
  }

  @Test
  void inactivityLowersTheScoreByHalfPerHalfLife() {
    MatchCandidate away = new MatchCandidate(BRAM.tenant(), BRAM.userId(), BRAM.profile(), BRAM.preferences(),
        NOW.minus(Duration.ofDays(7)), BRAM.completeness(), BRAM.traits(), CandidateHistory.NONE);
    assertEquals(0.5, scorerFor(Searcher.fresh(ANNA, NOW)).explain(away).breakdown().get("recency"), 1e-9);
  }

  @Test
  void unknownPreferencesAreNeutralNotZero() {
    Vocabulary vocabulary = new Vocabulary();
    MatchCandidate blank = MatchCandidate.of("t1", "new", Profile.empty(), PreferenceScores.none(), null, vocabulary);
    assertEquals(0.5, PreferenceScores.none().compat(blank.traits(), -1, -1), 1e-12);
  }

  @Test
  void theOtherSideShowsThroughTheCandidatesHistoryShrunkTowardsThePriorWhenShort() {
    MatchCandidate eager = BRAM.withHistory(new CandidateHistory(18, 20, 15, 20));
    MatchCandidate choosy = BRAM.withHistory(new CandidateHistory(1, 20, 2, 20));
    ReciprocalScorer scorer = scorerFor(Searcher.fresh(ANNA, NOW));
    assertTrue(scorer.score(eager) > scorer.score(BRAM));
    assertTrue(scorer.score(BRAM) > scorer.score(choosy));
    assertEquals((18 + 2) / 24.0, scorer.explain(eager).breakdown().get("yesRate"), 1e-12);
    assertEquals((15 + 2) / 24.0, scorer.explain(eager).breakdown().get("desirability"), 1e-12);
    assertEquals(0.5, scorer.explain(BRAM).breakdown().get("yesRate"), 1e-12, "no history: the prior");
    assertEquals((1 + 2) / 5.0, new CandidateHistory(1, 1, 0, 0).yesRate(), 1e-12, "one yes is no certainty");
  }
}
