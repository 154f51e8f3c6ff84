package io.limbic.protocol.tenant;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.trace.Trace;
import io.limbic.protocol.trace.Traced;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/** What a tenant's settings entity (one per tenant) is asked to do. */
public sealed interface TenantCommand extends CborSerializable {

  EntityTypeKey<TenantCommand> ENTITY_TYPE = EntityTypeKey.create(TenantCommand.class, "Tenant");

  /** Complete, validated frustration-signal thresholds; the reply is what is stored. */
  record SetSignalThresholds(
      StoredSignalThresholds thresholds, Trace trace, ActorRef<StatusReply<StoredSignalThresholds>> replyTo)
      implements TenantCommand, Traced {
    public SetSignalThresholds(
        StoredSignalThresholds thresholds, ActorRef<StatusReply<StoredSignalThresholds>> replyTo) {
      this(thresholds, null, replyTo);
    }
  }

  /** The thresholds in force: the defaults when the tenant never set any. */
  record GetSignalThresholds(ActorRef<StatusReply<StoredSignalThresholds>> replyTo) implements TenantCommand {}

  /** Replaces the tenant's notification channels; the reply is what is stored. */
  record SetNotificationChannels(
      List<NotificationChannel> channels, ActorRef<StatusReply<NotificationChannels>> replyTo)
      implements TenantCommand {}

  record GetNotificationChannels(ActorRef<StatusReply<NotificationChannels>> replyTo)
      implements TenantCommand {}
}
