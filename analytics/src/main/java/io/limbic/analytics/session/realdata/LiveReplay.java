package io.limbic.analytics.session.realdata;

import io.limbic.analytics.session.SessionAnalyzer;
import io.limbic.analytics.session.SessionSettings;
import io.limbic.analytics.session.emotion.EmotionClassifier;
import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.telemetry.ClientCapabilities;
import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replays a recording through a fresh {@link SessionAnalyzer} at the live cadence of the {@code Session} entity
 * (the one loop in {@link io.limbic.analytics.session.evaluation.LiveReplay}: 1 s batches, offerAll + flush, a tick
 * every 250 ms until 10 s of quiet), and measures what the entity would have shown at every batch and tick. A
 * recording that contains DOM mutations is replayed as a client that declared it observes them; no recording
 * reports text selection.
 */
public final class LiveReplay {
  private final Function<ClientCapabilities, SessionAnalyzer> analyzers;
  private final double escalationConfidence;

  public LiveReplay(Function<ClientCapabilities, SessionAnalyzer> analyzers, double escalationConfidence) {
    this.analyzers = analyzers;
    this.escalationConfidence = escalationConfidence;
  }

  public static LiveReplay withDefaults() {
    return new LiveReplay(
        capabilities -> new SessionAnalyzer(SessionSettings.defaults(), EmotionClassifier.standard(), capabilities),
        0.85);
  }

  public ReplayOutcome replay(Recording recording) {
    List<TelemetrySample> samples = recording.samples();
    SessionAnalyzer analyzer = analyzers.apply(capabilitiesOf(samples));
    Observations seen = new Observations(analyzer);
    long endT = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).t();
    List<EmotionReading> persisted =
        io.limbic.analytics.session.evaluation.LiveReplay.replay(analyzer, samples, endT, seen::observe).persisted();
    int episodes = 0;
    boolean escalated = false;
    for (EmotionReading r : persisted) {
      boolean now = r.state() == EmotionalState.RAGE && r.confidence() >= escalationConfidence;
      if (now && !escalated) episodes++;
      escalated = now;
    }
    return new ReplayOutcome(recording, persisted, episodes, seen.nonCalmShare(), seen.meanAnger(),
        Map.copyOf(analyzer.summary().signals()));
  }

  private static ClientCapabilities capabilitiesOf(List<TelemetrySample> samples) {
    boolean mutations = samples.stream().anyMatch(s -> s.type() == SampleType.MUTATION);
    return new ClientCapabilities(mutations, false);
  }

  /** At every batch and tick: whether the persisted state was not calm (none yet reads as calm), and P(anger). */
  private static final class Observations {
    private final SessionAnalyzer analyzer;
    private int observations;
    private int nonCalm;
    private double angerSum;

    Observations(SessionAnalyzer analyzer) {
      this.analyzer = analyzer;
    }

    void observe(List<EmotionReading> persisted) {
      observations++;
      EmotionReading last = persisted.isEmpty() ? null : persisted.get(persisted.size() - 1);
      if (last != null && last.state() != EmotionalState.CALM) nonCalm++;
      analyzer.currentEmotion().ifPresent(r -> angerSum += r.probabilities().getOrDefault("rage", 0.0)
          + r.probabilities().getOrDefault("frustration", 0.0));
    }

    double nonCalmShare() {
      return observations == 0 ? 0 : (double) nonCalm / observations;
    }

    double meanAnger() {
      return observations == 0 ? 0 : angerSum / observations;
    }
  }
}
