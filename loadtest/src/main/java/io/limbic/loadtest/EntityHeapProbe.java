package io.limbic.loadtest;

import java.net.http.HttpRequest;
import java.util.Map;

/**
 * What one live entity costs in the heap of a running node: takes the node's class histogram ({@link HeapHistogram}),
 * starts {@code users} entities with one request each over keep-alive connections, takes it again and prints the
 * growth per entity started. {@code entity=user}: one heartbeat each (an idle-looking active user); {@code
 * entity=session}: one telemetry batch of a few samples each, no user named (a session of nobody, so no user entity
 * is started with it). Run from {@code loadtest/heartbeat-benchmark.sh} with {@code GENERATOR=EntityHeapProbe}.
 *
 * <p>Arguments (key=value): port=8080 key=... users=100000 concurrency=64 nodePid=... entity=user|session
 * firstPassSeconds=300 run=(a token for ids)
 */
public final class EntityHeapProbe {
  private EntityHeapProbe() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Options.parse(args);
    int port = Integer.parseInt(opts.getOrDefault("port", "8080"));
    String key = opts.get("key");
    int count = Integer.parseInt(opts.getOrDefault("users", "100000"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "64"));
    long pid = Long.parseLong(opts.get("nodePid"));
    String entity = opts.getOrDefault("entity", "user");
    int seconds = Integer.parseInt(opts.getOrDefault("firstPassSeconds", "300"));
    String run = opts.getOrDefault("run", Long.toString(System.currentTimeMillis() % 100000));

    byte[][] raw = new byte[count][];
    for (int i = 0; i < count; i++) {
      raw[i] = entity.equals("session")
          ? KeepAliveConnection.post(LoadHttp.HOST, port, "/v1/sessions/probe-" + run + "-" + i + "/telemetry", key,
              telemetry())
          : KeepAliveConnection.post(LoadHttp.HOST, port, "/v1/heartbeat", key,
              "{\"userId\":\"probe-" + run + "-" + i + "\"}");
    }
    HeartbeatBenchmark.Requests requests =
        new HeartbeatBenchmark.Requests(SenderClient.RAW, port, new HttpRequest[0], raw);
    // A few entities first, so that what every node starts once (shards, projections' first work) is not counted.
    HeartbeatBenchmark.Requests warm = new HeartbeatBenchmark.Requests(SenderClient.RAW, port, new HttpRequest[0],
        java.util.Arrays.copyOf(raw, Math.min(count, 2000)));
    HeartbeatBenchmark.run(warm, seconds, concurrency, true);
    HeapHistogram before = HeapHistogram.of(pid);
    byte[][] rest = java.util.Arrays.copyOfRange(raw, Math.min(count, 2000), count);
    LatencySummary started = HeartbeatBenchmark.run(
        new HeartbeatBenchmark.Requests(SenderClient.RAW, port, new HttpRequest[0], rest), seconds, concurrency, true);
    HeapHistogram after = HeapHistogram.of(pid);
    HeartbeatBenchmark.print(entity + " entities started", started);
    after.printGrowthPer(before, started.ok(), entity + " entities", 30,
        entity.equals("session") ? "io.limbic.cluster.session.Session" : "io.limbic.cluster.user.User");
  }

  /** Three pointer moves and a click: the smallest ordinary batch, nothing the detector makes an emotion of. */
  private static String telemetry() {
    return "{\"samples\":[{\"t\":1000,\"type\":\"move\",\"x\":10,\"y\":10},{\"t\":1100,\"type\":\"move\",\"x\":20,"
        + "\"y\":12},{\"t\":1200,\"type\":\"move\",\"x\":30,\"y\":15},{\"t\":1300,\"type\":\"click\",\"x\":30,"
        + "\"y\":15,\"target\":\"#buy\"}]}";
  }
}
