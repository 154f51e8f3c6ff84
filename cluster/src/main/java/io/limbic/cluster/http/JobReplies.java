package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.projections.jobs.Job;
import io.limbic.projections.jobs.JobPlatform;
import io.limbic.projections.jobs.JobQueueFull;
import io.limbic.protocol.http.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * How routes answer with jobs (README "Jobs and schedules"). A route that validated its request calls
 * {@link #run}: with {@code ?async=true} the job is queued and the answer is 202 with {@code Location:
 * /v1/jobs/{id}} and the job; without, the request waits for its job up to {@code limbic.jobs.direct-wait} and
 * answers with the result itself (or the job's error), or 202 as above when it takes longer. Either way the work
 * runs within the node's bounded concurrency, and a full queue answers 429.
 */
public final class JobReplies {
  private final JobPlatform jobs;

  public JobReplies(JobPlatform jobs) {
    this.jobs = jobs;
  }

  /** Reads {@code ?async=} ({@code true} or {@code false}, default false); anything else is a 400. */
  public static Route asyncParameter(Function<Boolean, Route> inner) {
    return Directives.parameterOptional("async", async -> {
      if (async.isEmpty() || async.get().equals("false")) return inner.apply(false);
      if (async.get().equals("true")) return inner.apply(true);
      return Directives.complete(Problems.badRequest("invalid_parameter", "async: true or false"));
    });
  }

  /** Queues the job; 202 with its Location and body. */
  public Route submitted(String tenant, String kind, String requestJson, String idempotencyKey) {
    CompletionStage<HttpResponse> reply = jobs.submit(tenant, kind, requestJson, idempotencyKey)
        .thenCompose(id -> jobs.find(tenant, id))
        .thenApply(job -> accepted(job.orElseThrow()))
        .exceptionally(JobReplies::refused);
    return Directives.completeWithFuture(reply);
  }

  /** With {@code async}: {@link #submitted}. Without: the result when the job finishes within the direct wait. */
  public Route run(String tenant, String kind, String requestJson, boolean async) {
    if (async) return submitted(tenant, kind, requestJson, null);
    CompletionStage<HttpResponse> reply = jobs.submit(tenant, kind, requestJson, null)
        .thenCompose(id -> jobs.outcome(tenant, id, jobs.settings().directWait()))
        .thenApply(job -> direct(job.orElseThrow()))
        .exceptionally(JobReplies::refused);
    return Directives.completeWithFuture(reply);
  }

  private static HttpResponse direct(Job job) {
    return switch (job.state()) {
      case SUCCEEDED -> HttpResponse.create().withStatus(StatusCodes.OK)
          .withEntity(org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON, job.resultJson());
      case FAILED -> failed(job);
      case CANCELED -> Problems.conflict("job " + job.id() + " was canceled");
      default -> accepted(job);
    };
  }

  private static HttpResponse failed(Job job) {
    if ("invalid_request".equals(job.errorCode())) return Problems.badRequest("invalid_request", job.error());
    return Problems.response(Problem.of(500, job.errorCode() == null ? "internal" : job.errorCode(),
        "Internal server error", job.error()));
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
