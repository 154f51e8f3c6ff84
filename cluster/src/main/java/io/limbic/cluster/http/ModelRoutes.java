package io.limbic.cluster.http;

import io.limbic.projections.kpi.JdbcKpiSeriesSource;
import io.limbic.projections.jobs.JobQueueFull;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.kpi.Forecaster;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.Planner;
import io.limbic.analytics.kpi.Progress;
import io.limbic.cluster.models.InvalidModelRequest;
import io.limbic.cluster.models.ModelComponents;
import io.limbic.cluster.models.ModelJobs;
import io.limbic.cluster.models.ModelJson;
import io.limbic.cluster.models.ModelRequest;
import io.limbic.cluster.models.ModelRequests;
import io.limbic.cluster.models.ModelService;
import io.limbic.cluster.models.ModelsNotWired;
import io.limbic.cluster.models.VersionNotFound;
import io.limbic.projections.jobs.JobSubmitter;
import io.limbic.projections.jobs.JobWork;
import io.limbic.projections.kpi.KpiSeriesSource;
import io.limbic.projections.kpi.ModelVersionRepository;
import io.limbic.protocol.Ids;
import io.limbic.protocol.http.Problem;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The model API (README "Model API"): {@code POST /v1/models/estimate}, {@code /simulate}, {@code /recommend}
 * (direct, or {@code ?async=true} as a job: 202 with {@code Location: /v1/jobs/{id}}) and
 * {@code GET /v1/models?segment=&model=} listing fitted versions. A direct computation runs on the blocking
 * dispatcher, at most {@code maxConcurrent} at a time per node (429 beyond). What this node was started without
 * answers 501 naming it.
 */
public final class ModelRoutes {
  private final ModelComponents components;
  private final ModelService service;
  private final Executor blocking;
  private final Clock clock;
  private final long maxBody;
  private final Semaphore direct;

  public ModelRoutes(
      List<KpiModelFamily> families, Forecaster forecaster, Planner planner, KpiSeriesSource series,
      JobSubmitter jobs, ModelVersionRepository versions, Executor blocking, Clock clock, long maxBody,
      int maxConcurrent) {
    this.components = new ModelComponents(families, forecaster, planner, series, jobs);
    this.service = new ModelService(components, versions, clock);
    this.blocking = blocking;
    this.clock = clock;
    this.maxBody = maxBody;
    this.direct = new Semaphore(maxConcurrent);
  }

  /** The jobs sharing this resource's computation, for the job platform's registry. */
  public List<JobWork> jobWorks() {
    return ModelJobs.works(service, clock);
  }

  public Route routes(String tenant) {
    return Directives.pathPrefix("models", () -> Directives.concat(
        Directives.pathEnd(() -> Directives.get(() -> Directives.parameterOptional("segment",
            segment -> Directives.parameterOptional("model", type -> list(tenant, segment, type))))),
        Directives.path("estimate", () -> Directives.post(() -> body(tenant, this::estimate))),
        Directives.path("simulate", () -> Directives.post(() -> body(tenant, this::simulate))),
        Directives.path("recommend", () -> Directives.post(() -> body(tenant, this::recommend)))));
  }

  private interface Handler {
    Route handle(String tenant, JsonNode body, boolean async);
  }

  private Route body(String tenant, Handler handler) {
    return Directives.parameterOptional("async", async -> {
      if (async.isPresent() && !async.get().equals("true") && !async.get().equals("false")) {
        return Directives.complete(Problems.badRequest("invalid_parameter", "async must be true or false"));
      }
      boolean asJob = async.isPresent() && async.get().equals("true");
      return ApiDirectives.jsonBody(maxBody, json -> guarded(() -> handler.handle(tenant, json, asJob)));
    });
  }

  private Route estimate(String tenant, JsonNode body, boolean async) {
    if (service.types().isEmpty()) throw new ModelsNotWired("no KPI model families are wired into this node yet");
    ModelRequest.Estimate request = ModelRequests.estimate(body, service.types(), clock.instant());
    if (request.data() == null && components.series() == null) {
      throw new ModelsNotWired("the KPI read model is not wired into this node yet; send inline data instead");
    }
    if (async) return submit(tenant, ModelJobs.ESTIMATE, body, CompletableFuture.completedFuture(null));
    return compute(() -> ModelJson.estimated(service.estimate(tenant, request, Progress.NONE)));
  }

  private Route simulate(String tenant, JsonNode body, boolean async) {
    if (components.forecaster() == null) throw new ModelsNotWired("no forecaster is wired into this node yet");
    ModelRequest.Simulate request = ModelRequests.simulate(body);
    if (async) return submit(tenant, ModelJobs.SIMULATE, body, blockingly(() -> service.check(tenant, request)));
    return compute(() -> ModelJson.simulated(service.simulate(tenant, request, Progress.NONE), request));
  }

  private Route recommend(String tenant, JsonNode body, boolean async) {
    if (components.planner() == null) throw new ModelsNotWired("no planner is wired into this node yet");
    ModelRequest.Recommend request = ModelRequests.recommend(body);
    if (async) return submit(tenant, ModelJobs.RECOMMEND, body, blockingly(() -> service.check(tenant, request)));
    return compute(() -> ModelJson.recommended(service.recommend(tenant, request, Progress.NONE), request));
  }

  private Route list(String tenant, Optional<String> segment, Optional<String> type) {
    if (segment.isPresent() && !Ids.isValid(segment.get())) {
      return Directives.complete(Problems.badRequest("invalid_parameter", "segment must be " + Ids.describeRule()));
    }
    // A listing reads a table and computes nothing: it does not take one of the computation slots.
    CompletableFuture<Map<String, Object>> listed = CompletableFuture.supplyAsync(() -> unchecked(() ->
        ModelJson.listed(segment.orElse(null), service.list(tenant, segment.orElse(null), type.orElse(null)))),
        blocking);
    return Directives.onComplete(listed, attempt -> attempt.isSuccess()
        ? Directives.complete(Json.ok(attempt.get()))
        : Directives.complete(failure(attempt.failed().get())));
  }

  @FunctionalInterface
  private interface Blocking<T> {
    T get() throws Exception;
  }

  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  /** A direct answer: computed on the blocking dispatcher when a slot is free, else 429. */
  private Route compute(Blocking<Map<String, Object>> work) {
    if (!direct.tryAcquire()) {
      return Directives.complete(Problems.tooManyRequests("models_busy",
          "this node is computing as many models as it may at once; retry, or send ?async=true", 1));
    }
    CompletableFuture<Map<String, Object>> result;
    try {
      result = CompletableFuture.supplyAsync(() -> unchecked(work), blocking);
    } catch (RuntimeException e) {
      direct.release();
      throw e;
    }
    result.whenComplete((body, failure) -> direct.release());
    return Directives.onComplete(result, attempt -> attempt.isSuccess()
        ? Directives.complete(Json.ok(attempt.get()))
        : Directives.complete(failure(attempt.failed().get())));
  }

  private CompletableFuture<Void> blockingly(Check check) {
    return CompletableFuture.supplyAsync(() -> {
      unchecked(() -> {
        check.run();
        return null;
      });
      return null;
    }, blocking);
  }

  /** Queues the job once the request is checked: 202 with its Location (429 when the tenant's queue is full). */
  private Route submit(String tenant, String kind, JsonNode body, CompletionStage<Void> checked) {
    if (components.jobs() == null) throw new ModelsNotWired("the job platform is not wired into this node yet");
    CompletionStage<String> id =
        checked.thenCompose(ok -> components.jobs().submit(tenant, kind, body.toString(), null));
    return Directives.onComplete(id, attempt -> {
      if (!attempt.isSuccess()) return Directives.complete(failure(attempt.failed().get()));
      Map<String, Object> accepted = new LinkedHashMap<>();
      // The same fields as POST /v1/jobs answers (id, kind, state), plus jobId and location kept for clients.
      accepted.put("id", attempt.get());
      accepted.put("jobId", attempt.get());
      accepted.put("kind", kind);
      accepted.put("state", "queued");
      accepted.put("location", "/v1/jobs/" + attempt.get());
      return Directives.complete(Json.response(StatusCodes.ACCEPTED, accepted)
          .addHeader(RawHeader.create("Location", "/v1/jobs/" + attempt.get())));
    });
  }

  private static Route guarded(java.util.function.Supplier<Route> route) {
    try {
      return route.get();
    } catch (RuntimeException e) {
      return Directives.complete(failure(e));
    }
  }

  private static <T> T unchecked(Blocking<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /** Model failures as problems: a wrong request 400, a missing version 404, a missing component 501. */
  static HttpResponse failure(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
    if (cause instanceof InvalidModelRequest e) return Problems.badRequest(e.code(), e.getMessage());
    if (cause instanceof VersionNotFound e) return Problems.notFound(e.getMessage());
    if (cause instanceof JobQueueFull e) {
      return Problems.tooManyRequests("job_queue_full", e.getMessage(), Problems.RETRY_AFTER_SECONDS);
    }
    if (cause instanceof ModelsNotWired e) {
      return Problems.response(Problem.of(501, "not_wired", "Not implemented", e.getMessage()));
    }
    if (cause instanceof JdbcKpiSeriesSource.UnknownSegment e) {
      return Problems.badRequest("unknown_segment", e.getMessage() + "; see GET /v1/segments");
    }
    // The seams' contract: a family, forecaster or planner refuses data it cannot use with this exception.
    if (cause instanceof IllegalArgumentException e) return Problems.badRequest("model_rejected", e.getMessage());
    return Problems.forFailure(cause);
  }
}
