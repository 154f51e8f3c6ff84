package io.limbic.projections.agents;

/** One event as an agent sees it. idempotencyKey = persistenceId + ":" + sequenceNr. */
public record AgentEvent(String persistenceId, long sequenceNr, String tenant, Object event,
                         java.time.Instant at, String idempotencyKey, String correlationId) {}
