package io.limbic.cluster.user;

import com.typesafe.config.Config;
import io.limbic.analytics.activity.HeartbeatPolicy;
import java.time.Duration;

/** The {@code limbic.user} section of the configuration. */
public record UserSettings(HeartbeatPolicy policy, int snapshotEvery, Duration askTimeout, int maxBlocks) {
  public static final int DEFAULT_MAX_BLOCKS = 10_000;

  public UserSettings(HeartbeatPolicy policy, int snapshotEvery, Duration askTimeout) {
    this(policy, snapshotEvery, askTimeout, DEFAULT_MAX_BLOCKS);
  }

  public static UserSettings from(Config config) {
    Config user = config.getConfig("limbic.user");
    return new UserSettings(
        new HeartbeatPolicy(user.getDuration("idle-gap"), user.getDuration("heartbeat-persist-interval")),
        user.getInt("snapshot-every"),
        config.getDuration("limbic.http.ask-timeout"),
        user.getInt("max-blocks"));
  }
}
