package io.limbic.analytics.interventions;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Thompson sampling over a context's variants, with a holdout, a burn-in and a floor. In order:
 * <ol>
 *   <li>with probability {@code holdout} the user is held out;</li>
 *   <li>while any variant has fewer than {@code burnIn} exposures, a variant is drawn uniformly (equal traffic);</li>
 *   <li>with probability {@code k * floor} (k variants) a variant is drawn uniformly, so each keeps at least
 *       {@code floor} of the treated traffic;</li>
 *   <li>otherwise each variant's success rate is drawn from its Beta posterior ({@link ArmCounts}) and the
 *       highest draw wins.</li>
 * </ol>
 * The counts are whatever this node's replica holds: replicas converge, so two nodes may briefly disagree, which
 * costs a little exploration and nothing else.
 */
public final class ThompsonChooser {
  private ThompsonChooser() {}

  public static Decision choose(
      InterventionContext context, Map<String, ArmCounts> counts, double holdout, int burnIn, double floor,
      RandomGenerator random) {
    List<String> ids = context.variantIds();
    if (random.nextDouble() < holdout) return new Decision(context.id(), Decision.HOLDOUT, Decision.Reason.HOLDOUT);
    boolean burningIn = ids.stream().anyMatch(id -> counts.getOrDefault(id, ArmCounts.NONE).exposures() < burnIn);
    if (burningIn) return new Decision(context.id(), uniform(ids, random), Decision.Reason.BURN_IN);
    if (random.nextDouble() < ids.size() * floor) {
      return new Decision(context.id(), uniform(ids, random), Decision.Reason.FLOOR);
    }
    String best = null;
    double bestDraw = -1;
    for (String id : ids) {
      ArmCounts c = counts.getOrDefault(id, ArmCounts.NONE);
      double draw = BetaSampler.sample(1 + c.successes(), 1 + c.failures(), random);
      if (draw > bestDraw) {
        bestDraw = draw;
        best = id;
      }
    }
    return new Decision(context.id(), best, Decision.Reason.THOMPSON);
  }

  private static String uniform(List<String> ids, RandomGenerator random) {
    return ids.get(random.nextInt(ids.size()));
  }
}
