package io.limbic.analytics.session.emotion;

/**
 * The shipped emotion model. Produced by {@code EmotionEvaluation fit}: weights fitted on the generator's training
 * seed, temperature on its calibration seed; {@code EmotionEvaluation} reports its figures on a third seed. Refit and
 * paste the printed constants whenever the features or the generator change (the evaluation test will fail on a
 * stale model).
 *
 * <p>Reading the weights: features are standardised, so a weight is how many logits (before the temperature) one
 * standard deviation of that feature adds to a state. The largest effects, as fitted: rage rises with pointer speed
 * and rage bursts and falls when clicks are answered by the page or the pointer rests; frustration with error and
 * dead clicks; confusion with thrashing, quick backs and excessive scrolling; hesitation with direction entropy
 * (hovering) and a decision section and falls with speed and clicking; engagement with click rate and answered
 * clicks; calm with low speed and idle time.
 */
final class StandardEmotionModel {
  private StandardEmotionModel() {}

  static final double[] MEANS = {0.7617, 1.0614, 0.5900, 0.3039, 0.4736, 0.0950, 0.5600, 0.2833, 1.6036, 1.3824, 2.3135, 0.4251, 0.1751, 0.3300, 0.6437, 0.6483, 0.2778};
  static final double[] SCALES = {1.0715, 0.6929, 0.9057, 0.7039, 0.7400, 0.3195, 0.8924, 0.3354, 0.5719, 0.7616, 0.4421, 0.2881, 0.3174, 0.6225, 0.4141, 1.3429, 0.4479};
  static final double TEMPERATURE = 0.8970;
  // bias, then one weight per feature in EmotionFeatures.NAMES order
  static final double[][] WEIGHTS = {
    {-0.8841, 1.2391, 0.5240, 0.3566, 0.5069, 0.4775, -0.0467, -0.0582, -1.0402, 1.4445, 0.3064, -0.9338, -0.4282, -0.9300, -1.0632, -1.1718, 0.6509, -0.1102}, // rage
    {1.6020, -0.5836, -0.2014, 1.2832, 1.6165, -1.3383, -0.0544, 0.7302, 0.7791, 0.4829, -0.1465, 0.1102, 0.1288, 0.3064, 0.4112, -0.4874, -0.7077, -0.0678}, // frustration
    {0.4804, -0.9688, -0.4119, -0.2911, -0.9054, 1.4681, 0.9478, 1.0762, -0.4305, 1.0282, 0.1199, -0.0304, -0.6093, 0.3244, 0.3708, 0.0114, -0.6342, -0.1128}, // confusion
    {-1.6790, -0.1069, -0.6210, -0.4863, -0.2117, 0.9115, -0.1100, -1.2589, -0.9865, -1.2136, -0.4456, 1.7942, 0.0460, -0.6605, -1.0709, 0.8209, 0.1744, 0.6419}, // hesitation
    {0.2172, 0.6163, 1.1350, 0.0038, -0.7688, -1.0824, -0.4020, 0.2247, 1.5771, 0.1914, -0.0048, -0.5972, 0.5417, -0.5600, 0.5345, 1.6568, -0.3236, -0.0604}, // engagement
    {1.0288, -0.1962, -0.4248, -0.8662, -0.2375, -0.4365, -0.3347, -0.7139, 0.1010, -1.9335, 0.1706, -0.3430, 0.3209, 1.5196, 0.8176, -0.8299, 0.8402, -0.2907}, // calm
  };

  static final EmotionModel MODEL = new EmotionModel(EmotionFeatures.NAMES, MEANS, SCALES, WEIGHTS, TEMPERATURE);
}
