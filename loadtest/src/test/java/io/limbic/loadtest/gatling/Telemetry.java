package io.limbic.loadtest.gatling;

/** A telemetry batch as the browser SDK sends it: pointer moves 50 ms apart, every tenth sample a click. */
final class Telemetry {
  static final long SAMPLE_GAP_MS = 50;

  private Telemetry() {}

  /** {@code count} samples from session time {@code startMs} (strictly increasing across batches). */
  static String batch(String userId, long startMs, int count) {
    StringBuilder json = new StringBuilder(64 + count * 48).append("{\"userId\":\"").append(userId)
        .append("\",\"samples\":[");
    for (int i = 0; i < count; i++) {
      long t = startMs + (i + 1) * SAMPLE_GAP_MS;
      int x = (int) (100 + (t / 7) % 900);
      int y = (int) (80 + (t / 11) % 600);
      if (i > 0) json.append(',');
      json.append("{\"t\":").append(t).append(",\"type\":\"").append(i % 10 == 9 ? "click" : "move")
          .append("\",\"x\":").append(x).append(",\"y\":").append(y);
      if (i % 10 == 9) json.append(",\"target\":\"#item-").append((t / 1000) % 20).append('"');
      json.append('}');
    }
    return json.append("]}").toString();
  }
}
