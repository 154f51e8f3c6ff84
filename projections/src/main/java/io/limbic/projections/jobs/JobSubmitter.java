package io.limbic.projections.jobs;

import java.util.concurrent.CompletionStage;

/**
 * Submits a job to the node's persisted job queue. {@code idempotencyKey} (nullable) makes a repeated submission
 * return the first job's id instead of queueing another (schedules use it: one run per period).
 */
public interface JobSubmitter {
  CompletionStage<String> submit(String tenant, String kind, String requestJson, String idempotencyKey);
}
