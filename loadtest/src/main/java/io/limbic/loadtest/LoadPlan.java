package io.limbic.loadtest;

import java.util.Map;

/**
 * One load level of the session benchmark: how many sessions, how fast each sends, over which transport, and for
 * how long. Sessions start evenly over {@code rampupS}; the measured window of {@code seconds} begins after a
 * further {@code warmupS}, once every session's entity exists and the JIT has settled.
 *
 * @param wsShare fraction of sessions that stream over a WebSocket; the rest post HTTP batches
 * @param wsBinary whether WebSocket messages are the SDK's binary frames ({@code wsFraming=binary}, the default, as
 *     limbic.js sends) rather than JSON text ({@code wsFraming=json})
 * @param troubled fraction of sessions that alternate ordinary browsing with rage, frustration, confusion or
 *     hesitation (the others browse calmly or engaged)
 * @param run a token that keeps session ids of different runs against the same database apart
 */
record LoadPlan(
    int port, int managementPort, String key, int sessions, double samplesPerSecond, double wsShare, boolean wsBinary, long wsFlushMs,
    long httpFlushMs, int connections, int rampupS, int warmupS, int seconds, double troubled, long seed,
    String run, long nodePid, long clockTicks) {

  static LoadPlan from(Map<String, String> opts, int sessions) {
    String key = opts.get("key");
    if (key == null) throw new IllegalArgumentException("key=<api key> is required");
    return new LoadPlan(
        Integer.parseInt(opts.getOrDefault("port", "8080")),
        Integer.parseInt(opts.getOrDefault("managementPort", "8558")),
        key,
        sessions,
        Double.parseDouble(opts.getOrDefault("rate", "10")),
        Double.parseDouble(opts.getOrDefault("wsShare", "0.5")),
        wsBinary(opts.getOrDefault("wsFraming", "binary")),
        Long.parseLong(opts.getOrDefault("wsFlushMs", "500")),
        Long.parseLong(opts.getOrDefault("httpFlushMs", "1000")),
        Integer.parseInt(opts.getOrDefault("connections", "32")),
        Integer.parseInt(opts.getOrDefault("rampup", "10")),
        Integer.parseInt(opts.getOrDefault("warmup", "10")),
        Integer.parseInt(opts.getOrDefault("seconds", "30")),
        Double.parseDouble(opts.getOrDefault("troubled", "0.3")),
        Long.parseLong(opts.getOrDefault("seed", "42")),
        opts.getOrDefault("run", Long.toString(System.currentTimeMillis() % 100_000_000L, 36)),
        Long.parseLong(opts.getOrDefault("nodePid", "0")),
        Long.parseLong(opts.getOrDefault("clockTicks", "100")));
  }

  private static boolean wsBinary(String framing) {
    return switch (framing) {
      case "binary" -> true;
      case "json" -> false;
      default -> throw new IllegalArgumentException("wsFraming is binary or json, not " + framing);
    };
  }

  double targetPerSecond() {
    return sessions * samplesPerSecond;
  }

  int streamingSessions() {
    int n = 0;
    for (int i = 0; i < sessions; i++) if (streams(i)) n++;
    return n;
  }

  /** Whether session {@code i} streams: spreads WebSocket sessions evenly through the ramp. */
  boolean streams(int i) {
    return Math.floor((i + 1) * wsShare) > Math.floor(i * wsShare);
  }
}
