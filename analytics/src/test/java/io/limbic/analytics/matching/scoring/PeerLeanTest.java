package io.limbic.analytics.matching.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerLeanTest {
  /**
   * ann and bea said yes and no to the same three people; cat said the opposite of ann each time. On dan, whom ann
   * has not met: bea said yes and cat no, so both peers lean ann towards dan.
   */
  private static final Map<String, Map<String, Boolean>> VERDICTS = Map.of(
      "ann", Map.of("p1", true, "p2", false, "p3", true),
      "bea", Map.of("p1", true, "p2", false, "p3", true, "dan", true),
      "cat", Map.of("p1", false, "p2", true, "p3", false, "dan", false));

  // Shrunk yes rates, (yes + 2) / (decisions + 4): ann 4/7, bea 5/8, cat 3/8.
  private static final double ANN = 4 / 7.0, BEA = 5 / 8.0, CAT = 3 / 8.0;

  @Test
  void agreementIsTheShrunkCorrelationOfRateCentredVerdicts() {
    PeerLean peers = new PeerLean(VERDICTS);
    // On p1, p2, p3 (yes, no, yes for ann and bea, the opposite for cat), centred by each one's own rate, shrunk
    // by 3 common targets / (3 + 4).
    assertEquals(cosine(new double[] {1 - ANN, -ANN, 1 - ANN}, new double[] {1 - BEA, -BEA, 1 - BEA}) * 3 / 7,
        peers.agreement("ann", "bea"), 1e-12);
    assertEquals(cosine(new double[] {1 - ANN, -ANN, 1 - ANN}, new double[] {-CAT, 1 - CAT, -CAT}) * 3 / 7,
        peers.agreement("ann", "cat"), 1e-12);
    assertTrue(peers.agreement("ann", "bea") > 0.4 && peers.agreement("ann", "cat") < -0.4);
    assertEquals(0, new PeerLean(Map.of("ann", Map.of("p1", true), "eve", Map.of("p9", true))).agreement("ann", "eve"),
        1e-12, "nobody in common");
  }

  @Test
  void likeDecidersLeanTowardsWhomTheySaidYesTo() {
    PeerLean peers = new PeerLean(VERDICTS);
    double withBea = peers.agreement("ann", "bea"), withCat = peers.agreement("ann", "cat");
    // bea (agrees) said yes to dan: + withBea * (1 - BEA); cat (disagrees) said no: withCat * (0 - CAT) > 0
    double expected = (withBea * (1 - BEA) + withCat * (0 - CAT)) / (Math.abs(withBea) + Math.abs(withCat) + 1);
    assertEquals(expected, peers.lean("ann", "dan"), 1e-12);
    assertTrue(peers.lean("ann", "dan") > 0);
    assertEquals(0, peers.lean("ann", "nobody"), 1e-12, "no one decided on them");
    assertEquals(0, PeerLean.NONE.lean("ann", "dan"), 1e-12);
  }

  private static double cosine(double[] a, double[] b) {
    double ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }
}
