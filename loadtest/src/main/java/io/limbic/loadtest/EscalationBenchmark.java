package io.limbic.loadtest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rage of a high-value user to the first notice at the contact's webhook, against a running node on 127.0.0.1, in
 * phases on the same node one after another: a warm-up; the baseline (the incidents alone); the loaded run (the
 * same number of incidents while background sessions of low-value users stream telemetry, the session benchmark's
 * {@link LoadLevel}: half WebSocket, half HTTP batches); then overload levels with more background sessions. Every
 * phase has its own users (one incident per user per window). Prints per phase p50/p99/max and the ratios.
 *
 * <p>Arguments (key=value): key= port=8080 managementPort=8558 incidents=200 warmupIncidents=20 spread=40 (seconds
 * over which a phase's raging sessions start) background=1000 rate=10 overload=3000 (comma list of background
 * sessions; empty for none) minConfidence=0.85 grace=20 rampup=10 warmup=10 troubled=0.3 seed=42.
 */
public final class EscalationBenchmark {
  static final double GOAL_P99_MS = 250;

  private EscalationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Options.parse(args);
    int port = Integer.parseInt(opts.getOrDefault("port", "8080"));
    String key = opts.get("key");
    int incidents = Integer.parseInt(opts.getOrDefault("incidents", "200"));
    int spread = Integer.parseInt(opts.getOrDefault("spread", "40"));
    int grace = Integer.parseInt(opts.getOrDefault("grace", "20"));
    double minConfidence = Double.parseDouble(opts.getOrDefault("minConfidence", "0.85"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));

    ExecutorService callbacks = Executors.newFixedThreadPool(2, daemon("ws-callbacks"));
    HttpClient background = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(10)).build();
    // The raging sessions have their own client and threads: the background's callbacks do not delay their clock.
    HttpClient vipClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(2, daemon("vip-client"))).connectTimeout(Duration.ofSeconds(10))
        .build();
    TraceLibrary library = new TraceLibrary(seed, Integer.parseInt(opts.getOrDefault("traces", "100")),
        Double.parseDouble(opts.getOrDefault("rate", "10")), Double.parseDouble(opts.getOrDefault("troubled", "0.3")));

    try (NoticeReceiver receiver = new NoticeReceiver()) {
      putPolicy(port, key, receiver.url("/exec"), minConfidence);
      IncidentRun runner = new IncidentRun(vipClient, port, key, minConfidence, receiver);
      String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
      List<String> summary = new ArrayList<>();

      phase("warm-up", Integer.parseInt(opts.getOrDefault("warmupIncidents", "20")), 0, opts, run, port, key, seed,
          spread / 2, grace, runner, library, background, summary);
      IncidentRun.Figures baseline =
          phase("baseline", incidents, 0, opts, run, port, key, seed, spread, grace, runner, library, background,
              summary);
      int sessions = Integer.parseInt(opts.getOrDefault("background", "1000"));
      IncidentRun.Figures loaded = phase("loaded", incidents, sessions, opts, run, port, key, seed, spread, grace,
          runner, library, background, summary);
      for (String level : opts.getOrDefault("overload", "3000").split(",")) {
        if (level.isBlank()) continue;
        phase("overload", incidents, Integer.parseInt(level.trim()), opts, run, port, key, seed, spread, grace,
            runner, library, background, summary);
      }
      runner.close();

      System.out.println("=== summary (rage -> first notice, timed from the client-side send of the batch that"
          + " completed the rage) ===");
      summary.forEach(System.out::println);
      System.out.printf("loaded / baseline: p50 x%.2f, p99 x%.2f; loaded p99 %.1f ms: goal (<= %.0f ms) %s%n",
          ms(loaded.latencyMicros(), 50) / ms(baseline.latencyMicros(), 50),
          ms(loaded.latencyMicros(), 99) / ms(baseline.latencyMicros(), 99), ms(loaded.latencyMicros(), 99),
          GOAL_P99_MS, ms(loaded.latencyMicros(), 99) <= GOAL_P99_MS ? "held" : "missed");
    }
    System.exit(0);
  }

  private static IncidentRun.Figures phase(
      String name, int count, int sessions, Map<String, String> opts, String run, int port, String key, long seed,
      int spread, int grace, IncidentRun runner, TraceLibrary library, HttpClient client, List<String> summary)
      throws Exception {
    String tag = name + (sessions > 0 ? "-" + sessions : "");
    List<RageIncident> vips = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String user = "vip-" + run + "-" + tag + "-" + i;
      vips.add(new RageIncident(user, "vs-" + run + "-" + tag + "-" + i, seed * 1_000_003L + tag.hashCode() * 31L + i));
    }
    giveValue(port, key, vips);
    System.out.printf("=== %s: %d raging high-value users over %d s, %d background sessions (load average %s) ===%n",
        tag, count, spread, sessions, loadAverage());

    Thread level = null;
    AtomicReference<LevelReport> report = new AtomicReference<>();
    if (sessions > 0) {
      Map<String, String> levelOpts = new HashMap<>(opts);
      levelOpts.put("run", run + tag.hashCode());
      levelOpts.putIfAbsent("rampup", Integer.toString(Math.max(10, sessions / 100)));
      levelOpts.putIfAbsent("warmup", "10");
      levelOpts.put("seconds", Integer.toString(spread + 20));
      LoadPlan plan = LoadPlan.from(levelOpts, sessions);
      level = new Thread(() -> {
        try {
          report.set(new LoadLevel(plan, library, client).run());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "background");
      level.start();
      Thread.sleep((plan.rampupS() + plan.warmupS()) * 1_000L);
    }
    IncidentRun.Figures f = runner.run(vips, spread, grace);
    String line = String.format(
        "%-8s bg %5d: %d users, %d raged, %d notified and timed (%d of them completed between batches; %d untimed)"
            + " | rage->notice p50 %.1f ms p99 %.1f ms max %.1f ms (completed by a batch: p50 %.1f p99 %.1f)"
            + " | their telemetry ack p50 %.1f p99 %.1f ms | failures %d",
        name, sessions, f.users(), f.completed(), f.notified(), f.betweenBatches(), f.earlyNotices(), ms(f.latencyMicros(), 50),
        ms(f.latencyMicros(), 99), f.latencyMicros().getMaxValue() / 1000.0, ms(f.byBatchMicros(), 50),
        ms(f.byBatchMicros(), 99), ms(f.ackMicros(), 50),
        ms(f.ackMicros(), 99), f.failures());
    System.out.println(line);
    if (level != null) {
      level.join();
      LevelReport r = report.get();
      if (r != null) {
        r.print();
        line += String.format(" || background (low-value) ack p50 %.1f ms p99 %.1f ms, accepted %,.0f of %,.0f"
            + " samples/s, failures %d", r.ack().p50Ms(), r.ack().p99Ms(), r.achievedPerSecond(),
            r.plan().targetPerSecond(), r.failureCount());
      }
    }
    summary.add(line + " | load average " + loadAverage());
    return f;
  }

  /** Each user's lifetime value, 100,000 USD (over the policy's minimum), before the phase starts. */
  private static void giveValue(int port, String key, List<RageIncident> vips) throws IOException {
    for (RageIncident vip : vips) {
      String body = "{\"events\":[{\"userId\":\"" + vip.userId + "\",\"type\":\"purchase\",\"amount\":100000,"
          + "\"currency\":\"USD\",\"id\":\"" + vip.userId + "-p1\",\"at\":\"2026-01-01T10:00:00Z\"}]}";
      int status = LoadHttp.exchange(LoadHttp.post(port, "/v1/events", key, body));
      if (status != 200) throw new IllegalStateException("POST /v1/events answered " + status);
    }
  }

  private static void putPolicy(int port, String key, String webhook, double minConfidence) throws IOException {
    // One contact; the next step is far away, so nothing but the first notice is sent during the run.
    String policy = "{\"trigger\":{\"emotion\":\"rage\",\"minConfidence\":" + minConfidence
        + ",\"minLifetimeValue\":10000,\"currency\":\"USD\"},\"escalateAfter\":\"PT30M\",\"window\":\"PT1H\","
        + "\"contacts\":[{\"name\":\"Exec\",\"channels\":[{\"type\":\"webhook\",\"url\":\"" + webhook + "\"}]}]}";
    int status = LoadHttp.exchange(LoadHttp.put(port, "/v1/escalation/policy", key, policy));
    if (status != 200) throw new IllegalStateException("PUT /v1/escalation/policy answered " + status);
    System.out.printf("policy: rage at confidence >= %.2f, lifetime value >= 10,000 USD, webhook %s%n",
        minConfidence, webhook);
  }

  private static double ms(org.HdrHistogram.Histogram h, double percentile) {
    return LatencySummary.ms(h, percentile);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
