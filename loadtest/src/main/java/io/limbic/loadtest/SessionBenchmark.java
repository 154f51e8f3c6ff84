package io.limbic.loadtest;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Live sessions streaming telemetry into a running node from this separate process, for a bounded time, against
 * 127.0.0.1: half the sessions over a WebSocket each ({@code GET /v1/stream}), half posting HTTP batches every
 * second over shared keep-alive connections ({@code POST /v1/sessions/{id}/telemetry}). Each session replays
 * labelled traces of the analytics module's seeded generator at a fixed rate; a share of them alternate ordinary
 * browsing with rage-click bursts, dead clicks and the like, so emotions change and {@code EmotionDetected} is
 * persisted. Prints, per load level, the samples per second the server accepted, the ack latency, and the node's
 * detection latency (batch arrived at the node to {@code EmotionDetected} persisted) from {@code /metrics/detection}.
 *
 * <p>Arguments (key=value): key=... port=8080 managementPort=8558 sessions=1000 (a comma list runs the levels one
 * after another on the same node; the node's detection percentiles then accumulate over the levels) rate=10
 * wsShare=0.5 wsFraming=binary (the SDK's frames; json sends JSON text) wsFlushMs=500 httpFlushMs=1000 connections=32 rampup=10 warmup=10 seconds=30 troubled=0.3 seed=42
 * traces=100 (per pool) run=(a token for session ids).
 */
public final class SessionBenchmark {
  private SessionBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Options.parse(args);
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
    int traces = Integer.parseInt(opts.getOrDefault("traces", "100"));
    double rate = Double.parseDouble(opts.getOrDefault("rate", "10"));
    double troubled = Double.parseDouble(opts.getOrDefault("troubled", "0.3"));
    TraceLibrary library = new TraceLibrary(seed, traces, rate, troubled);
    System.out.printf("session benchmark: %d traces per pool; pointer moves throttled to one per %d ms for %.0f"
            + " samples/s (library average %.2f/s, %.0f samples per trace)%n",
        traces, library.moveGapMs(), rate, library.samplesPerSecond(), library.meanSamplesPerTrace());

    // Acks and pushes arrive on these threads; two keep up with tens of thousands of small messages a second.
    ExecutorService callbacks = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "ws-callbacks");
      thread.setDaemon(true);
      return thread;
    });
    HttpClient client = HttpClient.newBuilder()
        .executor(callbacks)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    List<LevelReport> reports = new ArrayList<>();
    for (String level : opts.getOrDefault("sessions", "1000").split(",")) {
      LoadPlan plan = LoadPlan.from(opts, Integer.parseInt(level.trim()));
      System.out.printf("level %d sessions x %.0f samples/s (%.0f%% WebSocket %s, flush %d ms; HTTP flush %d ms over"
              + " %d connections), %.0f%% troubled; ramp-up %d s, warm-up %d s, measured %d s%n",
          plan.sessions(), plan.samplesPerSecond(), plan.wsShare() * 100, plan.wsBinary() ? "binary" : "JSON",
          plan.wsFlushMs(), plan.httpFlushMs(),
          plan.connections(), plan.troubled() * 100, plan.rampupS(), plan.warmupS(), plan.seconds());
      LevelReport report = new LoadLevel(plan, library, client).run();
      report.print();
      reports.add(report);
    }
    summarize(reports);
    System.exit(0);
  }

  private static void summarize(List<LevelReport> reports) {
    LevelReport largest = null;
    for (LevelReport report : reports) {
      if (report.holds() && (largest == null || report.plan().targetPerSecond() > largest.plan().targetPerSecond())) {
        largest = report;
      }
    }
    if (largest == null) {
      System.out.println("no level held the goal (detection p99 <= 100 ms, >= 95% of target accepted, no failures)");
    } else {
      System.out.printf(
          "largest level holding the goal: %d sessions, %,.0f samples/s accepted, detection p99 %.1f ms%n",
          largest.plan().sessions(), largest.achievedPerSecond(), largest.after().p99Ms());
    }
  }
}
