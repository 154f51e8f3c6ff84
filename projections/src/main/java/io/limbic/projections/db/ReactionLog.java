package io.limbic.projections.db;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Writes each read model's reaction times, one interval histogram per second and read model (tagged with its name),
 * to an HdrHistogram log file, for benchmarks ({@code limbic.projections.reaction-log}; off when empty).
 */
public final class ReactionLog {
  private ReactionLog() {}

  public static void start(ActorSystem<?> system, String path, Duration every) throws FileNotFoundException {
    PrintStream out = new PrintStream(path);
    HistogramLogWriter writer = new HistogramLogWriter(out);
    long start = System.currentTimeMillis();
    writer.outputStartTime(start);
    writer.setBaseTime(start);
    writer.outputLegend();
    ReactionTimes times = ReactionTimes.get(system);
    Cancellable task = system.scheduler().scheduleAtFixedRate(every, every, () -> write(writer, times),
        system.executionContext());
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "close-reaction-log", () -> {
          task.cancel();
          synchronized (writer) {
            write(writer, times);
            out.close();
          }
          return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  private static void write(HistogramLogWriter writer, ReactionTimes times) {
    synchronized (writer) {
      for (Map.Entry<String, Histogram> entry : times.takeIntervals().entrySet()) {
        Histogram interval = entry.getValue();
        interval.setTag(entry.getKey());
        writer.outputIntervalHistogram(interval);
      }
    }
  }
}
