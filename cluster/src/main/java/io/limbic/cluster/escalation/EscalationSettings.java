package io.limbic.cluster.escalation;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code limbic.escalation}: the acknowledgement links' secret (empty: generated once in the data directory) and
 * lifetime, the base URL they start with (empty: this node's own HTTP address), how often the deadline sweeper
 * looks for incidents whose wait has passed, and how long a node keeps a tenant's policy before asking again.
 */
public record EscalationSettings(
    String ackSecret, Duration ackLinkTtl, String publicUrl, Duration sweepInterval, Duration policyCacheTtl,
    boolean allowPrivateHosts) {

  public static EscalationSettings from(Config config) {
    Config c = config.getConfig("limbic.escalation");
    return new EscalationSettings(
        c.getString("ack-secret"), c.getDuration("ack-link-ttl"), c.getString("public-url"),
        c.getDuration("sweep-interval"), c.getDuration("policy-cache-ttl"),
        config.getBoolean("limbic.agents.notifications.allow-private-hosts"));
  }
}
