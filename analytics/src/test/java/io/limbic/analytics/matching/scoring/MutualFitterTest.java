package io.limbic.analytics.matching.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MutualFitterTest {
  private static final double[] NEUTRAL = {0.5, 0.5, 0.5, 0.5};

  /**
   * A tenant whose people say yes mostly to complete profiles (logit slope 6 on completeness, nothing on taste or
   * peers): the fitted forward side learns it and ranks fresh decisions of the same tenant better than the
   * defaults do (AUC on 2,000 held-out decisions; the gap is several of its standard errors, about 0.012 each).
   */
  @Test
  void theFitLearnsWhatATenantsDecisionsFavour() {
    Random random = new Random(7);
    List<MutualFitter.Decision> training = decisions(600, random), heldOut = decisions(2000, random);
    MutualProbability fitted = MutualFitter.fit(training, List.of()).orElseThrow();
    assertEquals("fitted", fitted.source());
    assertTrue(fitted.forward().completeness() > 2, fitted.toString());
    assertTrue(Math.abs(fitted.forward().completeness()) > Math.abs(fitted.forward().compat()), fitted.toString());
    assertEquals(MutualProbability.DEFAULT.backward(), fitted.backward(), "a side without decisions keeps its default");
    double learned = auc(fitted.forward(), heldOut), defaults = auc(MutualProbability.DEFAULT.forward(), heldOut);
    assertTrue(learned > defaults + 0.1, learned + " vs " + defaults);
  }

  @Test
  void tooFewDecisionsKeepTheDefaults() {
    Random random = new Random(8);
    assertEquals(Optional.empty(), MutualFitter.fit(decisions(MutualFitter.MIN_DECISIONS - 1, random), List.of()));
    List<MutualFitter.Decision> allYes = new ArrayList<>();
    for (MutualFitter.Decision d : decisions(300, random)) {
      allYes.add(new MutualFitter.Decision(d.deciderRate(), d.receiverAppeal(), d.compat(), d.peers(),
          d.completeness(), d.recency(), d.distance(), d.mutualInterest(), true));
    }
    assertEquals(Optional.empty(), MutualFitter.fit(allYes, allYes), "no noes: nothing to learn from");
  }

  /** Decisions whose yes depends on the receiver's completeness alone; the other values vary independently. */
  private static List<MutualFitter.Decision> decisions(int n, Random random) {
    List<MutualFitter.Decision> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double completeness = random.nextDouble(), compat = random.nextDouble();
      double rate = 0.2 + 0.6 * random.nextDouble(), appeal = 0.2 + 0.6 * random.nextDouble();
      boolean yes = random.nextDouble() < MutualProbability.sigmoid(6 * (completeness - 0.5));
      out.add(new MutualFitter.Decision(rate, appeal, compat, 0.4 * random.nextDouble() - 0.2, completeness,
          random.nextDouble(), random.nextDouble(), 0, yes));
    }
    return out;
  }

  private static double auc(MutualProbability.Side side, List<MutualFitter.Decision> decisions) {
    List<double[]> scored = new ArrayList<>();
    for (MutualFitter.Decision d : decisions) {
      double[] context = {d.completeness(), d.recency(), d.distance(), d.mutualInterest()};
      double z = side.logit(MutualProbability.logit(d.deciderRate()), MutualProbability.logit(d.receiverAppeal()),
          d.compat(), d.peers(), 0, context);
      scored.add(new double[] {z, d.yes() ? 1 : 0});
    }
    double wins = 0;
    long pairs = 0;
    for (double[] p : scored) {
      if (p[1] != 1) continue;
      for (double[] q : scored) {
        if (q[1] != 0) continue;
        wins += p[0] > q[0] ? 1 : p[0] == q[0] ? 0.5 : 0;
        pairs++;
      }
    }
    return wins / pairs;
  }
}
