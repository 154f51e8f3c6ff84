package io.limbic.cluster.http;

import io.limbic.cluster.metrics.RequestTelemetry;
import io.limbic.cluster.health.DatabaseGate;
import io.limbic.cluster.health.DatabaseHealth;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Binds the public API. Every response carries {@code X-Correlation-Id} and {@code X-Request-Id}
 * ({@link Correlation}). Every route under {@code /v1} is authenticated, scoped to the caller's tenant and guarded
 * by the role its group needs ({@link GuardedRoutes}; the WebSocket authenticates itself, since browsers cannot set
 * its headers; the dashboard's pages send its session cookie instead of a key, {@link DashboardCaller}), held to
 * the tenant's and the key's rate ({@link RateLimits}), and its administrative actions are recorded in the audit log
 * ({@link Audited}); on
 * shutdown the binding stops accepting, then in-flight requests get up to the hard deadline to finish.
 */
public final class HttpServer {
  private static final Duration HARD_DEADLINE = Duration.ofSeconds(10);

  private HttpServer() {}

  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system,
      HttpSettings settings,
      ApiKeys keys,
      RateLimits limits,
      AuditLog audit,
      List<GuardedRoutes> tenantRoutes,
      Route selfAuthenticating,
      Route posthog,
      Route dashboard) {
    // While the database is unreachable, authenticated /v1 requests answer 503 database_unavailable at once.
    DatabaseHealth health = DatabaseHealth.get(system);
    Route api =
        Directives.pathPrefix(
            "v1",
            () ->
                Directives.concat(
                    selfAuthenticating,
                    ApiDirectives.caller(keys, limits, caller -> DatabaseGate.around(health,
                        () -> Audited.admin(audit, caller,
                            () -> anyOf(tenantRoutes.stream().map(r -> r.route(caller)).toList()))))));
    Route all = Cors.around(keys::publishable,
        () -> Directives.concat(SdkRoutes.route(), OpenApiRoutes.route(), dashboard, posthog, api));
    // The arrival stamp is outermost (detection latency starts there). Then correlation, so rejections and exceptions
    // turned into problems carry the ids too; the metrics and the request's span see the final status (README
    // "Metrics and traces").
    RequestTelemetry telemetry = RequestTelemetry.of(system);
    Route sealed = Arrivals.stamped(() ->
        Correlation.around(
            () -> telemetry.around(
                () ->
                    Directives.handleExceptions(
                        Problems.exceptionHandler(),
                        () -> Directives.handleRejections(Problems.rejectionHandler(), () -> all)))));
    return Http.get(system)
        .newServerAt(settings.host(), settings.port())
        .bind(sealed)
        .thenApply(binding -> binding.addToCoordinatedShutdown(HARD_DEADLINE, system));
  }

  private static Route anyOf(List<Route> routes) {
    return Directives.concat(routes.get(0), routes.subList(1, routes.size()).toArray(Route[]::new));
  }
}
