package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/** What the sharded {@code User} entity is asked to do. */
public sealed interface UserCommand extends CborSerializable {

  EntityTypeKey<UserCommand> ENTITY_TYPE = EntityTypeKey.create(UserCommand.class, "User");

  /** One heartbeat of the user's app, at the client's time (already validated). */
  record RecordHeartbeat(Instant at, String sessionId, ActorRef<StatusReply<HeartbeatAck>> replyTo)
      implements UserCommand {}

  /** A session of this user changed emotional state: told directly, no projection in between. */
  record RecordEmotion(
      String sessionId, String state, String label, double confidence, Instant at,
      ActorRef<StatusReply<Done>> replyTo) implements UserCommand {}

  /** The user identified themselves in a session; only the e-mail's domain is passed on. */
  record Identify(
      String sessionId, String anonymousId, String emailDomain, String company, Instant at,
      ActorRef<StatusReply<Done>> replyTo) implements UserCommand {}

  /** Product events; ones whose id was recorded before are acknowledged and not applied again. */
  record RecordProductEvents(List<ProductEvent> events, ActorRef<StatusReply<ProductEventsResult>> replyTo)
      implements UserCommand {}

  /** Read the live state; an unknown user answers with an error and nothing is created. */
  record GetUser(ActorRef<StatusReply<UserView>> replyTo) implements UserCommand {}

  /** Sent by sharding instead of stopping the entity outright, so that coalesced heartbeats are written first. */
  enum Passivate implements UserCommand {
    INSTANCE
  }
}
