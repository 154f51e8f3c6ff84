package io.limbic.cluster.idle;

import io.limbic.cluster.user.MatchingState;
import java.time.Instant;

/**
 * A copy of what one user's phase needs, taken by the entity when the phase is offered, so that the job never reads
 * the entity's state while it runs.
 *
 * @param token identifies this job; a result with another token is discarded
 */
public record PhaseInput(
    long token, String tenant, String userId, int phase, Instant idleSince, Instant now, MatchingState matching) {}
