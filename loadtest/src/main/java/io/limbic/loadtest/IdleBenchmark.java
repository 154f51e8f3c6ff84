package io.limbic.loadtest;

import io.limbic.analytics.matching.eval.SyntheticPerson;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Idle users in one tenant, driven from this separate process over keep-alive connections to 127.0.0.1: loads every
 * user's profile (the seeded evaluation population, so candidate pools are large), waits for the candidate index,
 * then gives each idle user one heartbeat whose {@code at} starts their idle period, evenly over a window. While
 * the node runs the phases it reads {@code GET /v1/scheduler/status} every second, and reports per phase the
 * sustained completions per second, the due-to-start lag p50/p99, and when every user had finished it; then the
 * deep phase's time per user (gaps between daily-match generations while deep jobs were queued) and the candidate
 * pool sizes of a sample of users. Bounded: it stops when every phase is done or {@code seconds} after the window
 * start, whichever comes first.
 *
 * <p>Arguments (key=value): port=8080 key=... tenant=bench users=100000 idleUsers=users connections=32
 * phases=20s,40s,60s (the node's LIMBIC_IDLE_PHASES) window=60 lead=10 seconds=window+last+240 batch=250 jdbc=...
 * dbUser= dbPassword= sample=40
 */
public final class IdleBenchmark {
  private static final String HOST = "127.0.0.1";

  private IdleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Options.parse(args);
    int port = Integer.parseInt(opts.getOrDefault("port", "8080"));
    String key = opts.get("key");
    String tenant = opts.getOrDefault("tenant", "bench");
    int users = Integer.parseInt(opts.getOrDefault("users", "100000"));
    int idleUsers = Math.min(users, Integer.parseInt(opts.getOrDefault("idleUsers", String.valueOf(users))));
    int connections = Integer.parseInt(opts.getOrDefault("connections", "32"));
    double[] thresholds = thresholds(opts.getOrDefault("phases", "20s,40s,60s"));
    double window = Double.parseDouble(opts.getOrDefault("window", "60"));
    double lead = Double.parseDouble(opts.getOrDefault("lead", "10"));
    double seconds = Double.parseDouble(
        opts.getOrDefault("seconds", String.valueOf(window + thresholds[thresholds.length - 1] + 240)));
    int batch = Integer.parseInt(opts.getOrDefault("batch", "250"));
    int sample = Integer.parseInt(opts.getOrDefault("sample", "40"));
    IdleBenchmarkDatabase db = new IdleBenchmarkDatabase(opts.get("jdbc"), opts.getOrDefault("dbUser", ""),
        opts.getOrDefault("dbPassword", ""));

    System.out.printf(Locale.ROOT, "idle benchmark: %,d users in tenant %s, %,d of them idle; phases at %s; idle "
        + "starts spread over %.0f s; at most %.0f s of phases%n", users, tenant, idleUsers,
        opts.getOrDefault("phases", "20s,40s,60s"), window, seconds);
    List<SyntheticPerson> people = IdleBenchmarkProfiles.people(users);
    IdleBenchmarkLoad load = new IdleBenchmarkLoad(port, key);

    IdleBenchmarkLoad.Pass profiles = load.profiles(people, connections);
    System.out.printf(Locale.ROOT, "profiles: %,d stored in %.1f s (%.0f/s), %d failed%s%n", profiles.ok(),
        profiles.seconds(), profiles.perSecond(), profiles.failed(),
        profiles.firstFailure() == null ? "" : " (first: " + profiles.firstFailure() + ")");
    long waitStarted = System.nanoTime();
    while (db.profiles(tenant) < profiles.ok() && System.nanoTime() - waitStarted < 1_800_000_000_000L) {
      Thread.sleep(1_000);
    }
    System.out.printf(Locale.ROOT, "read models: %,d profiles, %,d candidate index rows, %.1f s after the last PUT%n",
        db.profiles(tenant), db.candidateRows(tenant), (System.nanoTime() - waitStarted) / 1e9);

    Instant start = Instant.now().plusMillis((long) (lead * 1000));
    long startNanos = System.nanoTime() + (long) (lead * 1e9);
    IdleBenchmarkLoad.Heartbeats[] heartbeats = {null};
    Thread sender = new Thread(() -> {
      try {
        heartbeats[0] = load.heartbeats(people, idleUsers, start, window, batch, 4);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "heartbeats");
    sender.start();
    List<IdleBenchmarkStatus> readings = watch(port, key, startNanos, seconds, idleUsers, thresholds.length);
    sender.join();
    IdleBenchmarkLoad.Heartbeats hb = heartbeats[0];
    System.out.printf(Locale.ROOT, "heartbeats: %,d accepted, %d rejected; latest batch acknowledged %.1f s after "
        + "its last at%s%n", hb.accepted(), hb.rejected(), hb.maxLateSeconds(),
        hb.firstError() == null ? "" : " (first error: " + hb.firstError() + ")");
    if (hb.maxLateSeconds() > thresholds[0]) {
      System.out.println("WARNING: heartbeats were acknowledged after their first phase fell due; lags include that");
    }

    IdleBenchmarkReport report =
        new IdleBenchmarkReport(readings, startNanos, start.toEpochMilli(), window, thresholds, idleUsers);
    report.printTimeline();
    report.printPhases();
    long deepDone = readings.get(readings.size() - 1).completed(thresholds.length);
    deepTimes(report, matchesCaughtUp(db, tenant, deepDone));
    try {
      candidatePools(port, key, people, idleUsers, sample);
    } catch (java.io.IOException e) {
      System.out.println("candidate pools: could not read the sample: " + e);
    }
  }

  /** Status readings every second from now until every phase is done or the time is up. */
  private static List<IdleBenchmarkStatus> watch(
      int port, String key, long startNanos, double seconds, int idleUsers, int phases) throws Exception {
    HttpRequest request = LoadHttp.get(port, "/v1/scheduler/status", key);
    long deadline = startNanos + (long) (seconds * 1e9);
    List<IdleBenchmarkStatus> readings = new ArrayList<>();
    int failures = 0;
    String lastFailure = null;
    while (System.nanoTime() < deadline) {
      try {
        IdleBenchmarkStatus r = IdleBenchmarkStatus.read(request);
        readings.add(r);
        boolean done = true;
        for (int p = 1; p <= phases; p++) done &= r.completed(p) >= idleUsers;
        if (done) break;
      } catch (java.io.IOException e) {
        // a busy node may answer 503 or drop the connection: the client opens a new one for the next reading
        failures++;
        lastFailure = e.toString();
      }
      Thread.sleep(1_000);
    }
    if (failures > 0) System.out.printf("status readings failed: %d (last: %s)%n", failures, lastFailure);
    return readings;
  }

  /**
   * The daily-match generation times once the matches projection has caught up with the deep phases done (or has
   * stopped moving for 10 s, or 120 s have passed): a projection that is behind would leave holes in the sequence
   * and make gaps look longer than the jobs were.
   */
  private static long[] matchesCaughtUp(IdleBenchmarkDatabase db, String tenant, long deepDone) throws Exception {
    long waitStarted = System.nanoTime();
    long[] generated = db.matchesGenerated(tenant);
    long stableSince = System.nanoTime();
    while (generated.length < deepDone && System.nanoTime() - waitStarted < 120_000_000_000L
        && System.nanoTime() - stableSince < 10_000_000_000L) {
      Thread.sleep(1_000);
      long[] now = db.matchesGenerated(tenant);
      if (now.length != generated.length) stableSince = System.nanoTime();
      generated = now;
    }
    System.out.printf(Locale.ROOT, "matches projection: %,d of %,d deep results in daily_matches %.0f s after the "
        + "phases stopped being watched%n", generated.length, deepDone, (System.nanoTime() - waitStarted) / 1e9);
    return generated;
  }

  private static void deepTimes(IdleBenchmarkReport report, long[] generated) {
    long[] gaps = report.backloggedGaps(generated);
    System.out.printf(Locale.ROOT, "daily matches generated for %,d users%n", generated.length);
    if (gaps.length == 0) {
      System.out.println("deep phase time per user: n/a (deep jobs never queued up, so no back-to-back gaps)");
      return;
    }
    double mean = Arrays.stream(gaps).average().orElse(Double.NaN);
    System.out.printf(Locale.ROOT, "deep phase (daily matches) time per user, from %,d back-to-back generations at "
        + "concurrency 1: p50 %.0f ms, p99 %.0f ms, max %d ms, mean %.0f ms%n", gaps.length,
        IdleBenchmarkReport.percentile(gaps, 0.50), IdleBenchmarkReport.percentile(gaps, 0.99),
        Arrays.stream(gaps).max().orElse(0), mean);
  }

  /** How many candidates a sample of users' deep phase considered, from {@code GET /v1/users/{id}}. */
  private static void candidatePools(int port, String key, List<SyntheticPerson> people, int idleUsers, int sample)
      throws Exception {
    List<Long> pools = new ArrayList<>();
    for (int s = 0; s < sample; s++) {
      String id = people.get((int) ((long) s * idleUsers / sample)).id();
      HttpResponse<String> response = LoadHttp.send(LoadHttp.get(port, "/v1/users/" + id, key));
      if (response.statusCode() != 200) continue;
      long considered = field(response.body(), "\"candidatesConsidered\":");
      if (considered >= 0) pools.add(considered);
    }
    if (pools.isEmpty()) {
      System.out.println("candidate pools: no sampled user has finished the deep phase");
      return;
    }
    long[] sizes = pools.stream().mapToLong(Long::longValue).toArray();
    System.out.printf(Locale.ROOT, "candidates considered per deep phase (%d sampled users): min %,d, p50 %,.0f, "
        + "max %,d%n", sizes.length, Arrays.stream(sizes).min().getAsLong(),
        IdleBenchmarkReport.percentile(sizes, 0.5), Arrays.stream(sizes).max().getAsLong());
  }

  private static long field(String body, String name) {
    int at = body.indexOf(name);
    if (at < 0) return -1;
    int i = at + name.length();
    long value = 0;
    int digits = 0;
    for (; i < body.length() && Character.isDigit(body.charAt(i)); i++, digits++) value = value * 10 + body.charAt(i) - '0';
    return digits == 0 ? -1 : value;
  }

  /** "20s,40s,60s" (ms, s, m or h) as seconds. */
  static double[] thresholds(String spec) {
    String[] parts = spec.split(",");
    double[] seconds = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim();
      Duration d = p.endsWith("ms") ? Duration.ofMillis(Long.parseLong(p.substring(0, p.length() - 2)))
          : p.endsWith("s") ? Duration.ofSeconds(Long.parseLong(p.substring(0, p.length() - 1)))
          : p.endsWith("m") ? Duration.ofMinutes(Long.parseLong(p.substring(0, p.length() - 1)))
          : Duration.ofHours(Long.parseLong(p.substring(0, p.length() - 1)));
      seconds[i] = d.toMillis() / 1000.0;
    }
    return seconds;
  }
}
