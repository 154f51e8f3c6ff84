package io.limbic.loadtest;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The read side under the heartbeat load, on a node whose every heartbeat is an event (persist interval 0): the
 * validate-only baseline, one pass of first heartbeats (then, bounded, until the read models caught up with it),
 * a warm-up, then the measured phase, during which each read model's
 * lag is sampled from the database. Then the node's reaction-time log (event written to handler started) for the
 * measured phase, and how long the read models took to catch up once the load stopped (bounded).
 *
 * <p>Arguments (key=value): port key seconds warmup concurrency users client=raw|library (the heartbeat sender loops'
 * client, see {@link HeartbeatBenchmark}) jdbc dbUser dbPassword reactionLog catchUpSeconds=30
 */
public final class ReadSideBenchmark {
  private static final int MAX_WARM_PASS_SECONDS = 120;

  private ReadSideBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Options.parse(args);
    int port = Integer.parseInt(opts.getOrDefault("port", "8080"));
    String key = opts.get("key");
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "128"));
    int users = Integer.parseInt(opts.getOrDefault("users", "5000"));
    int catchUpSeconds = Integer.parseInt(opts.getOrDefault("catchUpSeconds", "30"));
    SenderClient client = SenderClient.of(opts);
    String jdbc = opts.get("jdbc");
    String dbUser = opts.getOrDefault("dbUser", "");
    String dbPassword = opts.getOrDefault("dbPassword", "");

    System.out.printf("read-side benchmark: %d connections, %d users, %d s measured (after %d s warm-up), client %s%n",
        concurrency, users, seconds, warmup, client.option());
    HeartbeatBenchmark.Requests validate =
        HeartbeatBenchmark.requests(client, port, key, "/v1/heartbeat/validate", users);
    HeartbeatBenchmark.Requests heartbeat = HeartbeatBenchmark.requests(client, port, key, "/v1/heartbeat", users);
    HeartbeatBenchmark.run(validate, warmup, concurrency, false);
    LatencySummary baseline = HeartbeatBenchmark.run(validate, seconds, concurrency, false);
    long firstFrom = System.currentTimeMillis();
    LatencySummary first = HeartbeatBenchmark.run(heartbeat, MAX_WARM_PASS_SECONDS, concurrency, true);
    long firstTo = System.currentTimeMillis();
    // The first pass is a recovery storm (every entity starts): its backlog is reported apart, not counted as the
    // steady state's lag.
    double firstCaughtUp = CatchUp.await(jdbc, dbUser, dbPassword, catchUpSeconds);
    HeartbeatBenchmark.run(heartbeat, warmup, concurrency, false);

    long from = System.currentTimeMillis();
    LatencySummary heartbeats;
    Map<String, Histogram> lags;
    try (ReadModelLag lag = new ReadModelLag(jdbc, dbUser, dbPassword, 250)) {
      heartbeats = HeartbeatBenchmark.run(heartbeat, seconds, concurrency, false);
      lags = lag.histograms();
    }
    long to = System.currentTimeMillis();
    double caughtUp = CatchUp.await(jdbc, dbUser, dbPassword, catchUpSeconds);

    HeartbeatBenchmark.print("baseline (validate only)", baseline);
    HeartbeatBenchmark.print("first heartbeat per user", first);
    HeartbeatBenchmark.print("heartbeat (every one an event)", heartbeats);
    System.out.printf("ratio heartbeat/baseline: throughput %.2f, p50 %.2f, p99 %.2f%n",
        heartbeats.perSecond() / baseline.perSecond(), heartbeats.p50Ms() / baseline.p50Ms(),
        heartbeats.p99Ms() / baseline.p99Ms());
    System.out.println("read model lag during the measured phase (now - write time of the last event committed):");
    lags.forEach((name, h) -> printMs(name, h));
    String reactionLog = opts.get("reactionLog");
    if (reactionLog != null && new java.io.File(reactionLog).exists()) {
      System.out.println("reaction time during the measured phase (event written -> handler started):");
      ReactionLogSummary.read(reactionLog, from, to).forEach(ReadSideBenchmark::printMs);
      System.out.println("reaction time during the first pass (every entity starting):");
      ReactionLogSummary.read(reactionLog, firstFrom, firstTo).forEach(ReadSideBenchmark::printMs);
    }
    System.out.println(firstCaughtUp < 0
        ? "read models not caught up " + catchUpSeconds + " s after the first pass"
        : String.format("read models caught up %.1f s after the first pass", firstCaughtUp));
    System.out.println(caughtUp < 0
        ? "read models not caught up " + catchUpSeconds + " s after the load stopped"
        : String.format("read models caught up %.1f s after the load stopped", caughtUp));
  }

  private static void printMs(String name, Histogram h) {
    System.out.printf("  %-16s p50 %6d ms   p99 %6d ms   max %6d ms   (%d samples)%n", name,
        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue(), h.getTotalCount());
  }
}
