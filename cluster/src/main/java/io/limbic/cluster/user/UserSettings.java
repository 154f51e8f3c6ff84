package io.limbic.cluster.user;

import com.typesafe.config.Config;
import io.limbic.analytics.activity.HeartbeatPolicy;
import java.time.Duration;

/**
 * The {@code limbic.user} section of the configuration.
 *
 * @param eventIdWindow how long a recorded product-event id is recognised as a retry, at the least
 * @param maxEventIdsInWindow how many ids one user may record within a window: memory and snapshot size per user
 *     are bounded by it; events beyond it are refused, never made forgettable
 * @param maxBlocks blocks a user may hold each way; one more is refused, never dropped
 */
public record UserSettings(
    HeartbeatPolicy policy, int snapshotEvery, Duration askTimeout, Duration eventIdWindow,
    int maxEventIdsInWindow, int maxBlocks) {
  public static final int DEFAULT_MAX_BLOCKS = 10_000;

  public UserSettings {
    if (eventIdWindow.isNegative() || eventIdWindow.isZero()) {
      throw new IllegalArgumentException("limbic.user.event-id-window must be positive");
    }
    if (maxEventIdsInWindow < 1) throw new IllegalArgumentException("limbic.user.max-event-ids must be positive");
    if (maxBlocks < 1) throw new IllegalArgumentException("limbic.user.max-blocks must be positive");
  }

  public UserSettings(
      HeartbeatPolicy policy, int snapshotEvery, Duration askTimeout, Duration eventIdWindow,
      int maxEventIdsInWindow) {
    this(policy, snapshotEvery, askTimeout, eventIdWindow, maxEventIdsInWindow, DEFAULT_MAX_BLOCKS);
  }

  public static UserSettings from(Config config) {
    Config user = config.getConfig("limbic.user");
    return new UserSettings(
        new HeartbeatPolicy(user.getDuration("idle-gap"), user.getDuration("heartbeat-persist-interval")),
        user.getInt("snapshot-every"),
        config.getDuration("limbic.http.ask-timeout"),
        user.getDuration("event-id-window"),
        user.getInt("max-event-ids"),
        user.getInt("max-blocks"));
  }
}
