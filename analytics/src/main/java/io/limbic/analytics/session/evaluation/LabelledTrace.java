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
 * @param leadIn the state of the episode before the labelled segment, null when there was none (or only browsing):
 *     a calm trace may open with a real rage episode, which is not a false alarm when it is read as rage
 */
public record LabelledTrace(
    EmotionalState state, boolean decisionSection, List<TelemetrySample> samples, long endT, EmotionalState leadIn) {
  public LabelledTrace {
    samples = List.copyOf(samples);
  }

  public LabelledTrace(EmotionalState state, boolean decisionSection, List<TelemetrySample> samples, long endT) {
    this(state, decisionSection, samples, endT, null);
  }

  /** No rage, frustration or confusion anywhere in the trace: ordinary use, where any escalation-grade rage is a false alarm. */
  public boolean ordinary() {
    boolean calmOrEngaged = state == EmotionalState.CALM || state == EmotionalState.ENGAGEMENT;
    return calmOrEngaged && leadIn != EmotionalState.RAGE && leadIn != EmotionalState.FRUSTRATION
        && leadIn != EmotionalState.CONFUSION;
  }
}
