package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.trace.Trace;
import io.limbic.protocol.trace.Traced;
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
  record RecordHeartbeat(Instant at, String sessionId, Trace trace, ActorRef<StatusReply<HeartbeatAck>> replyTo)
      implements UserCommand, Traced {
    public RecordHeartbeat(Instant at, String sessionId, ActorRef<StatusReply<HeartbeatAck>> replyTo) {
      this(at, sessionId, null, replyTo);
    }
  }

  /**
   * A session of this user changed emotional state: told directly, no projection in between. {@code emotionId}
   * names the session's {@code EmotionDetected} ({@code persistenceId:sequenceNr}), the key that makes a retried
   * tell and everything decided from it idempotent; {@code url}, {@code section} and the one-line {@code evidence}
   * say where and why (null when unknown).
   */
  record RecordEmotion(
      String sessionId, String state, String label, double confidence, Instant at, String emotionId, String url,
      String section, String evidence, Trace trace, ActorRef<StatusReply<Done>> replyTo)
      implements UserCommand, Traced {
    public RecordEmotion(
        String sessionId, String state, String label, double confidence, Instant at,
        ActorRef<StatusReply<Done>> replyTo) {
      this(sessionId, state, label, confidence, at, null, null, null, null, null, replyTo);
    }
  }

  /** The user identified themselves in a session; only the e-mail's domain is passed on. */
  record Identify(
      String sessionId, String anonymousId, String emailDomain, String company, Instant at, Trace trace,
      ActorRef<StatusReply<Done>> replyTo) implements UserCommand, Traced {
    public Identify(
        String sessionId, String anonymousId, String emailDomain, String company, Instant at,
        ActorRef<StatusReply<Done>> replyTo) {
      this(sessionId, anonymousId, emailDomain, company, at, null, replyTo);
    }
  }

  /** Product events; ones whose id was recorded before are acknowledged and not applied again. */
  record RecordProductEvents(
      List<ProductEvent> events, Trace trace, ActorRef<StatusReply<ProductEventsResult>> replyTo)
      implements UserCommand, Traced {
    public RecordProductEvents(List<ProductEvent> events, ActorRef<StatusReply<ProductEventsResult>> replyTo) {
      this(events, null, replyTo);
    }
  }

  /** Replaces the user's profile (already validated). */
  record UpdateProfile(ProfileData profile, Trace trace, ActorRef<StatusReply<ProfileView>> replyTo)
      implements UserCommand, Traced {
    public UpdateProfile(ProfileData profile, ActorRef<StatusReply<ProfileView>> replyTo) {
      this(profile, null, replyTo);
    }
  }

  /** The profile and its completeness; an error if none was ever set. */
  record GetProfile(ActorRef<StatusReply<ProfileView>> replyTo) implements UserCommand {}

  /**
   * An interaction this user took part in ({@code outgoing}: they sent it). Idempotent by the interaction's id; a
   * block takes effect for matching as soon as it is acknowledged.
   */
  record RecordInteraction(
      InteractionData interaction, boolean outgoing, Trace trace, ActorRef<StatusReply<Done>> replyTo)
      implements UserCommand, Traced {
    public RecordInteraction(InteractionData interaction, boolean outgoing, ActorRef<StatusReply<Done>> replyTo) {
      this(interaction, outgoing, null, replyTo);
    }
  }

  /**
   * Holds a place for a block between this user and {@code other} ({@code outgoing}: this user blocks) before it is
   * recorded on both users, so that a block is never recorded on one of them only. Refused with
   * {@code BLOCK_LIMIT} when the user's blocks that way are at the limit; a block already held is always fine.
   */
  record ReserveBlock(String other, boolean outgoing, ActorRef<StatusReply<Done>> replyTo) implements UserCommand {
    public static final String BLOCK_LIMIT = "block limit reached";
  }

  /** The block reserved with {@link ReserveBlock} will not be recorded (the other user refused it). */
  record ReleaseBlock(String other, boolean outgoing) implements UserCommand {}

  /** The user acted on one of their daily matches. */
  record RecordMatchAction(
      String matchId, String candidateId, String action, Trace trace, ActorRef<StatusReply<Done>> replyTo)
      implements UserCommand, Traced {
    public RecordMatchAction(
        String matchId, String candidateId, String action, ActorRef<StatusReply<Done>> replyTo) {
      this(matchId, candidateId, action, null, replyTo);
    }
  }

  /** The day's matches as the entity has them now: anyone blocked since they were generated is left out. */
  record GetDailyMatches(ActorRef<StatusReply<DailyMatchesView>> replyTo) implements UserCommand {}

  /** Run whatever idle-time phase has fallen due (from the entity's own timer or the cluster-wide sweeper). */
  enum WakeForIdlePhases implements UserCommand {
    INSTANCE
  }

  /** A phase job finished (local, from the node's work governor). */
  record IdlePhaseDone(
      long token, int phase, Instant idleSince, PhaseResult result, List<DailyMatch> matches,
      int candidatesConsidered) implements UserCommand {}

  /** The governor had no room for the job, or it failed (local): offer it again later. */
  record IdlePhaseRefused(long token) implements UserCommand {}

  /**
   * The governor already holds the same work (same phase of the same idle period) under {@code heldToken}, offered
   * by an earlier incarnation or an earlier wake-up: the job offered as {@code token} is not queued, and the entity
   * waits for the held one instead.
   */
  record IdlePhaseHeld(long token, long heldToken) implements UserCommand {}

  /**
   * Re-assess the user's engagement because of the event whose idempotency key is {@code cause}: the entity scores
   * its own history now and persists {@code UserAtRisk} / {@code UserEngaged} only when the level changes. A cause
   * already assessed into a change (or older than that one, for the user's own events) is acknowledged and changes
   * nothing, so at-least-once delivery cannot publish twice. {@code trace}: the causing event's chain, with that
   * event as the cause.
   */
  record AssessEngagement(String cause, Trace trace, ActorRef<StatusReply<Done>> replyTo)
      implements UserCommand, Traced {
    public AssessEngagement(String cause, ActorRef<StatusReply<Done>> replyTo) {
      this(cause, null, replyTo);
    }
  }

  /** Read the live state; an unknown user answers with an error and nothing is created. */
  record GetUser(ActorRef<StatusReply<UserView>> replyTo) implements UserCommand {}

  /** Sent by sharding instead of stopping the entity outright, so that coalesced heartbeats are written first. */
  enum Passivate implements UserCommand {
    INSTANCE
  }

  /** The delivery agent's report on a decision; a decision already reported delivered is acknowledged as is. */
  record RecordInterventionDelivery(
      String decisionId, String channel, boolean delivered, String detail, ActorRef<StatusReply<Done>> replyTo)
      implements UserCommand {}

  /** Feedback on one of this user's decisions (the route checked that the decision exists). */
  record RecordInterventionFeedback(
      String decisionId, boolean falsePositive, String note, ActorRef<StatusReply<Done>> replyTo)
      implements UserCommand {}

  /** What an erased user's entity answers every command with a reply (README "Erasing and exporting a person"). */
  String ERASED = "user_erased";

  /**
   * Erase this person: the entity persists {@link UserEvent.UserErased} and from then on refuses every write and
   * read with {@link #ERASED}. A repeat is acknowledged as is.
   */
  record Erase(ActorRef<StatusReply<Done>> replyTo) implements UserCommand {}

  /** Another person was erased: forget them among this user's matches, interactions and decisions. */
  record ForgetPerson(String otherUserId, ActorRef<StatusReply<Done>> replyTo) implements UserCommand {}
}
