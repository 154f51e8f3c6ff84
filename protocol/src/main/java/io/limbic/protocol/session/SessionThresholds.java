package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;

/**
 * Whose frustration-signal thresholds a session judges its samples by, in its view. {@code source} is
 * {@value #TENANT} (its tenant's, defaults included when the tenant set none) or {@value #DEFAULTS_UNCONFIRMED}
 * (the tenant's could not be read when the session started: this release's defaults, which may not be the
 * tenant's). {@code readFrom} says where they came from: {@value #REPLICA} (this node's copy of every tenant's
 * settings, no waiting) or {@value #SETTINGS_ENTITY} (the tenant's settings entity was asked).
 */
public record SessionThresholds(String source, String readFrom) implements CborSerializable {
  public static final String TENANT = "tenant";
  public static final String DEFAULTS_UNCONFIRMED = "defaults-unconfirmed";
  public static final String REPLICA = "replica";
  public static final String SETTINGS_ENTITY = "settings-entity";

  public static SessionThresholds fromReplica() {
    return new SessionThresholds(TENANT, REPLICA);
  }

  public static SessionThresholds fromEntity() {
    return new SessionThresholds(TENANT, SETTINGS_ENTITY);
  }

  public static SessionThresholds unconfirmed() {
    return new SessionThresholds(DEFAULTS_UNCONFIRMED, SETTINGS_ENTITY);
  }
}
