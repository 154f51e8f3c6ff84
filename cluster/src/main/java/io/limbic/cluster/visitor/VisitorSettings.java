package io.limbic.cluster.visitor;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code limbic.visitor} section of the configuration.
 *
 * @param maxHeldEvents distinct product events one anonymous id may hold before an identify; more are refused
 * @param handoverChunk events per acknowledged step of the hand-over to the user
 * @param askTimeout how long one chunk may wait for the user's acknowledgement
 * @param retryMin pause before the first retry of an unacknowledged chunk; doubles per failure up to retryMax
 */
public record VisitorSettings(
    int maxHeldEvents, int handoverChunk, Duration askTimeout, Duration retryMin, Duration retryMax) {

  public VisitorSettings {
    if (maxHeldEvents < 1) throw new IllegalArgumentException("limbic.visitor.max-held-events must be positive");
    if (handoverChunk < 1) throw new IllegalArgumentException("limbic.visitor.handover-chunk must be positive");
    if (retryMax.compareTo(retryMin) < 0) throw new IllegalArgumentException("handover-retry-max < handover-retry-min");
  }

  public static VisitorSettings from(Config config) {
    Config visitor = config.getConfig("limbic.visitor");
    return new VisitorSettings(
        visitor.getInt("max-held-events"),
        visitor.getInt("handover-chunk"),
        config.getDuration("limbic.http.ask-timeout"),
        visitor.getDuration("handover-retry-min"),
        visitor.getDuration("handover-retry-max"));
  }

  /** The pause before retry number {@code failures} (1 for the first). */
  public Duration retryDelay(int failures) {
    Duration delay = retryMin.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
    return delay.compareTo(retryMax) > 0 ? retryMax : delay;
  }
}
