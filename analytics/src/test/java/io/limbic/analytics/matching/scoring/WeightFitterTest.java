package io.limbic.analytics.matching.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WeightFitterTest {

  /** A logged match whose outcome depends on nearness alone, as it might for an app about meeting tonight. */
  private static WeightFitter.Outcome nearnessDecides(Random random) {
    Map<String, Double> b = new LinkedHashMap<>();
    for (String feature : FittedWeights.FEATURES) b.put(feature, random.nextDouble());
    double p = 1 / (1 + Math.exp(-10 * (b.get("distance") - 0.6)));
    return new WeightFitter.Outcome(b, random.nextDouble() < p);
  }

  /** The default formula of {@link MatchWeights} on a breakdown's features, for a candidate with a long history. */
  private static double byDefaults(Map<String, Double> b) {
    MatchWeights w = MatchWeights.DEFAULT;
    double h = w.historyShare();
    double reciprocal = ReciprocalScore.harmonicMean((1 - h) * b.get("compatForward") + h * b.get("desirability"),
        (1 - h) * b.get("compatBackward") + h * b.get("yesRate"));
    double context = (w.completeness() * b.get("completeness") + w.recency() * b.get("recency")
        + w.distance() * b.get("distance") + w.mutualInterest() * b.get("mutualInterest")) / w.contextWeightSum();
    return reciprocal * ((1 - w.contextShare()) + w.contextShare() * context);
  }

  private static double auc(List<WeightFitter.Outcome> outcomes, Function<Map<String, Double>, Double> score) {
    double wins = 0;
    long pairs = 0;
    for (WeightFitter.Outcome p : outcomes) {
      if (!p.positive()) continue;
      for (WeightFitter.Outcome n : outcomes) {
        if (n.positive()) continue;
        pairs++;
        int c = Double.compare(score.apply(p.breakdown()), score.apply(n.breakdown()));
        wins += c > 0 ? 1 : c == 0 ? 0.5 : 0;
      }
    }
    return wins / pairs;
  }

  @Test
  void weightsFittedOnATenantsOutcomesBeatTheDefaultsOnNewOutcomesOfThatTenant() {
    Random random = new Random(7);
    List<WeightFitter.Outcome> logged = new ArrayList<>(), later = new ArrayList<>();
    for (int i = 0; i < 600; i++) logged.add(nearnessDecides(random));
    for (int i = 0; i < 600; i++) later.add(nearnessDecides(random));
    FittedWeights fitted = WeightFitter.fit(logged).orElseThrow();
    assertEquals("fitted", fitted.source());
    assertEquals(600, fitted.outcomes());
    double learned = auc(later, b -> fitted.score(WeightFitter.features(b)));
    double defaults = auc(later, WeightFitterTest::byDefaults);
    assertTrue(learned > defaults + 0.1, "fitted " + learned + " vs defaults " + defaults);
    // nearness carries the weight; the features the outcomes ignore stay near 0
    Map<String, Double> named = fitted.named();
    for (Map.Entry<String, Double> e : named.entrySet()) {
      if (!e.getKey().equals("distance")) {
        assertTrue(Math.abs(e.getValue()) < named.get("distance") / 4, e.getKey() + ": " + named);
      }
    }
  }

  @Test
  void aTenantWithTooFewOutcomesKeepsTheDefaults() {
    Random random = new Random(8);
    List<WeightFitter.Outcome> few = new ArrayList<>();
    for (int i = 0; i < WeightFitter.MIN_OUTCOMES - 1; i++) few.add(nearnessDecides(random));
    assertEquals(Optional.empty(), WeightFitter.fit(few));
    List<WeightFitter.Outcome> noPositives = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      noPositives.add(new WeightFitter.Outcome(nearnessDecides(random).breakdown(), i < WeightFitter.MIN_POSITIVES - 1));
    }
    assertEquals(Optional.empty(), WeightFitter.fit(noPositives));
  }

  @Test
  void fittedWeightsReplaceTheFormulaInTheScorer() {
    List<WeightFitter.Outcome> logged = new ArrayList<>();
    Random random = new Random(9);
    for (int i = 0; i < 300; i++) logged.add(nearnessDecides(random));
    FittedWeights fitted = WeightFitter.fit(logged).orElseThrow();
    MatchCandidate anna = ScoringFixture.person("anna", ScoringFixture.profile(1995, "f", "m",
        ScoringFixture.AMSTERDAM, "jazz"));
    MatchCandidate bram = ScoringFixture.person("bram", ScoringFixture.profile(1994, "m", "f",
        ScoringFixture.AMSTERDAM, "jazz"));
    ReciprocalScore scored = new ReciprocalScorer(Searcher.fresh(anna, ScoringFixture.NOW),
        MatchWeights.DEFAULT.withFitted(fitted)).explain(bram);
    assertEquals(fitted.score(WeightFitter.features(scored.breakdown())), scored.score(), 1e-12);
  }
}
