package io.limbic.cluster.session;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code limbic.session} section.
 *
 * @param tick how often a session with recent samples lets time pass (dead-click windows close on it)
 * @param summaryEvery at most one persisted physics summary per this much time
 * @param quietAfter a session with no samples for this long stops ticking until the next sample
 * @param deliveryMinBackoff first wait before an emotion the user's entity did not acknowledge is sent again
 * @param deliveryMaxBackoff the wait doubles per attempt up to this
 */
public record SessionEntitySettings(
    Duration tick, Duration summaryEvery, Duration quietAfter, Duration askTimeout, Duration deliveryMinBackoff,
    Duration deliveryMaxBackoff) {

  /** The wait before attempt {@code attempt + 1} (attempt 1 is the first that failed). */
  public Duration deliveryBackoff(int attempt) {
    long min = deliveryMinBackoff.toMillis();
    long wait = min << Math.min(20, Math.max(0, attempt - 1));
    return Duration.ofMillis(Math.min(deliveryMaxBackoff.toMillis(), wait));
  }

  public static SessionEntitySettings from(Config config) {
    Config session = config.getConfig("limbic.session");
    return new SessionEntitySettings(
        session.getDuration("tick"),
        session.getDuration("summary-every"),
        session.getDuration("quiet-after"),
        config.getDuration("limbic.http.ask-timeout"),
        session.getDuration("emotion-delivery.min-backoff"),
        session.getDuration("emotion-delivery.max-backoff"));
  }
}
