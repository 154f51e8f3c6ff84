package io.limbic.analytics.session.emotion;

/**
 * The shipped emotion model. Produced by {@code EmotionEvaluation fit}: weights fitted on the generator's training
 * seed, temperature on its calibration seed; {@code EmotionEvaluation} reports its figures on a third seed. Refit and
 * paste the printed constants whenever the features or the generator change (the evaluation test will fail on a
 * stale model).
 *
 * <p>Reading the weights: features are standardised (signal features around zero, the rest around their mean), so a
 * weight is how many logits (before the temperature) one standard deviation of that feature adds to a state. The
 * signs of the click-failure and navigation-trouble weights are fixed by {@link WeightSigns}. The largest effects, as
 * fitted: rage rises with hammering, rage bursts, error clicks, quiet after the last sample and pointer speed, and
 * falls with answered clicks and a straight path; frustration with error and dead clicks; confusion with thrashing,
 * quick backs and excessive scrolling; hesitation with pointer pauses and a decision section; engagement with click
 * rate and answered clicks; calm with its bias, quiet time and idle time, and against click failures. A double or
 * triple click ({@code selectionClicks}) leans slightly toward calm and away from rage.
 */
final class StandardEmotionModel {
  private StandardEmotionModel() {}

  static final double[] MEANS = {0.0000, 0.0000, 0.0000, 0.1044, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.2990, 1.4746, 1.2951, 2.4001, 0.4356, 0.1956, 0.1645, 0.3417, 0.6716, 0.2722};
  static final double[] SCALES = {0.5409, 0.8190, 0.7606, 0.2171, 0.5573, 0.3402, 0.3619, 0.1529, 0.5791, 0.3465, 0.6039, 0.7864, 0.3464, 0.2944, 0.3285, 0.3055, 0.6292, 0.4080, 0.4451};
  static final double TEMPERATURE = 0.6840;
  // bias, then one weight per feature in EmotionFeatures.NAMES order
  static final double[][] WEIGHTS = {
    {-2.3976, 1.6310, 0.7881, 2.3402, -0.5598, 0.0000, 1.0183, 0.4431, -0.0929, -0.6152, -1.0350, -0.2130, 0.3631, -1.2608, -0.1917, 0.3480, 1.1942, -1.4705, -1.6740, -0.1674}, // rage
    {0.2003, 0.0000, 0.0000, 0.0000, -0.0304, 1.3627, 2.2070, -1.4364, -0.2342, 1.1581, 0.1413, 1.2298, -0.2263, 0.0165, 0.1994, 0.2812, 0.6645, 0.4677, -0.4777, -0.0971}, // frustration
    {-0.3513, -1.2256, -0.8267, -0.3124, -0.0677, -0.1502, -0.7171, 1.5888, 1.0858, 1.5055, -0.6638, 1.3736, 0.0967, 0.0212, -0.6429, -0.1400, -0.7053, 0.4609, 0.2216, -0.0783}, // confusion
    {-1.1833, -0.7494, -0.9638, -0.1441, -0.3704, -0.9222, -0.2515, 1.4738, -0.3322, -1.0871, -0.8225, -1.2698, -0.3367, 1.5319, 0.0700, -1.0801, -0.6251, -0.8429, 0.8714, 0.7028}, // hesitation
    {1.0181, 0.0000, 0.0000, 0.0000, 0.1453, 0.0000, -1.1460, -1.3119, -0.3485, 0.3724, 2.3388, 0.5835, -0.1789, -0.0514, 0.3084, -0.4099, -1.7926, 0.5648, 1.1125, -0.1769}, // engagement
    {2.5591, -0.4498, -1.4829, -0.0141, 0.8828, -0.0191, -1.1107, -0.7574, -0.0780, -1.3337, 0.0412, -1.7042, 0.2821, -0.2575, 0.2568, 1.0008, 1.2644, 0.8199, -0.0538, -0.1830}, // calm
  };

  static final EmotionModel MODEL = new EmotionModel(EmotionFeatures.NAMES, MEANS, SCALES, WEIGHTS, TEMPERATURE);
}
