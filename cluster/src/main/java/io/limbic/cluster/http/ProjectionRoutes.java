package io.limbic.cluster.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.limbic.projections.operations.ProjectionOperations;
import io.limbic.projections.operations.ProjectionStatus;
import io.limbic.projections.operations.ReadModel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/projections} and {@code POST /v1/projections/{name}/pause|resume|rebuild}: the read models'
 * projections, for operators (the {@code admin} role). Read models hold every tenant's rows, so what these report
 * and do is cluster-wide and for all tenants, whichever tenant's key asks.
 */
public final class ProjectionRoutes {
  private final ProjectionOperations operations;

  public ProjectionRoutes(ProjectionOperations operations) {
    this.operations = operations;
  }

  /** The response of GET /v1/projections. */
  public record Projections(List<View> projections) {}

  /** One read model; {@code rebuild} only once one was started. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record View(String name, ProjectionStatus.State state, long lagMs, Long offset,
      List<ProjectionStatus.Instance> instances, ProjectionStatus.Rebuild rebuild) {
    static View of(ProjectionStatus s) {
      return new View(s.name(), s.state(), s.lagMs(), s.offset(), s.instances(), s.rebuild());
    }
  }

  public Route routes(String tenant) {
    return Directives.pathPrefix(
        "projections",
        () -> Directives.concat(
            Directives.pathEnd(() -> Directives.get(() -> ApiDirectives.onResult(
                operations.statuses(), all -> Json.ok(new Projections(all.stream().map(View::of).toList()))))),
            Directives.path(PathMatchers.segment().slash("pause"),
                name -> Directives.post(() -> operation(name, operations::pause, StatusCodes.OK))),
            Directives.path(PathMatchers.segment().slash("resume"),
                name -> Directives.post(() -> operation(name, operations::resume, StatusCodes.OK))),
            Directives.path(PathMatchers.segment().slash("rebuild"),
                name -> Directives.post(() -> operation(name, operations::rebuild, StatusCodes.ACCEPTED)))));
  }

  private static Route operation(
      String name, Function<ReadModel, CompletionStage<ProjectionStatus>> operation,
      org.apache.pekko.http.javadsl.model.StatusCode success) {
    Optional<ReadModel> model = ReadModel.named(name);
    if (model.isEmpty()) return Directives.complete(Problems.notFound("no such read model; GET /v1/projections lists them"));
    return Directives.onComplete(operation.apply(model.get()), attempt -> Directives.complete(
        attempt.isSuccess() ? Json.response(success, View.of(attempt.get())) : failure(attempt.failed().get())));
  }

  private static HttpResponse failure(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof ProjectionOperations.RebuildRunning running) return Problems.conflict(running.getMessage());
    return Problems.forFailure(failure);
  }
}
