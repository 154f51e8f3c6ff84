package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.projections.jobs.Job;
import io.limbic.projections.jobs.JobPlatform;
import io.limbic.projections.jobs.JobState;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The caller's tenant's jobs: {@code POST /v1/jobs} {@code {"kind", "request", "idempotencyKey"?}} queues one,
 * {@code GET /v1/jobs/{id}} shows it, {@code DELETE /v1/jobs/{id}} cancels it, {@code GET /v1/jobs?state=} lists
 * them (newest first). Another tenant's job is a 404.
 */
public final class JobRoutes {
  static final int MAX_LISTED = 200;
  private static final long MAX_BODY = 256 * 1024;
  private static final int MAX_KEY = 200;

  private final JobPlatform jobs;
  private final JobReplies replies;

  public JobRoutes(JobPlatform jobs) {
    this.jobs = jobs;
    this.replies = new JobReplies(jobs);
  }

  public Route routes(String tenant) {
    return Directives.concat(
        Directives.path("jobs", () -> Directives.concat(
            Directives.get(() -> Directives.parameterOptional("state", state -> list(tenant, state))),
            Directives.post(() -> ApiDirectives.jsonBody(MAX_BODY, body -> submit(tenant, body))))),
        Directives.path(PathMatchers.segment("jobs").slash(PathMatchers.segment()), id -> Directives.concat(
            Directives.get(() -> ApiDirectives.onResult(jobs.find(tenant, id), JobRoutes::shown)),
            Directives.delete(() -> ApiDirectives.onResult(jobs.cancel(tenant, id), JobRoutes::canceled)))));
  }

  private Route list(String tenant, Optional<String> stateParam) {
    Optional<JobState> state = stateParam.flatMap(JobState::parse);
    if (stateParam.isPresent() && state.isEmpty()) {
      return Directives.complete(Problems.badRequest("invalid_parameter",
          "state: one of queued, running, succeeded, failed, canceled"));
    }
    return ApiDirectives.onResult(jobs.list(tenant, state, MAX_LISTED),
        list -> Json.ok(Map.of("jobs", list.stream().map(JobReplies::view).toList())));
  }

  private Route submit(String tenant, JsonNode body) {
    if (!body.isObject()) return Directives.complete(Problems.badRequest("invalid_body", "a JSON object"));
    JsonNode kind = body.get("kind");
    if (kind == null || !kind.isTextual() || kind.asText().isBlank()) {
      return Directives.complete(Problems.badRequest("invalid_kind", "kind: the job kind, a string"));
    }
    JsonNode request = body.has("request") ? body.get("request") : Json.MAPPER.createObjectNode();
    if (!request.isObject()) {
      return Directives.complete(Problems.badRequest("invalid_request", "request: a JSON object"));
    }
    JsonNode key = body.get("idempotencyKey");
    if (key != null && !key.isNull() && (!key.isTextual() || key.asText().isEmpty() || key.asText().length() > MAX_KEY)) {
      return Directives.complete(Problems.badRequest("invalid_idempotency_key",
          "idempotencyKey: a string of 1 to " + MAX_KEY + " characters"));
    }
    String idempotencyKey = key == null || key.isNull() ? null : key.asText();
    return replies.submitted(tenant, kind.asText(), request.toString(), idempotencyKey);
  }

  private static HttpResponse shown(Optional<Job> job) {
    return job.map(j -> Json.ok(JobReplies.view(j))).orElseGet(() -> Problems.notFound("no job with this id"));
  }

  private static HttpResponse canceled(Optional<Job> job) {
    if (job.isEmpty()) return Problems.notFound("no job with this id");
    Job j = job.get();
    // A running job stops when its work next looks: 202 until then.
    return Json.response(j.state().finished() ? StatusCodes.OK : StatusCodes.ACCEPTED, JobReplies.view(j));
  }
}
