package io.limbic.protocol.tenant;

import io.limbic.protocol.CborSerializable;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/** What a tenant's settings entity (one per tenant) is asked to do. */
public sealed interface TenantCommand extends CborSerializable {

  EntityTypeKey<TenantCommand> ENTITY_TYPE = EntityTypeKey.create(TenantCommand.class, "Tenant");

  /** Complete, validated frustration-signal thresholds (every field present). */
  record SetSignalThresholds(Map<String, Object> thresholds, ActorRef<StatusReply<Map<String, Object>>> replyTo)
      implements TenantCommand {}

  /** The thresholds in force; empty when the tenant never set any (the defaults apply). */
  record GetSignalThresholds(ActorRef<StatusReply<Map<String, Object>>> replyTo) implements TenantCommand {}
}
