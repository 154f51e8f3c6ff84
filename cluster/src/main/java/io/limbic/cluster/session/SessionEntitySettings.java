package io.limbic.cluster.session;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code limbic.session} section.
 *
 * @param tick how often a session with recent samples lets time pass (dead-click windows close on it)
 * @param summaryEvery at most one persisted physics summary per this much time
 * @param quietAfter a session with no samples for this long stops ticking until the next sample
 */
public record SessionEntitySettings(Duration tick, Duration summaryEvery, Duration quietAfter, Duration askTimeout) {

  public static SessionEntitySettings from(Config config) {
    Config session = config.getConfig("limbic.session");
    return new SessionEntitySettings(
        session.getDuration("tick"),
        session.getDuration("summary-every"),
        session.getDuration("quiet-after"),
        config.getDuration("limbic.http.ask-timeout"));
  }
}
