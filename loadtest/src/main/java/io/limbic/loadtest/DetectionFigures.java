package io.limbic.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's own measure of detection latency, {@code GET /metrics/detection} on the management port: from the
 * server receiving the batch that changed a session's emotion to that {@code EmotionDetected} being persisted,
 * counted since the node started. The generator cannot see either end of that interval, so it asks.
 */
record DetectionFigures(long count, double p50Ms, double p99Ms, double maxMs) {

  /** The node's figures now, or null (with the reason printed) when the endpoint does not answer. */
  static DetectionFigures read(HttpClient client, int managementPort) {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + managementPort + "/metrics/detection"))
        .timeout(Duration.ofSeconds(10))
        .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.out.println("  /metrics/detection answered " + response.statusCode());
        return null;
      }
      String body = response.body();
      return new DetectionFigures(
          (long) number(body, "count"), number(body, "p50Ms"), number(body, "p99Ms"), number(body, "maxMs"));
    } catch (IOException e) {
      System.out.println("  /metrics/detection unavailable: " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static double number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?|null)").matcher(json);
    if (!m.find() || m.group(1).equals("null")) return Double.NaN;
    return Double.parseDouble(m.group(1));
  }
}
