package io.limbic.analytics.kpi.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearThompsonPlansTest {
  private static final double[] THETA = {1.0, 0.4, -0.3, 0.2};
  private static final int PLANS = 12;
  private static final int ROUNDS = 2000;

  /** Random plans whose best beats the runner-up by at least 0.2 (a gap 2000 rounds of unit noise can resolve). */
  private static double[][] plans(Random random) {
    while (true) {
      double[][] features = new double[PLANS][THETA.length];
      for (double[] phi : features) {
        phi[0] = 1;
        for (int i = 1; i < phi.length; i++) phi[i] = random.nextDouble() * 4;
      }
      double[] means = java.util.Arrays.stream(features).mapToDouble(LinearThompsonPlansTest::mean).sorted().toArray();
      if (means[PLANS - 1] - means[PLANS - 2] >= 0.2) return features;
    }
  }

  private static double mean(double[] phi) {
    double v = 0;
    for (int i = 0; i < phi.length; i++) v += THETA[i] * phi[i];
    return v;
  }

  /** Cumulative regret after each round, Thompson sampling against uniform choice, same bandit and noise. */
  private static double[][] regret(long seed) {
    Random world = new Random(seed);
    double[][] features = plans(world);
    double best = Double.NEGATIVE_INFINITY;
    for (double[] phi : features) best = Math.max(best, mean(phi));
    LinearThompsonPlans policy = new LinearThompsonPlans(features, 1.0, 1.0, new Random(seed + 1));
    Random uniform = new Random(seed + 2);
    double[][] cumulative = new double[2][ROUNDS];
    double ts = 0;
    double un = 0;
    for (int t = 0; t < ROUNDS; t++) {
      int k = policy.choose();
      policy.update(k, mean(features[k]) + world.nextGaussian());
      ts += best - mean(features[k]);
      un += best - mean(features[uniform.nextInt(PLANS)]);
      cumulative[0][t] = ts;
      cumulative[1][t] = un;
    }
    return cumulative;
  }

  @Test
  void convergesToTheBestPlanWithSublinearRegret() {
    for (long seed = 1; seed <= 5; seed++) {
      double[][] r = regret(seed * 101);
      double ts = r[0][ROUNDS - 1];
      double uniform = r[1][ROUNDS - 1];
      assertTrue(ts < 0.1 * uniform, "seed " + seed + ": " + ts + " vs uniform " + uniform);
      // Sublinear: the second half of the run adds much less regret than the first (uniform adds as much; a
      // sqrt(T) rate adds 41 %, a log T rate about 10 %).
      double firstHalf = r[0][ROUNDS / 2 - 1];
      assertTrue(ts - firstHalf < 0.6 * firstHalf, "seed " + seed + ": halves " + firstHalf + ", " + ts);
    }
  }

  @Test
  void theLastRoundsMostlyPickTheBestPlan() {
    Random world = new Random(9);
    double[][] features = plans(world);
    int bestPlan = 0;
    for (int k = 1; k < PLANS; k++) if (mean(features[k]) > mean(features[bestPlan])) bestPlan = k;
    LinearThompsonPlans policy = new LinearThompsonPlans(features, 1.0, 1.0, new Random(10));
    int hits = 0;
    for (int t = 0; t < ROUNDS; t++) {
      int k = policy.choose();
      if (t >= ROUNDS - 200 && k == bestPlan) hits++;
      policy.update(k, mean(features[k]) + world.nextGaussian());
    }
    assertTrue(hits >= 180, "best plan chosen " + hits + " of the last 200 rounds");
  }

  @Test
  void thePosteriorMeanIsRidgeRegression() {
    double[][] features = {{1, 0}, {1, 1}, {1, 2}};
    LinearThompsonPlans policy = new LinearThompsonPlans(features, 0.5, 2.0, new Random(1));
    policy.update(0, 1);
    policy.update(1, 2);
    policy.update(2, 4);
    // (X'X / 2 + 0.5 I) theta = X'r / 2  ->  X'X = [[3,3],[3,5]], X'r = [7, 10]
    double a = 1.5 + 0.5;
    double b = 1.5;
    double d = 2.5 + 0.5;
    double det = a * d - b * b;
    double[] expected = {(d * 3.5 - b * 5) / det, (a * 5 - b * 3.5) / det};
    assertArrayEquals(expected, policy.posteriorMean(), 1e-12);
    assertArrayEquals(new double[] {1, 3, 5}, LinearThompsonPlans.totalsWithIntercept(new double[][] {{1, 2}, {2, 3}}));
    assertEquals(3, policy.plans());
  }

  @Test
  void storedEvidenceRestoresThePosteriorAndItsPlanIntervals() {
    double[][] features = {{1, 1, 0}, {1, 0, 1}, {1, 0, 0}};
    LinearThompsonPlans updated = new LinearThompsonPlans(features, 0.5, 4.0, new Random(3));
    RewardEvidence evidence = RewardEvidence.none(3);
    Random world = new Random(9);
    for (int t = 0; t < 30; t++) {
      int plan = t % 3;
      double reward = plan + world.nextGaussian();
      updated.update(plan, reward);
      evidence = evidence.with(features[plan], reward);
    }
    LinearThompsonPlans restored = new LinearThompsonPlans(features, 0.5, 4.0, evidence, new Random(3));
    assertArrayEquals(updated.posteriorMean(), restored.posteriorMean(), 1e-12);
    PlanEstimate[] a = updated.estimates();
    PlanEstimate[] b = restored.estimates();
    for (int k = 0; k < 3; k++) {
      assertEquals(a[k].mean(), b[k].mean(), 1e-12);
      assertEquals(a[k].sd(), b[k].sd(), 1e-12);
      assertEquals(a[k].mean() + 1.959963984540054 * a[k].sd(), a[k].upper95(), 1e-12);
    }
    assertEquals(updated.draw().chosen(), restored.draw().chosen());
  }

  /** One plan, one feature 1: the conjugate normal mean, posterior precision p0 + n / s2, mean sum r / s2 / that. */
  @Test
  void aSingleFeatureMatchesTheConjugateNormalMean() {
    LinearThompsonPlans one = new LinearThompsonPlans(new double[][] {{1}}, 2.0, 0.5, new Random(1));
    one.update(0, 3.0);
    one.update(0, 5.0);
    double precision = 2.0 + 2 / 0.5;
    PlanEstimate e = one.estimates()[0];
    assertEquals(8.0 / 0.5 / precision, e.mean(), 1e-12);
    assertEquals(Math.sqrt(1 / precision), e.sd(), 1e-12);
  }
}
