package io.limbic.analytics.session.evaluation;

import io.limbic.analytics.session.emotion.EmotionModel;
import io.limbic.analytics.session.emotion.EmotionalState;
import java.util.Locale;

/** Prints a fitted model as the Java source of {@code StandardEmotionModel}, so the shipped weights are reviewable. */
final class ModelSource {
  private ModelSource() {}

  static String render(EmotionModel m) {
    StringBuilder b = new StringBuilder();
    b.append("  static final double[] MEANS = ").append(array(m.means())).append(";\n");
    b.append("  static final double[] SCALES = ").append(array(m.scales())).append(";\n");
    b.append("  static final double TEMPERATURE = ").append(number(m.temperature())).append(";\n");
    b.append("  // bias, then one weight per feature in EmotionFeatures.NAMES order\n");
    b.append("  static final double[][] WEIGHTS = {\n");
    for (EmotionalState s : EmotionalState.values()) {
      b.append("    ").append(array(m.weights()[s.ordinal()])).append(", // ").append(s.wireName()).append('\n');
    }
    b.append("  };\n");
    return b.toString();
  }

  private static String array(double[] values) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ", ").append(number(values[i]));
    return b.append('}').toString();
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
