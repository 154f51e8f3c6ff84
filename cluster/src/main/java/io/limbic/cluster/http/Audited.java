package io.limbic.cluster.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Complete;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.RouteResult;
import org.apache.pekko.http.javadsl.server.RouteResults;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records administrative actions in the {@link AuditLog} (README "Audit log"). The entry is written, committed,
 * before the action runs: if the log cannot be written the request is answered 503 {@code audit_unavailable} and
 * nothing is done. Once the route has answered (with any status, a role refusal, a validation 400 or a failure
 * turned into a 500 included) the entry gets that status before the answer goes out. If that second write fails,
 * the answer goes out all the same (the action is done; a 503 would invite a repeat) and the entry keeps no status,
 * which also marks an action during which the node stopped: the log then says it was attempted, not how it ended.
 * The action and its entry are two transactions in different stores: neither undoes the other.
 */
public final class Audited {
  private static final Logger log = LoggerFactory.getLogger(Audited.class);

  private Audited() {}

  /**
   * Around the API's tenant routes, inside authentication: the requests {@link AdminActions} names are recorded as
   * done by {@code caller} with the key it presented; every other request passes untouched.
   */
  public static Route admin(AuditLog audit, Caller caller, Supplier<Route> inner) {
    return Directives.extractRequest(request -> {
      List<String> path = new ArrayList<>();
      request.getUri().pathSegments().forEach(path::add);
      Optional<AdminActions.Named> named = AdminActions.of(request.method().name(), path);
      if (named.isEmpty()) return inner.get();
      String key = ApiDirectives.bearerKey(request.getHeader("Authorization").map(h -> h.value())).orElse("");
      return action(audit, AuditLog.Actor.of(caller, key), named.get().action(), named.get().target(), inner);
    });
  }

  /**
   * Runs {@code inner} as the action {@code action} of {@code actor} on {@code target} (null for a creation: the
   * id its answer's {@code Location} names is recorded), recorded as described above. Call it once the caller is
   * authenticated, around the whole route of the action, e.g. {@code Audited.action(audit, actor, "user.erase",
   * userId, () -> erase(...))}.
   */
  public static Route action(AuditLog audit, AuditLog.Actor actor, String action, String target,
      Supplier<Route> inner) {
    return Correlation.trace(trace -> Directives.onComplete(
        audit.begin(actor, action, target, trace),
        begun -> {
          if (begun.isSuccess()) return recorded(audit, begun.get(), action, inner);
          log.error("audit log unavailable; refused {} of tenant {}", action, actor.tenant(), begun.failed().get());
          return Directives.complete(unavailable());
        }));
  }

  private static Route recorded(AuditLog audit, long id, String action, Supplier<Route> inner) {
    // Rejections and exceptions become their problems here, as the server would make them, so the status is known.
    Supplier<Route> answered = () -> Directives.handleExceptions(Problems.exceptionHandler(),
        () -> Directives.handleRejections(Problems.rejectionHandler(), inner));
    return Directives.mapRouteResultFuture(result -> result
        .handle((r, failure) -> r != null ? r : RouteResults.complete(Problems.forFailure(failure)))
        .thenCompose(r -> finish(audit, id, action, r)), answered);
  }

  private static CompletionStage<RouteResult> finish(AuditLog audit, long id, String action, RouteResult r) {
    Optional<HttpResponse> response = r instanceof Complete c ? Optional.of(c.getResponse()) : Optional.empty();
    int status = response.map(x -> x.status().intValue()).orElse(500);
    String created = response.flatMap(x -> x.getHeader("Location")).map(h -> AdminActions.created(h.value()))
        .orElse(null);
    return audit.finish(id, status, created).handle((ok, failure) -> {
      if (failure != null) log.warn("audit entry {} ({}) keeps no status: {}", id, action, failure.toString());
      return r;
    });
  }

  /** The log could not be written, so the action was not run. */
  static HttpResponse unavailable() {
    return Problems.response(io.limbic.protocol.http.Problem.of(503, "audit_unavailable", "Service unavailable",
        "the audit log could not be written, so the action was not done; retry later"),
        RawHeader.create("Retry-After", "5"));
  }
}
