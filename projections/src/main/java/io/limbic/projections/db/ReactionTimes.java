package io.limbic.projections.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Per read model of one node, how long after an event was written its handler started on it: the handler's clock
 * minus the journal's write timestamp (milliseconds; both from this machine's clock when one node writes and
 * projects). Interval histograms are taken by {@link ReactionLog}.
 */
public final class ReactionTimes implements Extension {
  private static final long HIGHEST_MS = 3_600_000L;

  private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();

  public static final ExtensionId<ReactionTimes> ID =
      new ExtensionId<>() {
        @Override
        public ReactionTimes createExtension(ActorSystem<?> system) {
          return new ReactionTimes();
        }
      };

  public static ReactionTimes get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public void record(String readModel, long writtenAtMillis, long startedAtMillis) {
    long ms = Math.max(0, Math.min(HIGHEST_MS, startedAtMillis - writtenAtMillis));
    recorders.computeIfAbsent(readModel, name -> new Recorder(HIGHEST_MS, 3)).recordValue(ms);
  }

  /** What each read model recorded since the previous call (read models with nothing new are left out). */
  public Map<String, Histogram> takeIntervals() {
    Map<String, Histogram> intervals = new java.util.TreeMap<>();
    recorders.forEach((name, recorder) -> {
      Histogram interval = recorder.getIntervalHistogram();
      if (interval.getTotalCount() > 0) intervals.put(name, interval);
    });
    return intervals;
  }
}
