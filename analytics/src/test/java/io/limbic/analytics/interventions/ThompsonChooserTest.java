package io.limbic.analytics.interventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThompsonChooserTest {
  private static final double[] TRUE_RATES = {0.05, 0.10, 0.20};

  private static InterventionContext context(int variants) {
    List<Variant> list = new ArrayList<>();
    for (int i = 0; i < variants; i++) list.add(new Variant("v" + i, Variant.IN_PAGE, null, "{}", 1));
    return new InterventionContext("pricing-rage", "rage", null, 0, 0, list);
  }

  /** Plays {@code rounds} exposures against Bernoulli arms; returns the exposures per arm. */
  private static Map<String, ArmCounts> simulate(
      int rounds, double holdout, int burnIn, double floor, long seed, Map<String, Integer> reasons) {
    InterventionContext context = context(TRUE_RATES.length);
    Map<String, ArmCounts> counts = new HashMap<>();
    SplittableRandom chooser = new SplittableRandom(seed);
    SplittableRandom world = new SplittableRandom(seed + 1);
    for (int i = 0; i < rounds; i++) {
      Decision d = ThompsonChooser.choose(context, counts, holdout, burnIn, floor, chooser);
      reasons.merge(d.reason().name(), 1, Integer::sum);
      if (d.isHoldout()) continue;
      int arm = Integer.parseInt(d.variantId().substring(1));
      boolean success = world.nextDouble() < TRUE_RATES[arm];
      ArmCounts c = counts.getOrDefault(d.variantId(), ArmCounts.NONE);
      counts.put(d.variantId(), new ArmCounts(c.exposures() + 1, c.successes() + (success ? 1 : 0)));
    }
    return counts;
  }

  private static long exposures(Map<String, ArmCounts> counts, String id) {
    return counts.getOrDefault(id, ArmCounts.NONE).exposures();
  }

  @Test
  void convergesToTheBestOfSimulatedBernoulliArms() {
    int converged = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Map<String, ArmCounts> counts = simulate(5000, 0, 50, 0.01, seed, new HashMap<>());
      // Over the last part of the run the best arm gets most of the traffic.
      long best = exposures(counts, "v2");
      if (best > 0.8 * 5000) converged++;
    }
    assertTrue(converged >= 19, "runs where the best arm took over 80 % of 5000 exposures: " + converged);
  }

  @Test
  void burnInGivesEqualTrafficUntilEveryVariantHasItsExposures() {
    Map<String, Integer> reasons = new HashMap<>();
    Map<String, ArmCounts> counts = simulate(600, 0, 200, 0, 7, reasons);
    // 3 x 200 = 600 exposures are needed before burn-in can end: all of these are burn-in, spread evenly.
    assertEquals(600, reasons.get("BURN_IN"));
    for (String id : List.of("v0", "v1", "v2")) {
      long n = exposures(counts, id);
      assertTrue(Math.abs(n - 200) < 45, id + " got " + n + " of 600 burn-in exposures");
    }
    Map<String, Integer> after = new HashMap<>();
    simulate(3000, 0, 100, 0, 7, after);
    assertTrue(after.getOrDefault("THOMPSON", 0) > 2000, after.toString());
  }

  @Test
  void theFloorKeepsEveryVariantAtItsShare() {
    double floor = 0.05;
    int rounds = 20_000;
    Map<String, ArmCounts> counts = simulate(rounds, 0, 20, floor, 11, new HashMap<>());
    for (String id : List.of("v0", "v1", "v2")) {
      assertTrue(exposures(counts, id) >= floor * rounds * 0.9, id + ": " + exposures(counts, id));
    }
    // Without a floor the worst arm starves.
    Map<String, ArmCounts> none = simulate(rounds, 0, 20, 0, 11, new HashMap<>());
    assertTrue(exposures(none, "v0") < floor * rounds * 0.5, "v0 without a floor: " + exposures(none, "v0"));
  }

  @Test
  void theHoldoutShareIsHonoured() {
    Map<String, Integer> reasons = new HashMap<>();
    int rounds = 20_000;
    simulate(rounds, 0.1, 100, 0.01, 3, reasons);
    double share = reasons.get("HOLDOUT") / (double) rounds;
    // Binomial sd at 20,000 draws is 0.0021: four of them either way.
    assertEquals(0.1, share, 0.0085, "holdout share");
  }

  @Test
  void theChoiceIsStickyWithinTheEpisodeAndFreshAfterIt() {
    InterventionConfig config = new InterventionConfig(List.of(context(3)), "purchase", "churn",
        Duration.ofHours(24), 0.1, 0, 0.01);
    EmotionMoment rage = new EmotionMoment("rage", 0.9, "https://x.example/pricing", null, 5000);
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    SplittableRandom random = new SplittableRandom(5);
    Optional<Decision> first = InterventionPolicy.decide(config, rage, List.of(), t0, c -> Map.of(), random);
    assertTrue(first.isPresent());
    Exposure exposure = new Exposure("d1", "pricing-rage", first.get().variantId(), t0, t0.plus(Duration.ofHours(24)),
        "purchase", "churn");
    for (int i = 1; i < 50; i++) {
      Instant later = t0.plus(Duration.ofMinutes(i * 20));
      assertTrue(InterventionPolicy.decide(config, rage, List.of(exposure), later, c -> Map.of(), random).isEmpty());
      assertEquals(first.get().variantId(),
          InterventionPolicy.episode(List.of(exposure), "pricing-rage", later).orElseThrow().variantId());
    }
    Instant after = t0.plus(Duration.ofHours(24));
    assertTrue(InterventionPolicy.episode(List.of(exposure), "pricing-rage", after).isEmpty());
    assertTrue(InterventionPolicy.decide(config, rage, List.of(exposure), after, c -> Map.of(), random).isPresent());
  }

  @Test
  void contextsMatchOnEmotionPageConfidenceAndValue() {
    InterventionContext c = new InterventionContext("c", "rage", "/pricing*", 0.8, 1000, context(1).variants());
    assertTrue(c.matches(new EmotionMoment("rage", 0.9, "https://shop.example/pricing?plan=pro", null, 1000)));
    assertTrue(!c.matches(new EmotionMoment("rage", 0.7, "https://shop.example/pricing", null, 5000)));
    assertTrue(!c.matches(new EmotionMoment("rage", 0.9, "https://shop.example/pricing", null, 999)));
    assertTrue(!c.matches(new EmotionMoment("frustration", 0.9, "https://shop.example/pricing", null, 5000)));
    assertTrue(!c.matches(new EmotionMoment("rage", 0.9, "https://shop.example/cart", "checkout", 5000)));
    InterventionContext section = new InterventionContext("s", "rage", "checkout", 0, 0, context(1).variants());
    assertTrue(section.matches(new EmotionMoment("rage", 0.9, "https://shop.example/cart", "checkout", 0)));
  }
}
