package io.limbic.analytics.session.emotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which way a feature is allowed to push each state. The fit enforces these signs (projected gradient), so no
 * quirk of the synthetic traces can teach the model that hammering a dead button means calm. The rules, in words:
 * <ul>
 *   <li>Click failures ({@code rageBursts}, {@code burstClicks}, {@code hammering}, {@code deadClicks},
 *       {@code errorClicks}) can only raise rage and frustration, and can only lower hesitation, engagement and calm.
 *       Rage bursts, chain length and hammering can only lower confusion; dead and error clicks may go either way
 *       there (clicking what is not a link is also what confused people do).</li>
 *   <li>Navigation trouble ({@code thrashes}, {@code excessiveScrolls}, {@code quickBacks}) can only raise confusion
 *       and can only lower calm.</li>
 *   <li>Clicks the page answers ({@code answeredClicks}) can only lower rage.</li>
 * </ul>
 * The signal features are also zero-centred ({@link #zeroCentred}): none of a signal contributes nothing, so an
 * explanation never cites an absent rage click, and the sign of a contribution is the sign of the weight.
 */
public final class WeightSigns {
  /** Weight must be >= 0. */
  public static final int RAISES = 1;
  /** Weight must be <= 0. */
  public static final int LOWERS = -1;
  public static final int FREE = 0;

  private static final Set<String> BURSTS = Set.of("rageBursts", "burstClicks", "hammering");
  private static final Set<String> FAILED_CLICKS = Set.of("deadClicks", "errorClicks");
  private static final Set<String> NAVIGATION_TROUBLE = Set.of("thrashes", "excessiveScrolls", "quickBacks");

  private WeightSigns() {}

  /** {@link #RAISES}, {@link #LOWERS} or {@link #FREE} for the weight of {@code feature} in {@code state}'s logit. */
  public static int of(String feature, EmotionalState state) {
    boolean bursts = BURSTS.contains(feature);
    if (bursts || FAILED_CLICKS.contains(feature)) {
      return switch (state) {
        case RAGE, FRUSTRATION -> RAISES;
        case CONFUSION -> bursts ? LOWERS : FREE;
        case HESITATION, ENGAGEMENT, CALM -> LOWERS;
      };
    }
    if (NAVIGATION_TROUBLE.contains(feature)) {
      return state == EmotionalState.CONFUSION ? RAISES : state == EmotionalState.CALM ? LOWERS : FREE;
    }
    if (feature.equals("answeredClicks") && state == EmotionalState.RAGE) return LOWERS;
    return FREE;
  }

  /** Signal features are standardised around zero rather than their mean. */
  public static boolean zeroCentred(String feature) {
    return BURSTS.contains(feature) || FAILED_CLICKS.contains(feature) || NAVIGATION_TROUBLE.contains(feature);
  }

  /** The nearest allowed value of a weight. */
  public static double project(double weight, int sign) {
    if (sign == RAISES) return Math.max(0, weight);
    if (sign == LOWERS) return Math.min(0, weight);
    return weight;
  }

  /** Every weight of {@code model} that breaks a rule, as "state/feature=weight"; empty when it obeys them all. */
  public static List<String> violations(EmotionModel model) {
    List<String> out = new ArrayList<>();
    for (EmotionalState s : EmotionalState.values()) {
      for (int i = 0; i < model.features().size(); i++) {
        String feature = model.features().get(i);
        double w = model.weights()[s.ordinal()][i + 1];
        if (project(w, of(feature, s)) != w) {
          out.add(String.format(Locale.ROOT, "%s/%s=%.4f", s.wireName(), feature, w));
        }
      }
    }
    for (int i = 0; i < model.features().size(); i++) {
      if (zeroCentred(model.features().get(i)) && model.means()[i] != 0) {
        out.add("mean of " + model.features().get(i) + " must be 0");
      }
    }
    return out;
  }
}
