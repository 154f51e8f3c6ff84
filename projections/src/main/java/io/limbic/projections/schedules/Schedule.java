package io.limbic.projections.schedules;

import java.time.Instant;

/**
 * One tenant's schedule as {@code job_schedules} has it: what it submits ({@code kind}, {@code requestJson}) when
 * ({@code cron}, UTC), and its last run: the period it ran for, that run's job, its outcome ({@code queued},
 * {@code running}, {@code succeeded}, {@code failed}, {@code canceled}, or {@code not_submitted} when the queue
 * refused it), the attempts made for that period and when the next retry of a failed run is due.
 */
public record Schedule(
    String tenant, String name, String kind, String cron, boolean enabled, String requestJson, Instant effectiveFrom,
    Instant updatedAt, Instant lastPeriod, String lastJobId, Instant lastRunAt, String lastOutcome, String lastError,
    int attempts, Instant retryAt, Instant checkedAt) {}
