package io.limbic.cluster.http;

import com.typesafe.config.Config;
import java.time.Duration;

/** The {@code limbic.http} section. */
public record HttpSettings(
    String host, int port, Duration askTimeout, long maxHeartbeatBody, long maxBatchBody, int maxBatchItems) {

  public static HttpSettings from(Config config) {
    Config http = config.getConfig("limbic.http");
    return new HttpSettings(
        http.getString("interface"),
        http.getInt("port"),
        http.getDuration("ask-timeout"),
        http.getBytes("max-heartbeat-body"),
        http.getBytes("max-batch-body"),
        http.getInt("max-batch-items"));
  }
}
