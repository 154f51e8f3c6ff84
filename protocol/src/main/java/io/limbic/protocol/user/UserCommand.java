package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/** What the sharded {@code User} entity is asked to do. */
public sealed interface UserCommand extends CborSerializable {

  EntityTypeKey<UserCommand> ENTITY_TYPE = EntityTypeKey.create(UserCommand.class, "User");

  /** One heartbeat of the user's app, at the client's time (already validated). */
  record RecordHeartbeat(Instant at, String sessionId, ActorRef<StatusReply<HeartbeatAck>> replyTo)
      implements UserCommand {}

  /** Read the live state; an unknown user answers with an error and nothing is created. */
  record GetUser(ActorRef<StatusReply<UserView>> replyTo) implements UserCommand {}

  /** Sent by sharding instead of stopping the entity outright, so that coalesced heartbeats are written first. */
  enum Passivate implements UserCommand {
    INSTANCE
  }
}
