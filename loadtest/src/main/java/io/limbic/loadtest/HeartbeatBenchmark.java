package io.limbic.loadtest;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Drives {@code POST /v1/heartbeat} on a running node from this separate process, for a bounded time, over
 * keep-alive connections to 127.0.0.1 (by default the hand-written {@link KeepAliveConnection}, one per sender loop,
 * since the library clients cost the generator 4x its CPU per request; {@code client=library} sends through
 * {@link LoadHttp} instead, for comparison; latencies in an HdrHistogram). First the baseline: {@code POST
 * /v1/heartbeat/validate}, the same server, authentication and parsing but no entity work; then the real endpoint
 * with the same concurrency. Prints both and their ratio, and the journal rows written per second (counted in the
 * database before and after).
 *
 * <p>With {@code nodePid}, the node's CPU time per request of each phase (from {@code /proc}, so it holds on a busy
 * machine), and its live heap before and after the first pass ({@link HeapHistogram}): bytes per started user.
 *
 * <p>Arguments (key=value): port=8080 key=... seconds=20 warmup=5 concurrency=64 users=20000 client=raw|library
 * jdbc=... dbUser= dbPassword= nodePid= firstPassSeconds=120 steady=true
 */
public final class HeartbeatBenchmark {
  private HeartbeatBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Options.parse(args);
    int port = Integer.parseInt(opts.getOrDefault("port", "8080"));
    String key = opts.get("key");
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "64"));
    int users = Integer.parseInt(opts.getOrDefault("users", "20000"));
    SenderClient client = SenderClient.of(opts);
    String jdbc = opts.get("jdbc");
    long nodePid = Long.parseLong(opts.getOrDefault("nodePid", "-1"));
    int firstPassSeconds = Integer.parseInt(opts.getOrDefault("firstPassSeconds", "120"));
    boolean steady = Boolean.parseBoolean(opts.getOrDefault("steady", "true"));

    System.out.printf("heartbeat benchmark: %d connections, %d users, %d s per phase (after %d s warm-up), client %s%n",
        concurrency, users, seconds, warmup, client.option());
    Requests validate = requests(client, port, key, "/v1/heartbeat/validate", users);
    Requests heartbeat = requests(client, port, key, "/v1/heartbeat", users);
    run(validate, warmup, concurrency, false);
    NodeCpu cpu = new NodeCpu(nodePid);
    LatencySummary baseline = run(validate, seconds, concurrency, false);
    double baselineCpu = cpu.msPer(baseline);
    HeapHistogram heapBefore = nodePid > 0 ? HeapHistogram.of(nodePid) : null;
    cpu.reset();
    // Every user's first heartbeat starts its entity and persists BecameActive: the cold path, measured apart.
    LatencySummary first = run(heartbeat, firstPassSeconds, concurrency, true);
    double firstCpu = cpu.msPer(first);
    HeapHistogram heapAfter = nodePid > 0 ? HeapHistogram.of(nodePid) : null;
    print("baseline (validate only)", baseline, baselineCpu);
    print("first heartbeat per user", first, firstCpu);
    if (heapAfter != null) heapAfter.printGrowthPer(heapBefore, first.ok(), "users started", 25, "io.limbic.cluster.user.User");
    if (!steady) return;
    cpu.reset();
    long rowsBefore = jdbc == null ? -1 : journalRows(jdbc, opts);
    LatencySummary heartbeats = run(heartbeat, seconds, concurrency, false);
    long rowsAfter = jdbc == null ? -1 : journalRows(jdbc, opts);
    print("heartbeat (users active)", heartbeats, cpu.msPer(heartbeats));
    System.out.printf("ratio heartbeat/baseline: throughput %.2f, p50 %.2f, p99 %.2f%n",
        heartbeats.perSecond() / baseline.perSecond(),
        heartbeats.p50Ms() / baseline.p50Ms(),
        heartbeats.p99Ms() / baseline.p99Ms());
    if (jdbc != null) {
      System.out.printf("journal rows/s: %.1f (%d rows in %d s)%n",
          (rowsAfter - rowsBefore) / (double) seconds, rowsAfter - rowsBefore, seconds);
    }
  }

  static void print(String name, LatencySummary s) {
    print(name, s, Double.NaN);
  }

  static void print(String name, LatencySummary s, double cpuMsPerRequest) {
    System.out.printf("%-26s %9.0f req/s   p50 %7.2f ms   p99 %7.2f ms   ok %d   errors %d   node CPU %s ms/req"
            + "   load %s%n",
        name, s.perSecond(), s.p50Ms(), s.p99Ms(), s.ok(), s.errors(),
        Double.isNaN(cpuMsPerRequest) ? "-" : String.format("%.3f", cpuMsPerRequest), NodeCpu.loadAverage());
  }

  /** The node's user + system CPU time since the last reset, from /proc/<pid>/stat (clock ticks of 10 ms). */
  static final class NodeCpu {
    private final long pid;
    private long since;

    NodeCpu(long pid) {
      this.pid = pid;
      reset();
    }

    void reset() {
      since = ticks();
    }

    double msPer(LatencySummary phase) {
      if (pid <= 0 || phase.ok() + phase.errors() == 0) return Double.NaN;
      return (ticks() - since) * 10.0 / (phase.ok() + phase.errors());
    }

    private long ticks() {
      if (pid <= 0) return 0;
      try {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (Exception e) {
        return 0;
      }
    }

    static String loadAverage() {
      try {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
      } catch (Exception e) {
        return "?";
      }
    }
  }

  /**
   * Requests are prebuilt per user, in the form the client sends: the generator should measure the server, not
   * string formatting.
   */
  static Requests requests(SenderClient client, int port, String key, String path, int users) {
    HttpRequest[] library = new HttpRequest[client == SenderClient.LIBRARY ? users : 0];
    byte[][] raw = new byte[client == SenderClient.RAW ? users : 0][];
    for (int u = 0; u < users; u++) {
      String json = "{\"userId\":\"bench-" + u + "\"}";
      if (client == SenderClient.LIBRARY) library[u] = LoadHttp.post(port, path, key, json);
      else raw[u] = KeepAliveConnection.post(LoadHttp.HOST, port, path, key, json);
    }
    return new Requests(client, port, library, raw);
  }

  /** One phase's requests per user, for the sender loops' client (only that client's array is filled). */
  record Requests(SenderClient client, int port, HttpRequest[] library, byte[][] raw) {
    int count() {
      return client == SenderClient.LIBRARY ? library.length : raw.length;
    }
  }

  /**
   * Sends the requests round-robin from {@code concurrency} sender loops (each awaits its response before sending
   * again, so as many keep-alive connections) for {@code seconds}, or, with {@code onePass}, until each has been
   * sent once (and at most {@code seconds}).
   */
  static LatencySummary run(Requests requests, int seconds, int concurrency, boolean onePass) throws Exception {
    long started = System.nanoTime();
    long deadline = started + seconds * 1_000_000_000L;
    int limit = onePass ? requests.count() : Integer.MAX_VALUE;
    AtomicInteger next = new AtomicInteger();
    List<Sender> senders = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      Sender sender = new Sender();
      senders.add(sender);
      Thread worker = new Thread(() -> sender.drive(requests, deadline, limit, next), "load-" + w);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) worker.join();
    Histogram all = LatencySummary.micros();
    long errors = 0;
    for (Sender sender : senders) {
      all.add(sender.micros);
      errors += sender.errors;
    }
    return LatencySummary.of(all, errors, (System.nanoTime() - started) / 1e9);
  }

  /** One sender loop's latencies of 2xx answers, and its failures; read once its thread has ended. */
  private static final class Sender {
    final Histogram micros = LatencySummary.micros();
    long errors;

    void drive(Requests requests, long deadline, int limit, AtomicInteger next) {
      if (requests.client() == SenderClient.LIBRARY) driveLibrary(requests.library(), deadline, limit, next);
      else driveRaw(requests.raw(), requests.port(), deadline, limit, next);
    }

    /** Its own socket for the whole loop; a failed exchange ends the loop, so a dead node is one error a loop. */
    private void driveRaw(byte[][] requests, int port, long deadline, int limit, AtomicInteger next) {
      try (KeepAliveConnection connection = new KeepAliveConnection(LoadHttp.HOST, port)) {
        while (System.nanoTime() < deadline) {
          int index = next.getAndIncrement();
          if (index >= limit) break;
          long start = System.nanoTime();
          int status = connection.exchange(requests[index % requests.length]);
          if (status / 100 == 2) LatencySummary.record(micros, System.nanoTime() - start);
          else errors++;
        }
      } catch (Exception e) {
        errors++;
      }
    }

    /** Through the pooled library client, ending the loop on a failed exchange as the raw loop does. */
    private void driveLibrary(HttpRequest[] requests, long deadline, int limit, AtomicInteger next) {
      while (System.nanoTime() < deadline) {
        int index = next.getAndIncrement();
        if (index >= limit) break;
        long start = System.nanoTime();
        try {
          int status = LoadHttp.exchange(requests[index % requests.length]);
          if (status / 100 == 2) LatencySummary.record(micros, System.nanoTime() - start);
          else errors++;
        } catch (Exception e) {
          errors++;
          return;
        }
      }
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
