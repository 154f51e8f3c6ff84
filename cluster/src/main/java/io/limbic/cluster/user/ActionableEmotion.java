package io.limbic.cluster.user;

import java.time.Duration;
import java.time.Instant;

/**
 * How long after it was detected an emotion may still start something for a person: an intervention shown, an
 * executive paged. An emotion delivered later (a session redelivering after the user's shard was away, a lagging
 * or replayed safety net) is still recorded, but it is history by then: paging someone now about a rage of an hour
 * ago, or showing an offer for a moment long gone, would be a false alarm of its own.
 */
public final class ActionableEmotion {
  public static final Duration FOR = Duration.ofMinutes(5);

  private ActionableEmotion() {}

  public static boolean isStale(Instant detectedAt, Instant now) {
    return detectedAt != null && detectedAt.isBefore(now.minus(FOR));
  }
}
