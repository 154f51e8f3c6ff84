package io.limbic.analytics.forensics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InterventionForensicsTest {

  private static long binomial(int n, double p, SplittableRandom random) {
    long k = 0;
    for (int i = 0; i < n; i++) if (random.nextDouble() < p) k++;
    return k;
  }

  /** Seeded replications of an experiment with a known true lift: the 95 % interval must cover it 92-98 % of the time. */
  @Test
  void theLiftIntervalCoversTheTrueLiftInAbout95PercentOfReplications() {
    int replications = 400;
    double holdoutRate = 0.20;
    double treatedRate = 0.26;
    double holdoutChurn = 0.15;
    double treatedChurn = 0.10;
    SplittableRandom random = new SplittableRandom(2026);
    int liftCovered = 0;
    int churnCovered = 0;
    for (int r = 0; r < replications; r++) {
      int treatedN = 300 + random.nextInt(300);
      int holdoutN = 60 + random.nextInt(60);
      ArmOutcomes treated = new ArmOutcomes(treatedN, binomial(treatedN, treatedRate, random),
          binomial(treatedN, treatedChurn, random), treatedN * 2.0);
      ArmOutcomes holdout = new ArmOutcomes(holdoutN, binomial(holdoutN, holdoutRate, random),
          binomial(holdoutN, holdoutChurn, random), 0);
      VariantReport report = InterventionForensics.compare("c", "v", treated, holdout, 1000);
      if (report.lift().covers(treatedRate - holdoutRate)) liftCovered++;
      double trueValue = (holdoutChurn - treatedChurn) * treatedN * 1000;
      if (report.preventedChurnValue().covers(trueValue)) churnCovered++;
    }
    double lift = liftCovered / (double) replications;
    double churn = churnCovered / (double) replications;
    assertTrue(lift >= 0.92 && lift <= 0.98, "lift coverage " + lift);
    assertTrue(churn >= 0.92 && churn <= 0.98, "prevented churn value coverage " + churn);
  }

  @Test
  void roiAndCostFollowFromTheCounts() {
    ArmOutcomes treated = new ArmOutcomes(1000, 300, 100, 5000);
    ArmOutcomes holdout = new ArmOutcomes(100, 20, 20, 0);
    VariantReport report = InterventionForensics.compare("c", "v", treated, holdout, 200);
    assertEquals(0.1, report.lift().estimate(), 1e-9);
    assertEquals(0.1 * 1000 * 200, report.preventedChurnValue().estimate(), 1e-6);
    assertEquals((20000 - 5000) / 5000.0, report.roi(), 1e-9);
    assertTrue(report.lift().low() < 0.1 && report.lift().high() > 0.1);
  }

  @Test
  void theQuarterlyProjectionFollowsTheTrendAndCoversItsOwnModel() {
    // y = 10 + 2 w + noise: the next 13 weeks (w = 8..20) sum to 13 * 10 + 2 * (8 + ... + 20) = 494.
    double truth = 13 * 10 + 2 * (8 + 20) * 13 / 2.0;
    SplittableRandom random = new SplittableRandom(9);
    int covered = 0;
    int replications = 300;
    double estimates = 0;
    for (int r = 0; r < replications; r++) {
      List<Double> weeks = new ArrayList<>();
      for (int w = 0; w < 8; w++) weeks.add(10 + 2.0 * w + 3 * random.nextGaussian());
      double future = 0;
      for (int w = 8; w < 21; w++) future += 10 + 2.0 * w + 3 * random.nextGaussian();
      Interval projection = QuarterlyProjection.of(weeks);
      if (projection.covers(future)) covered++;
      estimates += projection.estimate();
    }
    double share = covered / (double) replications;
    // Unbiased: the mean projection is within a few standard errors (63 / sqrt(300) = 3.6) of the trend's sum.
    assertEquals(truth, estimates / replications, 12);
    // A normal quantile with 6 residual degrees of freedom is a little narrow: about 90-95 %.
    assertTrue(share >= 0.88 && share <= 0.98, "projection coverage " + share);
  }
}
