package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.trace.Trace;
import io.limbic.protocol.trace.Traced;
import io.limbic.protocol.tenant.StoredSignalThresholds;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/** What the sharded {@code Session} entity (one browser session of one tenant) is asked to do. */
public sealed interface SessionCommand extends CborSerializable {

  EntityTypeKey<SessionCommand> ENTITY_TYPE = EntityTypeKey.create(SessionCommand.class, "Session");

  /**
   * Samples that passed type checks, each with its index in the client's batch so the reply can name them.
   *
   * @param userId the user the session belongs to, if the client says so
   * @param capabilities what the client declared it observes, when this message declares it; null otherwise
   * @param arrival when the message reached the server (detection latency starts there); null: when the session
   *     got the command
   */
  record IngestTelemetry(
      String userId, List<Sample> samples, List<Integer> indices, Trace trace, Capabilities capabilities,
      Arrival arrival, ActorRef<StatusReply<IngestResult>> replyTo) implements SessionCommand, Traced {
    public IngestTelemetry(
        String userId, List<Sample> samples, List<Integer> indices, Trace trace, Capabilities capabilities,
        ActorRef<StatusReply<IngestResult>> replyTo) {
      this(userId, samples, indices, trace, capabilities, null, replyTo);
    }

    public IngestTelemetry(
        String userId, List<Sample> samples, List<Integer> indices, Trace trace,
        ActorRef<StatusReply<IngestResult>> replyTo) {
      this(userId, samples, indices, trace, null, replyTo);
    }

    public IngestTelemetry(
        String userId, List<Sample> samples, List<Integer> indices, ActorRef<StatusReply<IngestResult>> replyTo) {
      this(userId, samples, indices, null, replyTo);
    }
  }

  /**
   * Signals the client SDK observed itself, judged beside the session's own detection; the reply is how many were new
   * (a report whose id the session holds is not recorded again).
   */
  record ReportClientSignals(List<ClientSignalReport> reports, Trace trace, ActorRef<StatusReply<Integer>> replyTo)
      implements SessionCommand, Traced {}

  record GetSession(ActorRef<StatusReply<SessionView>> replyTo) implements SessionCommand {}

  /** Links the session to a user of the tenant; later emotions are attributed to them. */
  record Identify(String userId, String anonymousId, Trace trace, ActorRef<StatusReply<Done>> replyTo)
      implements SessionCommand, Traced {
    public Identify(String userId, String anonymousId, ActorRef<StatusReply<Done>> replyTo) {
      this(userId, anonymousId, null, replyTo);
    }
  }

  /** A live connection that wants the session's pushes until it unsubscribes or ends. */
  record Subscribe(ActorRef<SessionPush> subscriber, int maxSubscribers, ActorRef<StatusReply<Done>> replyTo)
      implements SessionCommand {}

  record Unsubscribe(ActorRef<SessionPush> subscriber) implements SessionCommand {}

  /** The tenant's signal thresholds arrived (local only: the entity asks for them when it starts). */
  record ThresholdsLoaded(StoredSignalThresholds thresholds, SessionThresholds source) implements SessionCommand {}

  /** The entity's own clock: lets session time pass (dead-click windows close) and releases held samples. */
  enum Tick implements SessionCommand {
    INSTANCE
  }

  /**
   * Delivers the oldest emotion the user's entity has not acknowledged (local: the retry timer, and a wake-up through
   * sharding after a passivation that left some undelivered).
   */
  enum DeliverEmotions implements SessionCommand {
    INSTANCE
  }

  /** How the user's entity answered the delivery of {@code emotionId} (local only). */
  record EmotionDeliveryAnswered(String emotionId, boolean acknowledged) implements SessionCommand {}

  /**
   * The session's person was erased (README "Erasing and exporting a person"): the session persists
   * {@link SessionEvent.SessionErased}, forgets what it holds and from then on refuses every write with
   * {@code user_erased} (HTTP 410). A repeat is acknowledged as is.
   */
  record Erase(String userId, ActorRef<StatusReply<Done>> replyTo) implements SessionCommand {}

  /**
   * The user's entity answered the link a session asks for before it takes its user from telemetry (README
   * "Erasing and exporting a person"): {@code refusal} is null once the user recorded the session, else why not
   * (an erased user refuses). The telemetry that named the user waits for it.
   */
  record UserLinkAnswered(IngestTelemetry ingest, String refusal) implements SessionCommand {}

  /** Sent by sharding instead of stopping outright, so the session's summary is written first. */
  enum Passivate implements SessionCommand {
    INSTANCE
  }

  /**
   * Push an in-page intervention to the session's open sockets. The reply is how many sockets got it; a push whose
   * idempotency key this incarnation already delivered is not sent again (the reply counts that delivery).
   */
  record PushIntervention(
      io.limbic.protocol.intervention.InterventionPush push, ActorRef<StatusReply<Integer>> replyTo)
      implements SessionCommand {}
}
