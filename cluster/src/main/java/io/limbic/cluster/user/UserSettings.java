package io.limbic.cluster.user;

import com.typesafe.config.Config;
import io.limbic.analytics.activity.HeartbeatPolicy;
import io.limbic.analytics.engagement.ChurnRiskModel;
import io.limbic.analytics.engagement.EngagementThresholds;
import java.time.Duration;

/**
 * The {@code limbic.user} section of the configuration.
 *
 * @param eventIdWindow how long a recorded product-event id is recognised as a retry, at the least
 * @param maxEventIdsInWindow how many ids one user may record within a window: memory and snapshot size per user
 *     are bounded by it; events beyond it are refused, never made forgettable
 * @param maxBlocks blocks a user may hold each way; one more is refused, never dropped
 * @param churnRisk how the user's engagement is scored ({@code limbic.engagement})
 * @param engagementThresholds where the score changes the user's engagement level
 */
public record UserSettings(
    HeartbeatPolicy policy, int snapshotEvery, Duration askTimeout, Duration eventIdWindow,
    int maxEventIdsInWindow, int maxBlocks, ChurnRiskModel churnRisk, EngagementThresholds engagementThresholds) {
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
      int maxEventIdsInWindow, int maxBlocks) {
    this(policy, snapshotEvery, askTimeout, eventIdWindow, maxEventIdsInWindow, maxBlocks, ChurnRiskModel.DEFAULT,
        EngagementThresholds.DEFAULT);
  }

  public UserSettings(
      HeartbeatPolicy policy, int snapshotEvery, Duration askTimeout, Duration eventIdWindow,
      int maxEventIdsInWindow) {
    this(policy, snapshotEvery, askTimeout, eventIdWindow, maxEventIdsInWindow, DEFAULT_MAX_BLOCKS);
  }

  /** These settings scoring engagement with {@code model} and {@code thresholds}. */
  public UserSettings withEngagement(ChurnRiskModel model, EngagementThresholds thresholds) {
    return new UserSettings(
        policy, snapshotEvery, askTimeout, eventIdWindow, maxEventIdsInWindow, maxBlocks, model, thresholds);
  }

  public static UserSettings from(Config config) {
    Config user = config.getConfig("limbic.user");
    return new UserSettings(
        new HeartbeatPolicy(user.getDuration("idle-gap"), user.getDuration("heartbeat-persist-interval")),
        user.getInt("snapshot-every"),
        config.getDuration("limbic.http.ask-timeout"),
        user.getDuration("event-id-window"),
        user.getInt("max-event-ids"),
        user.getInt("max-blocks"),
        churnRisk(config.getConfig("limbic.engagement")),
        new EngagementThresholds(
            config.getDouble("limbic.engagement.at-risk-at"), config.getDouble("limbic.engagement.engaged-at")));
  }

  private static ChurnRiskModel churnRisk(Config engagement) {
    return new ChurnRiskModel(ChurnRiskModel.DEFAULT_WEIGHTS, engagement.getDuration("window"),
        engagement.getDuration("typical-gap-prior"), engagement.getInt("min-gaps"));
  }
}
