package io.limbic.loadtest;

import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.evaluation.LabelledTrace;
import io.limbic.analytics.session.evaluation.TraceGenerator;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fixed set of encoded traces from the analytics module's seeded generator, in two pools: ordinary browsing (calm
 * reading, engaged use) and trouble (rage-click bursts, dead and error clicks, thrashing, hesitation). Sessions
 * replay traces from these pools one after another in real time, so their emotional state changes and the server
 * persists {@code EmotionDetected}.
 *
 * <p>The pointer-move throttle is chosen so that sessions replaying the library, pauses between traces included and
 * in the run's mix of ordinary and troubled sessions, send the requested samples per second on average.
 */
final class TraceLibrary {
  private static final EmotionalState[] ORDINARY = {EmotionalState.CALM, EmotionalState.ENGAGEMENT};
  /** Rage and frustration first: their bursts and dead clicks are what the issue asks the benchmark to exercise. */
  private static final EmotionalState[] TROUBLE = {
    EmotionalState.RAGE, EmotionalState.RAGE, EmotionalState.RAGE, EmotionalState.FRUSTRATION,
    EmotionalState.FRUSTRATION, EmotionalState.CONFUSION, EmotionalState.HESITATION
  };
  private static final long MAX_MOVE_GAP_MS = 5_000;

  private final List<RecordedTrace> ordinary = new ArrayList<>();
  private final List<RecordedTrace> trouble = new ArrayList<>();
  private final long moveGapMs;
  private final double samplesPerSecond;

  /**
   * @param troubledShare the share of sessions that alternate ordinary traces with trouble: half of their time is
   *     trouble, so the pools are weighted accordingly when the throttle is chosen
   */
  TraceLibrary(long seed, int tracesPerPool, double targetPerSecond, double troubledShare) {
    TraceGenerator generator = new TraceGenerator(seed);
    List<LabelledTrace> ordinaryTraces = new ArrayList<>();
    List<LabelledTrace> troubleTraces = new ArrayList<>();
    for (int i = 0; i < tracesPerPool; i++) {
      ordinaryTraces.add(generator.generate(ORDINARY[i % ORDINARY.length]));
      troubleTraces.add(generator.generate(TROUBLE[i % TROUBLE.length]));
    }
    double troubleWeight = troubledShare / 2;
    long low = 0;
    long high = MAX_MOVE_GAP_MS;
    // The rate falls as the throttle grows: find the smallest throttle that does not exceed the target.
    while (low < high) {
      long mid = (low + high) / 2;
      if (rate(ordinaryTraces, troubleTraces, troubleWeight, mid) <= targetPerSecond) high = mid;
      else low = mid + 1;
    }
    moveGapMs = low;
    samplesPerSecond = rate(ordinaryTraces, troubleTraces, troubleWeight, moveGapMs);
    ordinaryTraces.forEach(t -> ordinary.add(RecordedTrace.of(t, moveGapMs)));
    troubleTraces.forEach(t -> trouble.add(RecordedTrace.of(t, moveGapMs)));
  }

  RecordedTrace ordinary(Random rnd) {
    return ordinary.get(rnd.nextInt(ordinary.size()));
  }

  RecordedTrace trouble(Random rnd) {
    return trouble.get(rnd.nextInt(trouble.size()));
  }

  /** The least time between two pointer moves that a session sends. */
  long moveGapMs() {
    return moveGapMs;
  }

  /** What one session sends per second on average, over the whole library with pauses between traces. */
  double samplesPerSecond() {
    return samplesPerSecond;
  }

  double meanSamplesPerTrace() {
    long samples = 0;
    for (RecordedTrace trace : ordinary) samples += trace.size();
    for (RecordedTrace trace : trouble) samples += trace.size();
    return samples / (double) (ordinary.size() + trouble.size());
  }

  /** Samples per second of a long replay in which a trace is trouble with probability {@code troubleWeight}. */
  private static double rate(
      List<LabelledTrace> ordinary, List<LabelledTrace> trouble, double troubleWeight, long moveGapMs) {
    double[] o = samplesAndMs(ordinary, moveGapMs);
    double[] t = samplesAndMs(trouble, moveGapMs);
    double samples = (1 - troubleWeight) * o[0] + troubleWeight * t[0];
    double ms = (1 - troubleWeight) * o[1] + troubleWeight * t[1];
    return samples * 1000.0 / ms;
  }

  /** Mean samples sent per trace, and mean milliseconds per trace including the pause after it. */
  private static double[] samplesAndMs(List<LabelledTrace> traces, long moveGapMs) {
    double samples = 0;
    double ms = 0;
    for (LabelledTrace trace : traces) {
      List<TelemetrySample> sent = RecordedTrace.sent(trace, moveGapMs);
      samples += sent.size();
      ms += sent.get(sent.size() - 1).t() - sent.get(0).t() + SessionPlayback.MEAN_PAUSE_MS;
    }
    return new double[] {samples / traces.size(), ms / traces.size()};
  }
}
