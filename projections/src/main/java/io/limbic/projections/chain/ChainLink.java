package io.limbic.projections.chain;

import java.time.Instant;

/** One event of a correlation chain, as {@code GET /v1/events?correlationId=} shows it. */
public record ChainLink(String persistenceId, long sequenceNr, String type, Instant at, String causationId) {}
