package io.limbic.analytics.session.evaluation;

import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.List;

/**
 * A synthetic session with its ground truth: the state the last segment was generated from.
 *
 * @param samples in arrival order (which is not quite time order: the generator perturbs it like a real network)
 * @param decisionSection whether the labelled segment happened in a pricing/checkout section
 * @param endT session time at which the label holds: the end of the last segment, which may be after the last
 *     sample when the person ends by sitting still
 */
public record LabelledTrace(EmotionalState state, boolean decisionSection, List<TelemetrySample> samples, long endT) {
  public LabelledTrace {
    samples = List.copyOf(samples);
  }
}
