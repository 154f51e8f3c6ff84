package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * What a session concluded, in the journal for good. Raw samples are never persisted (volume and privacy); signals,
 * emotion changes with their evidence, identity and a periodic summary are. Version 1 of each.
 */
public sealed interface SessionEvent extends CborSerializable {
  String tenant();

  String sessionId();

  /** The user the session belonged to when the event happened; null while anonymous. */
  String userId();

  /** Server time of the event. */
  Instant at();

  record SignalDetected(
      String tenant, String sessionId, String userId, Instant at, String kind, long clientT, String target,
      String section, String url, Map<String, Double> details) implements SessionEvent {}

  record EmotionDetected(
      String tenant, String sessionId, String userId, Instant at, String state, String label, double confidence,
      Instant since, String url, String section, EmotionEvidence evidence) implements SessionEvent {}

  record SessionIdentified(String tenant, String sessionId, String userId, Instant at, String anonymousId)
      implements SessionEvent {}

  /** The client declared what it observes (first message, or a later one that changes it). */
  record CapabilitiesDeclared(
      String tenant, String sessionId, String userId, Instant at, boolean mutations, boolean selection)
      implements SessionEvent {}

  /**
   * The user's entity acknowledged the emotion {@code emotionId} ({@code persistenceId:sequenceNr} of its
   * {@link EmotionDetected}): the session stops redelivering it. Version 1.
   */
  record EmotionDelivered(String tenant, String sessionId, String userId, Instant at, String emotionId)
      implements SessionEvent {}

  /** Periodic: the physics and signal totals so far, so a restarted entity can show them. */
  record SessionSummarized(
      String tenant, String sessionId, String userId, Instant at, long samples, Map<String, Object> physics,
      Map<String, Integer> signals) implements SessionEvent {}
}
