package io.limbic.protocol.escalation;

import io.limbic.protocol.CborSerializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Facts about one user's incidents; every event names its incident. Version 1. */
public sealed interface IncidentEvent extends CborSerializable {
  String tenant();

  String userId();

  String incidentId();

  Instant at();

  /** An incident was decided: the emotion, the user's facts at that moment, and the chain it will run. */
  record IncidentOpened(
      String tenant, String userId, String incidentId, Instant at, String emotionId, String sessionId,
      String company, BigDecimal lifetimeValue, String currency, String emotion, double confidence, String url,
      String section, String evidence, Instant detectedAt, String source, Duration escalateAfter, Duration window,
      List<EscalationPolicy.Contact> contacts) implements IncidentEvent {}

  /**
   * The contact at {@code contactIndex} is to be notified on each of its channels now; {@code deadline} is when the
   * next contact is paged (or, after the last contact, the chain ends) unless someone acknowledges first.
   */
  record ContactPaged(
      String tenant, String userId, String incidentId, Instant at, int contactIndex, String contact,
      String idempotencyKey, Instant deadline) implements IncidentEvent {}

  /** A provider accepted the notice on channel {@code channelIndex} of the contact. */
  record NoticeDelivered(
      String tenant, String userId, String incidentId, Instant at, int contactIndex, int channelIndex,
      String channelType, String reference) implements IncidentEvent {}

  /** An attempt to deliver the notice failed; the delivery agent retries it (with backoff) and parks it last. */
  record NoticeFailed(
      String tenant, String userId, String incidentId, Instant at, int contactIndex, int channelIndex,
      String channelType, String error, boolean retryable) implements IncidentEvent {}

  /** The contact at {@code contactIndex} ({@code by}) acknowledged: the chain stops. */
  record IncidentAcknowledged(
      String tenant, String userId, String incidentId, Instant at, int contactIndex, String by)
      implements IncidentEvent {}

  /** The last contact's wait passed with no acknowledgement. */
  record ChainEnded(String tenant, String userId, String incidentId, Instant at) implements IncidentEvent {}
}
