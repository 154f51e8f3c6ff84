package io.limbic.analytics.matching.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OfflineEvaluatorTest {

  /**
   * The learned recommender must beat both baselines by a clear margin on a fixed seed. At 3,000 people it has
   * been about 1.8x popularity and 4x random; the test asks for 1.3x, so it guards the claim without pinning the
   * output.
   */
  @Test
  void learnedReciprocalMatchesBeatRandomAndPopularity() {
    OfflineEvaluator.Report report = OfflineEvaluator.evaluate(42, 1500, 40);
    double learned = report.method("reciprocal (default weights)").precisionAt10();
    double random = report.method("random").precisionAt10();
    double popularity = report.method("popularity").precisionAt10();
    assertTrue(report.searchers() > 1000, report.table());
    assertTrue(learned > 1.3 * random, report.table());
    assertTrue(learned > 1.3 * popularity, report.table());
    assertTrue(report.method("reciprocal (default weights)").hitRate() > report.method("random").hitRate(),
        report.table());
  }
}
