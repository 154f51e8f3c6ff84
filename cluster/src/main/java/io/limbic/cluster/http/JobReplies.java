package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.projections.jobs.Job;
import io.limbic.projections.jobs.JobPlatform;
import io.limbic.projections.jobs.JobQueueFull;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * How {@code POST /v1/jobs} answers (README "Jobs and schedules"): the job is queued and the answer is 202 with
 * {@code Location: /v1/jobs/{id}} and the job; a full queue answers 429, an unknown kind 400.
 */
public final class JobReplies {
  private final JobPlatform jobs;

  public JobReplies(JobPlatform jobs) {
    this.jobs = jobs;
  }

  /** Queues the job; 202 with its Location and body. */
  public Route submitted(String tenant, String kind, String requestJson, String idempotencyKey) {
    CompletionStage<HttpResponse> reply = jobs.submit(tenant, kind, requestJson, idempotencyKey)
        .thenCompose(id -> jobs.find(tenant, id))
        .thenApply(job -> accepted(job.orElseThrow()))
        .exceptionally(JobReplies::refused);
    return Directives.completeWithFuture(reply);
  }

  static HttpResponse accepted(Job job) {
    return Json.response(StatusCodes.ACCEPTED, view(job)).addHeader(RawHeader.create("Location", location(job)));
  }

  static String location(Job job) {
    return "/v1/jobs/" + job.id();
  }

  private static HttpResponse refused(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof JobQueueFull full) {
      return Problems.tooManyRequests("job_queue_full", full.getMessage(), Problems.RETRY_AFTER_SECONDS);
    }
    if (cause instanceof IllegalArgumentException bad) return Problems.badRequest("invalid_job", bad.getMessage());
    return Problems.forFailure(cause);
  }

  /** {@code {id, kind, state, progress, result|error, createdAt, startedAt, finishedAt, ...}}. */
  public static Map<String, Object> view(Job job) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", job.id());
    v.put("kind", job.kind());
    v.put("state", job.state().label());
    v.put("progress", job.progress());
    if (job.resultJson() != null) v.put("result", parsed(job.resultJson()));
    if (job.error() != null || job.errorCode() != null) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", job.errorCode());
      error.put("message", job.error());
      v.put("error", error);
    }
    v.put("createdAt", job.createdAt());
    v.put("startedAt", job.startedAt());
    v.put("finishedAt", job.finishedAt());
    v.put("attempts", job.attempts());
    if (job.cancelRequested() && !job.state().finished()) v.put("cancelRequested", true);
    Optional.ofNullable(job.idempotencyKey()).ifPresent(k -> v.put("idempotencyKey", k));
    return v;
  }

  private static JsonNode parsed(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }
}
