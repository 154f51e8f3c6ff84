package io.limbic.analytics.session.realdata;

import io.limbic.analytics.session.SessionAnalyzer;
import io.limbic.analytics.session.SessionUpdate;
import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Replays a recording through a fresh {@link SessionAnalyzer} the way the {@code Session} entity feeds it live: the
 * SDK's samples arrive in one batch per second of client time (offerAll, then flush), and between batches the
 * entity's timer lets time pass every {@code tickMs} ({@code advanceTo(last sample + time since the batch)}), until
 * the session has been quiet for {@code quietAfterMs} (the timer stops) or the next batch arrives. After the last
 * batch the ticks run until the quiet limit, as they would live. Every reading the analyzer asks to persist is kept.
 */
public final class LiveReplay {
  public static final long BATCH_MS = 1_000;
  /** The node's defaults: {@code limbic.session.tick} and {@code limbic.session.quiet-after}. */
  public static final long TICK_MS = 250;
  public static final long QUIET_AFTER_MS = 10_000;

  private final Supplier<SessionAnalyzer> analyzers;
  private final double escalationConfidence;

  public LiveReplay(Supplier<SessionAnalyzer> analyzers, double escalationConfidence) {
    this.analyzers = analyzers;
    this.escalationConfidence = escalationConfidence;
  }

  public static LiveReplay withDefaults() {
    return new LiveReplay(SessionAnalyzer::withDefaults, 0.85);
  }

  public ReplayOutcome replay(Recording recording) {
    Run run = new Run(analyzers.get());
    List<TelemetrySample> samples = recording.samples();
    if (samples.isEmpty()) return run.outcome(recording, escalationConfidence);
    long start = samples.get(0).t();
    int i = 0;
    long arrival = Long.MIN_VALUE;
    long lastClientT = Long.MIN_VALUE;
    while (i < samples.size()) {
      long window = (samples.get(i).t() - start) / BATCH_MS;
      long nextArrival = start + (window + 1) * BATCH_MS;
      List<TelemetrySample> batch = new ArrayList<>();
      while (i < samples.size() && (samples.get(i).t() - start) / BATCH_MS == window) batch.add(samples.get(i++));
      if (arrival != Long.MIN_VALUE) run.ticks(arrival, lastClientT, nextArrival);
      run.step(run.analyzer.offerAll(batch));
      run.step(run.analyzer.flush());
      run.observe();
      arrival = nextArrival;
      lastClientT = batch.get(batch.size() - 1).t();
    }
    run.ticks(arrival, lastClientT, Long.MAX_VALUE);
    return run.outcome(recording, escalationConfidence);
  }

  /** One session's replay: the persisted readings and, at every batch and tick, the state it showed. */
  private static final class Run {
    final SessionAnalyzer analyzer;
    final List<EmotionReading> persisted = new ArrayList<>();
    int observations;
    int nonCalmObservations;
    double angerSum;

    Run(SessionAnalyzer analyzer) {
      this.analyzer = analyzer;
    }

    void ticks(long arrival, long lastClientT, long nextArrival) {
      for (long quiet = TICK_MS; quiet <= QUIET_AFTER_MS && arrival + quiet < nextArrival; quiet += TICK_MS) {
        step(analyzer.advanceTo(lastClientT + quiet));
        observe();
      }
    }

    void step(SessionUpdate update) {
      persisted.addAll(update.emotionChanges());
    }

    /** The persisted state is what the user's entity and the escalation see; none yet reads as calm. */
    void observe() {
      observations++;
      EmotionReading last = persisted.isEmpty() ? null : persisted.get(persisted.size() - 1);
      if (last != null && last.state() != EmotionalState.CALM) nonCalmObservations++;
      analyzer.currentEmotion().ifPresent(r -> angerSum += r.probabilities().getOrDefault("rage", 0.0)
          + r.probabilities().getOrDefault("frustration", 0.0));
    }

    ReplayOutcome outcome(Recording recording, double escalationConfidence) {
      int episodes = 0;
      boolean escalated = false;
      for (EmotionReading r : persisted) {
        boolean now = r.state() == EmotionalState.RAGE && r.confidence() >= escalationConfidence;
        if (now && !escalated) episodes++;
        escalated = now;
      }
      double share = observations == 0 ? 0 : (double) nonCalmObservations / observations;
      double anger = observations == 0 ? 0 : angerSum / observations;
      return new ReplayOutcome(recording, List.copyOf(persisted), episodes, share, anger,
          Map.copyOf(analyzer.summary().signals()));
    }
  }
}
