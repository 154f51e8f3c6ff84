package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * What a session concluded, in the journal for good. Raw samples are never persisted (volume and privacy); signals,
 * emotion changes with their evidence, identity and a periodic summary are. Version 1 of each unless its comment
 * says otherwise.
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

  /**
   * The client SDK reported a signal it observed ({@link ClientSignalReport}) and the session judged it: corroborated
   * by one of its own signals ({@code matchedClientT} is that signal's client time) or kept as client-reported.
   * Never a {@link SignalDetected}: the session's own counts come from the raw samples only. Version 1.
   */
  record ClientSignalReported(
      String tenant, String sessionId, String userId, Instant at, String reportId, String kind, String source,
      long clientT, String target, Double x, Double y, String url, boolean corroborated, double confidence,
      Long matchedClientT, String evidence) implements SessionEvent {}

  /**
   * A client-reported signal kept as such was corroborated later, when the session's own detector fired on the
   * same element within the window (the report had arrived before the clicks). Version 1.
   */
  record ClientSignalCorroborated(
      String tenant, String sessionId, String userId, Instant at, String reportId, double confidence,
      long matchedClientT, String evidence) implements SessionEvent {}

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

  /**
   * Periodic: the physics and signal totals so far, so a restarted entity can show them. Version 2: {@code physics}
   * is a typed {@link PhysicsSummary}; version 1 held the same fields as a JSON-like map (read as it is).
   */
  record SessionSummarized(
      String tenant, String sessionId, String userId, Instant at, long samples, PhysicsSummary physics,
      Map<String, Integer> signals) implements SessionEvent {}

  /**
   * The session's person ({@code userId}) was erased: the only event its journal keeps (every earlier one is
   * deleted), so the entity keeps refusing writes after a restart. Version 1.
   */
  record SessionErased(String tenant, String sessionId, String userId, Instant at) implements SessionEvent {}
}
