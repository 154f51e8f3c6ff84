package io.limbic.analytics.kpi.curiosity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {
  @Test
  void qValuesByHand() {
    // sorted: 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4), 0.5 (5); m p / rank = .025 .025 .05 .05 .5; running min from top
    double[] q = BenjaminiHochberg.qValues(new double[] {0.01, 0.04, 0.03, 0.005, 0.5});
    assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.025, 0.5}, q, 1e-12);
    assertArrayEquals(new boolean[] {true, false, false, true, false},
        BenjaminiHochberg.discoveries(new double[] {0.01, 0.04, 0.03, 0.005, 0.5}, 0.04));
    assertArrayEquals(new double[] {1, 1}, BenjaminiHochberg.qValues(new double[] {0.9, 1.0}), 1e-12);
  }

  /** 1000 replications of 100 hypotheses, 80 null (p uniform) and 20 not (p = U^10, mostly small). */
  @Test
  void controlsTheFalseDiscoveryRateOnSimulatedMixes() {
    Random random = new Random(12);
    int replications = 1000;
    int m = 100;
    int m0 = 80;
    double alpha = 0.1;
    double sumFdp = 0;
    double sumFdp2 = 0;
    double sumPower = 0;
    for (int r = 0; r < replications; r++) {
      double[] p = new double[m];
      for (int i = 0; i < m; i++) p[i] = i < m0 ? random.nextDouble() : Math.pow(random.nextDouble(), 10);
      boolean[] found = BenjaminiHochberg.discoveries(p, alpha);
      int discoveries = 0;
      int falseOnes = 0;
      int trueOnes = 0;
      for (int i = 0; i < m; i++) {
        if (!found[i]) continue;
        discoveries++;
        if (i < m0) falseOnes++;
        else trueOnes++;
      }
      double fdp = discoveries == 0 ? 0 : (double) falseOnes / discoveries;
      sumFdp += fdp;
      sumFdp2 += fdp * fdp;
      sumPower += trueOnes / (double) (m - m0);
    }
    double fdr = sumFdp / replications;
    double se = Math.sqrt((sumFdp2 / replications - fdr * fdr) / replications);
    // BH guarantees alpha m0 / m = 0.08 for independent p-values
    assertTrue(fdr <= alpha * m0 / m + 3 * se, "realised FDR " + fdr + " +- " + se);
    assertTrue(sumPower / replications > 0.4, "power " + sumPower / replications);
  }
}
