package io.limbic.analytics.session.emotion;

import java.util.function.Supplier;

/**
 * A classification whose explanation is written out only when someone reads it. A session is classified several
 * times a second, and few readings are persisted or shown; the state and its confidence are all the change policy
 * needs, so the evidence (formatted reasons, maps of figures) waits for {@link #reading()}.
 */
public final class EmotionAssessment {
  private final EmotionalState state;
  private final double confidence;
  private final long at;
  private Supplier<EmotionReading> explain;
  private EmotionReading reading;

  EmotionAssessment(EmotionalState state, double confidence, long at, Supplier<EmotionReading> explain) {
    this.state = state;
    this.confidence = confidence;
    this.at = at;
    this.explain = explain;
  }

  public EmotionalState state() {
    return state;
  }

  /** The calibrated probability of {@link #state()}. */
  public double confidence() {
    return confidence;
  }

  /** Session time of the assessment. */
  public long at() {
    return at;
  }

  /** The reading with its evidence; built on the first call, the same instance after. */
  public EmotionReading reading() {
    if (reading == null) {
      reading = explain.get();
      explain = null; // what it captured is no longer needed
    }
    return reading;
  }
}
