package io.limbic.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives {@code POST /v1/heartbeat} on a running node from this separate process, for a bounded time, over
 * keep-alive connections to 127.0.0.1. First the baseline: {@code POST /v1/heartbeat/validate}, the same server,
 * authentication and parsing but no entity work; then the real endpoint with the same concurrency. Prints both and
 * their ratio, and the journal rows written per second (counted in the database before and after).
 *
 * <p>Arguments (key=value): port=8080 key=... seconds=20 warmup=5 concurrency=64 users=20000 jdbc=... dbUser=
 * dbPassword=
 */
public final class HeartbeatBenchmark {
  private static final int MAX_WARM_PASS_SECONDS = 120;
  private HeartbeatBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Options.parse(args);
    int port = Integer.parseInt(opts.getOrDefault("port", "8080"));
    String key = opts.get("key");
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "64"));
    int users = Integer.parseInt(opts.getOrDefault("users", "20000"));
    String jdbc = opts.get("jdbc");

    System.out.printf("heartbeat benchmark: %d connections, %d users, %d s per phase (after %d s warm-up)%n",
        concurrency, users, seconds, warmup);
    byte[][] validate = requests(port, key, "/v1/heartbeat/validate", users);
    byte[][] heartbeat = requests(port, key, "/v1/heartbeat", users);
    run(validate, port, warmup, concurrency, false);
    LatencyRecorder.Summary baseline = run(validate, port, seconds, concurrency, false);
    // Every user's first heartbeat starts its entity and persists BecameActive: the cold path, measured apart.
    LatencyRecorder.Summary first = run(heartbeat, port, MAX_WARM_PASS_SECONDS, concurrency, true);
    long rowsBefore = jdbc == null ? -1 : journalRows(jdbc, opts);
    LatencyRecorder.Summary heartbeats = run(heartbeat, port, seconds, concurrency, false);
    long rowsAfter = jdbc == null ? -1 : journalRows(jdbc, opts);

    print("baseline (validate only)", baseline);
    print("first heartbeat per user", first);
    print("heartbeat (users active)", heartbeats);
    System.out.printf("ratio heartbeat/baseline: throughput %.2f, p50 %.2f, p99 %.2f%n",
        heartbeats.perSecond() / baseline.perSecond(),
        heartbeats.p50Ms() / baseline.p50Ms(),
        heartbeats.p99Ms() / baseline.p99Ms());
    if (jdbc != null) {
      System.out.printf("journal rows/s: %.1f (%d rows in %d s)%n",
          (rowsAfter - rowsBefore) / (double) seconds, rowsAfter - rowsBefore, seconds);
    }
  }

  static void print(String name, LatencyRecorder.Summary s) {
    System.out.printf("%-26s %9.0f req/s   p50 %7.2f ms   p99 %7.2f ms   ok %d   errors %d%n",
        name, s.perSecond(), s.p50Ms(), s.p99Ms(), s.ok(), s.errors());
  }

  /** Requests are prebuilt per user: the generator should measure the server, not string formatting. */
  static byte[][] requests(int port, String key, String path, int users) {
    byte[][] requests = new byte[users][];
    for (int u = 0; u < users; u++) {
      requests[u] = KeepAliveConnection.post("127.0.0.1", port, path, key, "{\"userId\":\"bench-" + u + "\"}");
    }
    return requests;
  }

  /**
   * Sends the requests round-robin from {@code concurrency} connections for {@code seconds}, or, with {@code
   * onePass}, until each has been sent once (and at most {@code seconds}).
   */
  static LatencyRecorder.Summary run(
      byte[][] requests, int port, int seconds, int concurrency, boolean onePass) throws Exception {
    long started = System.nanoTime();
    long deadline = started + seconds * 1_000_000_000L;
    int limit = onePass ? requests.length : Integer.MAX_VALUE;
    AtomicInteger next = new AtomicInteger();
    List<LatencyRecorder> recorders = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      LatencyRecorder recorder = new LatencyRecorder();
      recorders.add(recorder);
      Thread worker = new Thread(() -> drive(requests, port, deadline, limit, next, recorder), "load-" + w);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) worker.join();
    return LatencyRecorder.summarize(recorders, (System.nanoTime() - started) / 1e9);
  }

  private static void drive(
      byte[][] requests, int port, long deadline, int limit, AtomicInteger next, LatencyRecorder recorder) {
    try (KeepAliveConnection connection = new KeepAliveConnection("127.0.0.1", port)) {
      while (System.nanoTime() < deadline) {
        int index = next.getAndIncrement();
        if (index >= limit) break;
        long start = System.nanoTime();
        int status = connection.exchange(requests[index % requests.length]);
        if (status / 100 == 2) recorder.record(System.nanoTime() - start);
        else recorder.errors++;
      }
    } catch (Exception e) {
      recorder.errors++;
    }
  }

  private static long journalRows(String jdbc, Map<String, String> opts) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, opts.getOrDefault("dbUser", ""),
            opts.getOrDefault("dbPassword", ""));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM event_journal")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
