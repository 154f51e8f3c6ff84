package io.limbic.projections.db;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How a read model's projection groups envelopes into one transaction ({@code limbic.projections}): a group closes
 * at {@code maxEvents} envelopes or {@code maxDelay} after it opened, whichever comes first. The delay adds to the
 * reaction time; the size bounds a transaction when the projection catches up.
 *
 * @param retries attempts after a failed group (a deadlock, a dropped connection) before the projection restarts
 */
public record ProjectionGrouping(int maxEvents, Duration maxDelay, int retries, Duration retryDelay) {
  public ProjectionGrouping {
    if (maxEvents < 1) throw new IllegalArgumentException("limbic.projections.group-max-events must be positive");
    if (maxDelay.isNegative() || maxDelay.isZero()) {
      throw new IllegalArgumentException("limbic.projections.group-max-delay must be positive");
    }
  }

  public static ProjectionGrouping from(Config config) {
    Config p = config.getConfig("limbic.projections");
    return new ProjectionGrouping(p.getInt("group-max-events"), p.getDuration("group-max-delay"),
        p.getInt("group-retries"), p.getDuration("group-retry-delay"));
  }
}
