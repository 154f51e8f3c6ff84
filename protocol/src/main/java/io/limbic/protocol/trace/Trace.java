package io.limbic.protocol.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.limbic.protocol.CborSerializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an event exists: the chain it belongs to ({@code correlationId}, one per HTTP request unless the client sends
 * its own {@code X-Correlation-Id}) and its direct cause ({@code causationId}): the id of the request that asked for
 * it, or {@code persistenceId:sequenceNr} of the event whose consequence it is. Stored as the event's metadata in
 * the journal (not in the event), so events without one (written before traces existed) read back unchanged.
 *
 * <p>{@code traceparent}, only with tracing on (README "Metrics and traces"), is the W3C trace context
 * ({@code 00-traceid-spanid-flags}) of the span that caused this: the request's server span in a command, the journal
 * write's span in an event's metadata. A node that does not hold that span (the cause ran on another node) continues
 * the trace from it. It is left out of the serialized form when null, so with tracing off a command or a row is
 * byte for byte what it was before the field existed; a row without it reads with null, and a node that does not
 * know the field ignores it (Pekko's Jackson has {@code FAIL_ON_UNKNOWN_PROPERTIES} off), both ways of a rolling
 * upgrade.
 */
public record Trace(
    String correlationId, String causationId, @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent)
    implements CborSerializable {

  public Trace {
    if (correlationId == null || correlationId.isEmpty()) throw new IllegalArgumentException("no correlation id");
    if (causationId == null || causationId.isEmpty()) throw new IllegalArgumentException("no causation id");
    if (traceparent != null && traceparent.isEmpty()) traceparent = null;
  }

  /** A trace without a span context (tracing off, or no span caused it). */
  public Trace(String correlationId, String causationId) {
    this(correlationId, causationId, null);
  }

  /** What a request causes directly. */
  public static Trace ofRequest(String correlationId, String requestId) {
    return new Trace(correlationId, requestId);
  }

  /** The same chain and cause, continuing from the span {@code traceparent} names (null: from none). */
  public Trace withTraceparent(String traceparent) {
    return Objects.equals(traceparent, this.traceparent) ? this : new Trace(correlationId, causationId, traceparent);
  }

  /**
   * What the event {@code persistenceId:sequenceNr} of this chain causes (an entity telling another); the span
   * context goes along, so another node continues the same trace.
   */
  public Trace causedBy(String persistenceId, long sequenceNr) {
    return new Trace(correlationId, eventId(persistenceId, sequenceNr), traceparent);
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
