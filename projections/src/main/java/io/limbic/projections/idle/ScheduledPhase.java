package io.limbic.projections.idle;

import java.time.Instant;

/** A row of {@code idle_schedule}: the user's next idle phase for the idle period that began at idleSince. */
public record ScheduledPhase(String tenant, String userId, Instant idleSince, int nextPhase, Instant dueAt) {}
