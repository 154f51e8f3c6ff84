package io.limbic.cluster.http;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code limbic.http.websocket} section: the bounds of one telemetry WebSocket.
 *
 * @param messagesPerSecond sustained rate of messages a socket may send (token bucket)
 * @param burst messages a socket may send at once above the rate
 * @param refusalsBeforeClose messages over the rate in a row after which the socket is closed
 * @param maxMessageChars a longer text message closes the socket as soon as the limit is passed
 * @param messageTimeout a message must arrive whole within this time of its first frame, or the socket closes
 * @param maxSocketsPerSession open sockets of one session; one more upgrade is answered 429
 */
public record StreamSettings(
    double messagesPerSecond, int burst, int refusalsBeforeClose, int maxMessageChars, Duration messageTimeout,
    int maxSocketsPerSession) {

  public static StreamSettings from(Config config) {
    Config ws = config.getConfig("limbic.http.websocket");
    return new StreamSettings(
        ws.getDouble("messages-per-second"),
        ws.getInt("burst"),
        ws.getInt("refusals-before-close"),
        (int) ws.getBytes("max-message").longValue(),
        ws.getDuration("message-timeout"),
        ws.getInt("max-sockets-per-session"));
  }
}
