package io.limbic.projections.agents.notifications;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the notification agent treats one channel ({@code limbic.agents.notifications.channel}).
 *
 * @param maxFailures consecutive failures that open the channel's circuit breaker
 * @param resetTimeout how long it stays open before one trial call (half-open)
 * @param maxRetryAfterWait a receiver's Retry-After up to this long is waited for; a longer one fails the attempt
 */
public record ChannelSettings(
    Duration requestTimeout, int maxFailures, Duration resetTimeout, Duration maxRetryAfterWait) {

  public static ChannelSettings from(Config config) {
    Config c = config.getConfig("limbic.agents.notifications.channel");
    return new ChannelSettings(
        c.getDuration("request-timeout"), c.getInt("breaker-max-failures"), c.getDuration("breaker-reset-timeout"),
        c.getDuration("max-retry-after-wait"));
  }
}
