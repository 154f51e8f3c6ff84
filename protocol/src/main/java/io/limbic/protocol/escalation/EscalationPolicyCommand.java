package io.limbic.protocol.escalation;

import io.limbic.protocol.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/** What a tenant's {@code EscalationPolicy} entity (one per tenant, entity id = tenant) is asked. */
public sealed interface EscalationPolicyCommand extends CborSerializable {
  EntityTypeKey<EscalationPolicyCommand> ENTITY_TYPE =
      EntityTypeKey.create(EscalationPolicyCommand.class, "EscalationPolicy");

  /** Replaces the policy (already validated); replies with it. */
  record SetPolicy(EscalationPolicy policy, ActorRef<StatusReply<EscalationPolicy>> replyTo)
      implements EscalationPolicyCommand {}

  /** The policy in force: the defaults until one is set. */
  record GetPolicy(ActorRef<StatusReply<EscalationPolicy>> replyTo) implements EscalationPolicyCommand {}
}
