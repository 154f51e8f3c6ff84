package io.limbic.analytics.matching.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.limbic.analytics.matching.scoring.ScoringFixture.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class MutualProbabilityTest {
  private static final MatchCandidate ANNA = person("anna", profile(1995, "f", "m", AMSTERDAM, "jazz"));
  private static final MatchCandidate BRAM = person("bram", profile(1994, "m", "f", AMSTERDAM, "jazz"));
  private static final MutualProbability RATES_ONLY = new MutualProbability(
      new MutualProbability.Side(0, 1, 1, 1, 0, 0, 0, 0, 0, 0), new MutualProbability.Side(0, 1, 1, 1, 0, 0, 0, 0, 0, 0),
      "default", 0);
  private static final double[] NEUTRAL_CONTEXT = {0.5, 0.5, 0.5, 0.5};

  @Test
  void ratesAtTheBaseGiveTheBaseRate() {
    double base = MutualProbability.logit(0.4);
    assertEquals(0.4, RATES_ONLY.forward(0.4, 0.9, 0.7, base, base, NEUTRAL_CONTEXT), 1e-12);
    assertEquals(0.4, RATES_ONLY.backward(0.4, 0.1, -0.7, base, base, NEUTRAL_CONTEXT), 1e-12);
  }

  @Test
  void factorsAreAdditiveOnTheLogitScale() {
    double z = MutualProbability.logit(0.8) + MutualProbability.logit(0.3) - MutualProbability.logit(0.5);
    assertEquals(1 / (1 + Math.exp(-z)),
        RATES_ONLY.forward(0.3, 0.5, 0, MutualProbability.logit(0.8), 0, NEUTRAL_CONTEXT), 1e-12);
    MutualProbability taste = MutualProbability.ofSlopes(4, 0);
    assertTrue(taste.forward(0.5, 0.8, 0, 0, 0, NEUTRAL_CONTEXT) > taste.forward(0.5, 0.2, 0, 0, 0, NEUTRAL_CONTEXT),
        "liked attributes raise P(yes)");
    assertTrue(taste.forward(0.5, 0.5, 0.4, 0, 0, NEUTRAL_CONTEXT) > taste.forward(0.5, 0.5, -0.4, 0, 0,
        NEUTRAL_CONTEXT), "a yes from like-deciding people raises P(yes)");
    double lean = 0.3, direct = MutualProbability.sigmoid(MutualProbability.DEFAULT_PEERS * lean);
    assertEquals(direct, taste.forward(0.5, 0.5, lean, 0, 0, NEUTRAL_CONTEXT), 1e-12);
  }

  @Test
  void theBaseRateComesFromThePoolsDecisionsWithThePrior() {
    MatchCandidate a = BRAM.withHistory(new CandidateHistory(2, 10, 3, 10));
    MatchCandidate b = BRAM.withHistory(new CandidateHistory(1, 6, 0, 0));
    assertEquals((2 + 3 + 1 + 2.0) / (4 + 20 + 6), MutualProbability.baseRate(List.of(a, b)), 1e-12);
    assertEquals(0.5, MutualProbability.baseRate(List.of()), 1e-12);
  }

  @Test
  void aMutualRankingPrefersSomeoneLikelyToSayYesBack() {
    MatchWeights mutual = MatchWeights.DEFAULT.withMutual(MutualProbability.ofSlopes(0, 0));
    MatchCandidate eager = BRAM.withHistory(new CandidateHistory(18, 20, 10, 20));
    MatchCandidate choosy = BRAM.withHistory(new CandidateHistory(1, 20, 10, 20));
    ReciprocalScorer scorer = new ReciprocalScorer(Searcher.fresh(ANNA, NOW), mutual, 0.5);
    assertTrue(scorer.score(eager) > scorer.score(choosy));
  }
}
