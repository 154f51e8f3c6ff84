package io.limbic.protocol.escalation;

import io.limbic.protocol.CborSerializable;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/**
 * What a user's {@code Incident} entity (entity id {@code tenant/userId}: it holds that user's incidents, at most one
 * open at a time) is asked. Not sealed: the entity also sends itself timer and delivery messages of its own.
 */
public interface IncidentCommand extends CborSerializable {
  EntityTypeKey<IncidentCommand> ENTITY_TYPE = EntityTypeKey.create(IncidentCommand.class, "Incident");

  /**
   * Everything an incident starts from: the emotion that triggered it and the facts about the user when it was
   * decided, plus the policy it runs under. {@code emotionId} ({@code persistenceId:sequenceNr} of the session's
   * {@code EmotionDetected}) makes opening idempotent: hot path and safety net open the same incident once.
   *
   * @param source "hot-path" (the user's entity) or "safety-net" (the agent)
   */
  record Opening(
      String emotionId, String sessionId, String company, BigDecimal lifetimeValue, String currency, String emotion,
      double confidence, String url, String section, String evidence, Instant detectedAt, String source,
      EscalationPolicy policy) implements CborSerializable {}

  /** Opens an incident unless this emotion opened one already or one is open within the window. */
  record Open(Opening opening, ActorRef<StatusReply<OpenResult>> replyTo) implements IncidentCommand {}

  /**
   * @param incidentId the open (or just opened) incident; null when none is open and none was opened
   * @param opened whether this command opened it
   */
  record OpenResult(String incidentId, boolean opened, String reason) implements CborSerializable {}

  /**
   * The contact at {@code contactIndex} followed the acknowledgement link, or ({@code by} not null) someone else
   * acknowledged it through the API (the dashboard), recorded under {@code by} at the last contact paged.
   * Idempotent; stops the chain.
   */
  record Acknowledge(
      String incidentId, int contactIndex, Instant at, String by, ActorRef<StatusReply<Acknowledgement>> replyTo)
      implements IncidentCommand {
    /** A contact's acknowledgement through its link. */
    public Acknowledge(String incidentId, int contactIndex, Instant at, ActorRef<StatusReply<Acknowledgement>> replyTo) {
      this(incidentId, contactIndex, at, null, replyTo);
    }
  }

  /** Who acknowledged the incident and when (the first acknowledgement; later ones change nothing). */
  record Acknowledgement(String incidentId, String by, Instant at, boolean now) implements CborSerializable {}

  /**
   * Makes sure the notice to the contact at {@code contactIndex} was delivered on every channel: replies at once when
   * it was (or the incident was acknowledged), else sends what is missing and replies with the outcome. The delivery
   * agent asks this for every paged contact, so a notice the hot path could not deliver is retried and parked.
   */
  record DeliverNotice(String incidentId, int contactIndex, ActorRef<StatusReply<Done>> replyTo)
      implements IncidentCommand {}

  /** From the deadline sweeper: recover and act on any deadline that has passed. */
  enum WakeForDeadline implements IncidentCommand {
    INSTANCE
  }

  enum Passivate implements IncidentCommand {
    INSTANCE
  }

  /** A deterministic incident id for the emotion that opened it: the same on every node and every retry. */
  static String incidentId(String tenant, String emotionId) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest((tenant + "|" + emotionId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "inc_" + java.util.HexFormat.of().formatHex(hash, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** The idempotency key of the notice to one contact: the same for every retry and for hot path and safety net. */
  static String noticeKey(String emotionId, int contactIndex) {
    return emotionId + ":" + contactIndex;
  }
}
