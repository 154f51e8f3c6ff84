package io.limbic.analytics.session.emotion;

import io.limbic.analytics.session.physics.MotionFigures;
import io.limbic.analytics.session.physics.PhysicsSnapshot;
import io.limbic.analytics.session.signal.SignalKind;
import io.limbic.analytics.session.signal.SignalThresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns features into an explainable, calibrated reading with an {@link EmotionModel}. Section context enters twice:
 * as a feature (hesitation is likelier where people decide) and in the label (hesitation there is decision anxiety).
 */
public final class EmotionClassifier {
  /** Sections where hesitation is decision anxiety; matched case-insensitively as substrings ("pricing-table"). */
  public static final Set<String> DEFAULT_DECISION_SECTIONS =
      Set.of("pricing", "checkout", "plans", "payment", "billing", "cart");
  private static final int REASONS = 3;

  private final EmotionModel model;
  private final Set<String> decisionSections;

  public EmotionClassifier(EmotionModel model, Set<String> decisionSections) {
    this.model = model;
    this.decisionSections = Set.copyOf(decisionSections);
  }

  public static EmotionClassifier standard() {
    return new EmotionClassifier(StandardEmotionModel.MODEL, DEFAULT_DECISION_SECTIONS);
  }

  public EmotionModel model() {
    return model;
  }

  public boolean isDecisionSection(String section) {
    if (section == null) return false;
    String s = section.toLowerCase(Locale.ROOT);
    for (String d : decisionSections) if (s.contains(d)) return true;
    return false;
  }

  /** Classifies at the default rage prior ({@link SignalThresholds#DEFAULT_RAGE_PRIOR}). */
  public EmotionReading classify(long at, EmotionFeatures features, PhysicsSnapshot physics,
      Map<SignalKind, Integer> recentSignals, long signalWindowMs, String url, String section) {
    return classify(at, features, physics, recentSignals, signalWindowMs, url, section,
        SignalThresholds.DEFAULT_RAGE_PRIOR);
  }

  /**
   * @param ragePrior the tenant's base rate of rage; the model's probabilities are moved to it and the convergence
   *     rule applied ({@link RageBelief})
   */
  public EmotionReading classify(long at, EmotionFeatures features, PhysicsSnapshot physics,
      Map<SignalKind, Integer> recentSignals, long signalWindowMs, String url, String section, double ragePrior) {
    return assess(at, features, physics, recentSignals, signalWindowMs, url, section, ragePrior).reading();
  }

  /**
   * The state and its confidence now, the evidence later ({@link EmotionAssessment#reading()}). The signal counts
   * are kept as given: pass a map nobody changes afterwards.
   */
  public EmotionAssessment assess(long at, EmotionFeatures features, PhysicsSnapshot physics,
      Map<SignalKind, Integer> recentSignals, long signalWindowMs, String url, String section, double ragePrior) {
    double[] x = features.toVector();
    double[] p = model.probabilities(x);
    RageBelief rage = RageBelief.apply(p, ragePrior, recentSignals);
    int best = 0;
    for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    EmotionalState state = EmotionalState.values()[best];
    return new EmotionAssessment(state, p[best], at,
        () -> explain(at, x, p, state, rage, physics, recentSignals, signalWindowMs, url, section));
  }

  private EmotionReading explain(long at, double[] x, double[] p, EmotionalState state, RageBelief rage,
      PhysicsSnapshot physics, Map<SignalKind, Integer> recentSignals, long signalWindowMs, String url,
      String section) {
    Map<String, Double> probabilities = new LinkedHashMap<>();
    for (EmotionalState s : EmotionalState.values()) probabilities.put(s.wireName(), p[s.ordinal()]);
    List<String> reasons = new ArrayList<>();
    if (state == EmotionalState.RAGE) reasons.add(rage.describe());
    reasons.addAll(reasons(state, x));
    Evidence evidence = new Evidence(signalWindowMs, physics.windowMs(), signalCounts(recentSignals),
        physicsValues(physics.window()), reasons, rage);
    boolean anxiety = state == EmotionalState.HESITATION && isDecisionSection(section);
    return new EmotionReading(state, p[state.ordinal()], at, url, section, anxiety, probabilities, evidence);
  }

  private List<String> reasons(EmotionalState state, double[] x) {
    double[] c = model.contributions(state, x);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < c.length; i++) if (c[i] > 0) order.add(i);
    order.sort(Comparator.comparingDouble((Integer i) -> -c[i]));
    List<String> reasons = new ArrayList<>();
    for (int i : order.subList(0, Math.min(REASONS, order.size()))) {
      reasons.add(String.format(Locale.ROOT, "%s=%.2f (+%.2f)", model.features().get(i), x[i], c[i]));
    }
    return reasons;
  }

  private static Map<String, Integer> signalCounts(Map<SignalKind, Integer> recent) {
    Map<String, Integer> counts = new HashMap<>();
    for (SignalKind kind : SignalKind.values()) counts.put(kind.summaryName(), recent.getOrDefault(kind, 0));
    return counts;
  }

  private static Map<String, Double> physicsValues(MotionFigures w) {
    return Map.of("meanSpeedPxS", w.meanSpeedPxS(), "maxSpeedPxS", w.maxSpeedPxS(),
        "meanAbsJerkPxS3", w.meanAbsJerkPxS3(), "directionEntropyBits", w.directionEntropyBits(),
        "pathEfficiency", w.pathEfficiency(), "clickRatePerS", w.clickRatePerS(), "idleMs", (double) w.idleMs(),
        "scrollSpeedPxS", w.scrollSpeedPxS());
  }
}
