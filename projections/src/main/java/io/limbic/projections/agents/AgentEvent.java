package io.limbic.projections.agents;

import java.time.Instant;

/**
 * One event as an agent sees it. {@code idempotencyKey = persistenceId + ":" + sequenceNr}: the same for every
 * delivery of the event (retries, redelivery after a restart, replay), so receivers can drop repeats.
 *
 * @param correlationId of the request that caused the event; null until events carry one
 */
public record AgentEvent(
    String persistenceId, long sequenceNr, String tenant, Object event, Instant at, String idempotencyKey,
    String correlationId) {

  public static String idempotencyKey(String persistenceId, long sequenceNr) {
    return persistenceId + ":" + sequenceNr;
  }
}
