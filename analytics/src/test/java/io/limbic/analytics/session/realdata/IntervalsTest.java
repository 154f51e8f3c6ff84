package io.limbic.analytics.session.realdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalsTest {

  @Test
  void poissonIntervalsMatchTheExactTables() {
    // Garwood: 0 events -> (0, 3.689), 10 events -> (4.795, 18.39).
    assertEquals(3.689, Intervals.poisson(0).high(), 1e-3);
    assertEquals(4.795, Intervals.poisson(10).low(), 1e-3);
    assertEquals(18.39, Intervals.poisson(10).high(), 1e-2);
    Intervals.Interval many = Intervals.poisson(2_000);
    assertTrue(many.low() > 1_900 && many.high() < 2_100);
  }

  @Test
  void aucAndSpearmanOnKnownRankings() {
    assertEquals(1.0, Intervals.auc(new double[] {3, 4}, new double[] {1, 2}));
    assertEquals(0.5, Intervals.auc(new double[] {1, 1}, new double[] {1, 1}));
    assertEquals(1.0, Intervals.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 25, 100}), 1e-12);
    assertEquals(-1.0, Intervals.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
  }

  @Test
  void theBootstrapOverPeopleBracketsTheEstimate() {
    List<double[]> people = List.of(new double[] {1, 0.9}, new double[] {2, 0.2}, new double[] {3, 0.6},
        new double[] {4, 0.4}, new double[] {5, 0.8});
    Intervals.Interval mean = Intervals.byPerson(people, p -> String.valueOf(p[0]),
        s -> s.stream().mapToDouble(p -> p[1]).average().orElse(Double.NaN), 1);
    assertEquals(0.58, mean.estimate(), 1e-12);
    assertTrue(mean.low() < 0.58 && mean.high() > 0.58 && mean.low() >= 0.2 && mean.high() <= 0.9);
  }
}
