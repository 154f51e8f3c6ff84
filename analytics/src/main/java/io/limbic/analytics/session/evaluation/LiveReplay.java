package io.limbic.analytics.session.evaluation;

import io.limbic.analytics.session.SessionAnalyzer;
import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays a recorded sample stream through a {@link SessionAnalyzer} the way the node's {@code Session} entity feeds
 * it live: the client sends one batch per {@link #BATCH_MS} of samples (in arrival order), each batch is
 * {@code offerAll} then {@code flush}, and between batches the entity ticks every {@link #TICK_MS}, letting session
 * time pass to (time of the last sample received + wall time since that batch), until {@link #QUIET_AFTER_MS}
 * without samples stops the ticks. Wall time is taken to be session time with no network delay: a batch arrives
 * at the end of its second. What is counted is what the entity would persist (the readings the change policy passes).
 */
public final class LiveReplay {
  public static final long BATCH_MS = 1_000;
  /** {@code limbic.session.tick}. */
  public static final long TICK_MS = 250;
  /** {@code limbic.session.quiet-after}. */
  public static final long QUIET_AFTER_MS = 10_000;

  private LiveReplay() {}

  /**
   * @param sessionMs session time the stream covers, from its first sample to its end
   * @param persisted every reading the entity would persist as {@code EmotionDetected}, in order
   */
  public record Result(long sessionMs, List<EmotionReading> persisted) {
    public Result {
      persisted = List.copyOf(persisted);
    }

    /** Persisted rage readings at or above {@code minConfidence}: what an escalation policy would act on. */
    public int rageAtOrAbove(double minConfidence) {
      int n = 0;
      for (EmotionReading r : persisted) {
        if (r.state() == EmotionalState.RAGE && r.confidence() >= minConfidence) n++;
      }
      return n;
    }
  }

  /**
   * @param arrival samples in the order the client sent them
   * @param endT session time at which the stream ends (at or after its last sample)
   */
  public static Result replay(SessionAnalyzer analyzer, List<TelemetrySample> arrival, long endT) {
    return replay(analyzer, arrival, endT, persistedSoFar -> {});
  }

  /**
   * As {@link #replay(SessionAnalyzer, List, long)}, telling {@code observer} the readings persisted so far after
   * every batch and every tick: the moments at which the live entity's state could be read.
   */
  public static Result replay(
      SessionAnalyzer analyzer, List<TelemetrySample> arrival, long endT, Consumer<List<EmotionReading>> observer) {
    List<EmotionReading> persisted = new ArrayList<>();
    if (arrival.isEmpty()) return new Result(0, persisted);
    long start = arrival.get(0).t();
    long lastClientT = Long.MIN_VALUE;
    long lastArrival = Long.MIN_VALUE;
    boolean ticking = false;
    long nextTick = 0;
    int i = 0;
    while (i < arrival.size()) {
      long boundary = start + ((arrival.get(i).t() - start) / BATCH_MS + 1) * BATCH_MS;
      List<TelemetrySample> batch = new ArrayList<>();
      while (i < arrival.size() && arrival.get(i).t() < boundary) batch.add(arrival.get(i++));
      for (; ticking && nextTick < boundary; nextTick += TICK_MS) {
        ticking = tick(analyzer, nextTick, lastArrival, lastClientT, persisted);
        observer.accept(persisted);
      }
      persisted.addAll(analyzer.offerAll(batch).emotionChanges());
      persisted.addAll(analyzer.flush().emotionChanges());
      observer.accept(persisted);
      lastClientT = Math.max(lastClientT, batch.get(batch.size() - 1).t());
      lastArrival = boundary;
      if (!ticking) {
        ticking = true;
        nextTick = boundary + TICK_MS;
      }
    }
    for (; ticking; nextTick += TICK_MS) {
      ticking = tick(analyzer, nextTick, lastArrival, lastClientT, persisted);
      observer.accept(persisted);
    }
    return new Result(Math.max(endT, lastClientT) - start, persisted);
  }

  /** One tick of the entity; false when it goes quiet and stops ticking. */
  private static boolean tick(
      SessionAnalyzer analyzer, long wall, long lastArrival, long lastClientT, List<EmotionReading> persisted) {
    long quiet = wall - lastArrival;
    persisted.addAll(analyzer.advanceTo(lastClientT + quiet).emotionChanges());
    return quiet < QUIET_AFTER_MS;
  }
}
