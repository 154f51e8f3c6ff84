package io.limbic.protocol.intervention;

import io.limbic.protocol.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/** What a tenant's interventions entity (one per tenant: its config) is asked to do. */
public sealed interface InterventionCommand extends CborSerializable {
  EntityTypeKey<InterventionCommand> ENTITY_TYPE = EntityTypeKey.create(InterventionCommand.class, "Interventions");

  /** Replaces the config (complete and validated); the reply is what is stored. */
  record SetConfig(StoredInterventionConfig config, ActorRef<StatusReply<StoredInterventionConfig>> replyTo)
      implements InterventionCommand {}

  /** The config in force; an empty one (no contexts, the defaults) when none was ever set. */
  record GetConfig(ActorRef<StatusReply<StoredInterventionConfig>> replyTo) implements InterventionCommand {}
}
