package io.limbic.projections.jobs;

import java.time.Instant;

/**
 * One persisted job as the {@code jobs} table has it. {@code resultJson} is set once it succeeded; {@code errorCode}
 * ({@code invalid_request}, {@code internal}, {@code abandoned}) and {@code error} once it failed. {@code attempts}
 * counts the times a node started it (a job resumed after its node stopped is started again from scratch).
 */
public record Job(
    String id, String tenant, String kind, JobState state, int progress, String requestJson, String resultJson,
    String errorCode, String error, String idempotencyKey, int attempts, boolean cancelRequested, Instant createdAt,
    Instant startedAt, Instant finishedAt) {}
