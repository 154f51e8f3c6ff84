package io.limbic.projections.agents;

import java.time.Instant;

/**
 * An event an agent gave up on, as operators see it.
 *
 * @param blockedBy sequence mode: the dead letter of the same entity this one waits behind; null for the first
 * @param replayedAt when a replay delivered it; null while it is parked
 */
public record DeadLetter(
    long id, String agent, String tenant, String persistenceId, long sequenceNr, String eventType, String error,
    int attempts, Instant firstFailure, Instant lastFailure, Long blockedBy, Instant replayedAt) {

  public String idempotencyKey() {
    return AgentEvent.idempotencyKey(persistenceId, sequenceNr);
  }
}
