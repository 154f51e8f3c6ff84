package io.limbic.protocol.trace;

import io.limbic.protocol.CborSerializable;
import java.util.Optional;

/**
 * Why an event exists: the chain it belongs to ({@code correlationId}, one per HTTP request unless the client sends
 * its own {@code X-Correlation-Id}) and its direct cause ({@code causationId}): the id of the request that asked for
 * it, or {@code persistenceId:sequenceNr} of the event whose consequence it is. Stored as the event's metadata in
 * the journal (not in the event), so events without one (written before traces existed) read back unchanged.
 */
public record Trace(String correlationId, String causationId) implements CborSerializable {

  public Trace {
    if (correlationId == null || correlationId.isEmpty()) throw new IllegalArgumentException("no correlation id");
    if (causationId == null || causationId.isEmpty()) throw new IllegalArgumentException("no causation id");
  }

  /** What a request causes directly. */
  public static Trace ofRequest(String correlationId, String requestId) {
    return new Trace(correlationId, requestId);
  }

  /** What the event {@code persistenceId:sequenceNr} of this chain causes (an entity telling another). */
  public Trace causedBy(String persistenceId, long sequenceNr) {
    return new Trace(correlationId, eventId(persistenceId, sequenceNr));
  }

  /**
   * What an agent causes while reacting to the event {@code persistenceId:sequenceNr}: same chain, that event as the
   * cause. An event with no chain (written before traces existed, or by a timer) starts one named after itself, so
   * retries of the same reaction land in the same chain. An agent calls it with its {@code AgentEvent}'s
   * {@code persistenceId()}, {@code sequenceNr()} and {@code correlationId()}.
   */
  public static Trace causedBy(String persistenceId, long sequenceNr, String correlationId) {
    String cause = eventId(persistenceId, sequenceNr);
    return new Trace(correlationId == null || correlationId.isEmpty() ? cause : correlationId, cause);
  }

  /** How an event is named as a cause: {@code persistenceId:sequenceNr}, the same as an agent's idempotency key. */
  public static String eventId(String persistenceId, long sequenceNr) {
    return persistenceId + ":" + sequenceNr;
  }

  /** The trace in an envelope's {@code eventMetadata()}, if the event was written with one. */
  public static Optional<Trace> fromMetadata(Optional<Object> metadata) {
    return metadata.filter(Trace.class::isInstance).map(Trace.class::cast);
  }
}
