package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Facts about a user, in the journal for good. Each carries the tenant and user id so that a reader needs nothing
 * else. Version 1 of each unless its comment says otherwise; a change of shape is an upcast registered in
 * {@code serialization.conf}, and brings a journal fixture of the new version (cluster's JournalFixturesTest).
 */
public sealed interface UserEvent extends CborSerializable {
  String tenant();

  String userId();

  Instant at();

  /** Events about the user's presence: what the activity read model counts. */
  sealed interface Activity extends UserEvent {
    /** How many acknowledged heartbeats this event accounts for (itself and those coalesced into it). */
    long heartbeats();
  }

  /** The first heartbeat ever, or the first after an idle gap: a new active period starts. */
  record BecameActive(String tenant, String userId, Instant at, String sessionId, long heartbeats)
      implements Activity {}

  /** A heartbeat within an active period, persisted at most once per persist interval. */
  record HeartbeatRecorded(String tenant, String userId, Instant at, String sessionId, long heartbeats)
      implements Activity {}

  /** One of the user's sessions changed emotional state (told directly by the session: the hot path). */
  /**
   * A session's emotion change, as the user's entity recorded it. {@code emotionId}, {@code url} and
   * {@code section} are null in events written before version 2.
   */
  record EmotionObserved(
      String tenant, String userId, Instant at, String sessionId, String state, String label, double confidence,
      String emotionId, String url, String section) implements UserEvent {
    public EmotionObserved(
        String tenant, String userId, Instant at, String sessionId, String state, String label, double confidence) {
      this(tenant, userId, at, sessionId, state, label, confidence, null, null, null);
    }
  }

  /**
   * The user identified themselves. Only the e-mail's domain and the company derived from it are kept, never the
   * address.
   */
  record Identified(
      String tenant, String userId, Instant at, String sessionId, String anonymousId, String emailDomain,
      String company) implements UserEvent {}

  /**
   * A product event (purchase, renewal, refund, churn, signup, ...), recorded once per client-given id. Written
   * by earlier versions, one journal row per product event; still read on replay, no longer written (see
   * {@link ProductEventsRecorded}).
   */
  record ProductEventRecorded(
      String tenant, String userId, Instant at, String eventId, String type, BigDecimal amount, String currency)
      implements UserEvent {}

  /**
   * Product events recorded together (one command: a request's events for this user, or one chunk of a visitor's
   * hand-over), each once per client-given id: one journal row for up to a batch of them. {@code at} is when they
   * were recorded, which is what the deduplication window counts from (the events' own times may be old).
   *
   * @param forgetIdsBefore ids recorded before this instant fell out of the deduplication window and are
   *     forgotten from here on
   */
  record ProductEventsRecorded(
      String tenant, String userId, Instant at, List<ProductEvent> events, Instant forgetIdsBefore)
      implements UserEvent {}

  /** The profile was replaced (a PUT sends the whole profile). */
  record ProfileUpdated(String tenant, String userId, Instant at, ProfileData profile) implements UserEvent {}

  /**
   * An interaction this user took part in; recorded on both people's entities, {@code outgoing} on the sender's.
   * A block is a hard filter both ways from this event on.
   */
  record InteractionRecorded(String tenant, String userId, Instant at, InteractionData interaction, boolean outgoing)
      implements UserEvent {}

  /**
   * An idle-time phase finished for the idle period that began at {@code idleSince}: 1 light (summary), 2 medium
   * (preference model), 3 deep (refined preferences and the day's matches, best first).
   *
   * <p>Version 2: {@code result} is a typed {@link PhaseResult}; version 1 held a flat JSON-like map, which
   * {@code IdlePhaseCompletedMigration} (cluster) upcasts.
   *
   * @param result the phase's result (shown by the API, read by later phases)
   * @param matches the deep phase's matches; empty for the other phases
   */
  record IdlePhaseCompleted(
      String tenant, String userId, Instant at, Instant idleSince, int phase, String phaseName,
      PhaseResult result, List<DailyMatch> matches, int candidatesConsidered) implements UserEvent {}

  /**
   * The user's engagement level changed, decided by the entity from its own history when an agent asked it to
   * re-assess because of one of its events. Persisted only on a change of level, never twice for one cause.
   */
  sealed interface EngagementChanged extends UserEvent {
    /** The churn-risk score in [0, 1] (a score, not a probability). */
    double score();

    /** Each factor's contribution to the score's log-odds. */
    List<EngagementReason> reasons();

    EngagementData data();

    /** The idempotency key ({@code persistenceId:sequenceNr}) of the event whose re-assessment made the change. */
    String cause();
  }

  /** The churn-risk score reached the at-risk threshold (from engaged, or at the first decisive assessment). */
  record UserAtRisk(
      String tenant, String userId, Instant at, double score, List<EngagementReason> reasons, EngagementData data,
      String cause) implements EngagementChanged {}

  /** The churn-risk score fell to the engaged threshold (from at risk, or at the first decisive assessment). */
  record UserEngaged(
      String tenant, String userId, Instant at, double score, List<EngagementReason> reasons, EngagementData data,
      String cause) implements EngagementChanged {}

  /** The user acted on one of their matches: like, pass or message. */
  record MatchActionRecorded(
      String tenant, String userId, Instant at, String matchId, String candidateId, String action)
      implements UserEvent {}

  /** Events of interventions (issue 9): decisions on the hot path, their delivery, outcome and feedback. */
  sealed interface InterventionEvent extends UserEvent {
    /** Names the decision: a stable id derived from the emotion it was decided on and the context. */
    String decisionId();
  }

  /**
   * An emotion change matched an intervention context and this user was exposed (or held out). Persisted with the
   * {@link EmotionObserved} it was decided on, in one write. Carries what delivery and forensics need.
   *
   * @param variantId the variant, or "holdout" (then {@code channel}, {@code url} and {@code payload} are null)
   * @param reason how the variant was picked: holdout, burn_in, floor or thompson
   * @param until the end of the attribution window (and of the episode: no new decision in this context before)
   * @param lifetimeValue the user's lifetime value when decided (the sum over currencies)
   */
  record InterventionDecided(
      String tenant, String userId, Instant at, String decisionId, String sessionId, String contextId,
      String variantId, String reason, String emotionId, String emotion, double confidence, String channel,
      String url, String payload, double cost, double lifetimeValue, Instant until, String successEvent,
      String failureEvent) implements InterventionEvent {
    public boolean holdout() {
      return "holdout".equals(variantId);
    }
  }

  /**
   * A product event of the config's success or failure type, recorded within the attribution window of the
   * decision: the decision's outcome. At most one per decision (the first).
   *
   * @param outcome "success" or "failure"
   */
  record InterventionOutcome(
      String tenant, String userId, Instant at, String decisionId, String contextId, String variantId,
      String outcome, String productEventId, String eventType) implements InterventionEvent {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
  }

  /**
   * What delivering the decision came to: in-page, whether an open socket got the push; webhook, that the tenant's
   * URL acknowledged it.
   */
  record InterventionDelivered(
      String tenant, String userId, Instant at, String decisionId, String channel, boolean delivered,
      String detail) implements InterventionEvent {}

  /** The tenant's verdict on a decision (a false positive: the user was not actually in that state). */
  record InterventionFeedbackGiven(
      String tenant, String userId, Instant at, String decisionId, boolean falsePositive, String note)
      implements InterventionEvent {}

  /**
   * The person was erased. The only event their journal keeps (every earlier one is deleted); it names no more than
   * the persistence id does, and it is what keeps the entity refusing writes after a restart.
   */
  record UserErased(String tenant, String userId, Instant at) implements UserEvent {}

  /** Another person ({@code otherUserId}) was erased: this user's matches, interactions and decisions forget them. */
  record PersonForgotten(String tenant, String userId, Instant at, String otherUserId) implements UserEvent {}
}
