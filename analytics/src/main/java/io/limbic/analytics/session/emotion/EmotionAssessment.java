package io.limbic.analytics.session.emotion;

import io.limbic.analytics.session.physics.PhysicsSnapshot;
import io.limbic.analytics.session.signal.SignalKind;
import java.util.Map;

/**
 * A classification whose explanation is written out only when someone reads it. A session is classified several
 * times a second, and few readings are persisted or shown; the state and its confidence are all the change policy
 * needs, so the evidence (formatted reasons, maps of figures) waits for {@link #reading()}.
 */
public final class EmotionAssessment {
  private final EmotionClassifier classifier;
  private final long at;
  private final double[] features;
  private final double[] probabilities;
  private final EmotionalState state;
  private final RageBelief rage;
  private final PhysicsSnapshot physics;
  private final Map<SignalKind, Integer> recentSignals;
  private final long signalWindowMs;
  private final String url;
  private final String section;
  private EmotionReading reading;

  EmotionAssessment(EmotionClassifier classifier, long at, double[] features, double[] probabilities,
      EmotionalState state, RageBelief rage, PhysicsSnapshot physics, Map<SignalKind, Integer> recentSignals,
      long signalWindowMs, String url, String section) {
    this.classifier = classifier;
    this.at = at;
    this.features = features;
    this.probabilities = probabilities;
    this.state = state;
    this.rage = rage;
    this.physics = physics;
    this.recentSignals = recentSignals;
    this.signalWindowMs = signalWindowMs;
    this.url = url;
    this.section = section;
  }

  public EmotionalState state() {
    return state;
  }

  /** The calibrated probability of {@link #state()}. */
  public double confidence() {
    return probabilities[state.ordinal()];
  }

  /** Session time of the assessment. */
  public long at() {
    return at;
  }

  /** The reading with its evidence; built on the first call, the same instance after. */
  public EmotionReading reading() {
    if (reading == null) {
      reading = classifier.explain(at, features, probabilities, state, rage, physics, recentSignals, signalWindowMs,
          url, section);
    }
    return reading;
  }
}
