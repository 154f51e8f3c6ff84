package io.limbic.cluster.http;

import io.limbic.protocol.http.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntityAcceptances;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.RouteResult;
import org.apache.pekko.http.javadsl.server.RouteResults;

/**
 * A resource class and the role its requests need, checked where the routes are registered. A caller without the
 * role gets 403 naming it, but only for a request the resource would serve: an unknown path stays 404 and an
 * unsupported method 405, whatever the key may do.
 *
 * <p>A user token ({@link Caller#user()}) has no role: it reaches only what a resource opens to it with
 * {@link #reachableByUserTokens}, and gets 403 {@code token_scope} for every other request the resource serves.
 *
 * <p>Which requests a resource serves is found by a probe: its routes run on the request with a method nobody
 * serves, so they stop at their method directive (rejecting with the methods they do serve) before any handler
 * runs. Every resource puts a method directive in front of its handlers; should one ever complete a probe, the
 * answer is the 403 all the same.
 */
public final class GuardedRoutes {
  private static final HttpMethod PROBE =
      HttpMethods.custom("LIMBIC-ROLE-PROBE", false, false, RequestEntityAcceptances.Tolerated);

  private final Function<HttpMethod, Role> roleFor;
  private final Function<Caller, Route> routes;
  private final Function<Caller, Route> forUserTokens;

  private GuardedRoutes(Function<HttpMethod, Role> roleFor, Function<Caller, Route> routes) {
    this(roleFor, routes, null);
  }

  private GuardedRoutes(
      Function<HttpMethod, Role> roleFor, Function<Caller, Route> routes, Function<Caller, Route> forUserTokens) {
    this.roleFor = roleFor;
    this.routes = routes;
    this.forUserTokens = forUserTokens;
  }

  /**
   * These routes, with {@code forUserTokens} serving a user token's caller: what it does not serve gets the 403 (or
   * 404/405) any caller without the role gets.
   */
  public GuardedRoutes reachableByUserTokens(Function<Caller, Route> forUserTokens) {
    return new GuardedRoutes(roleFor, routes, forUserTokens);
  }

  public static GuardedRoutes ingest(Function<String, Route> routes) {
    return new GuardedRoutes(method -> Role.INGEST, byTenant(routes));
  }

  public static GuardedRoutes read(Function<String, Route> routes) {
    return new GuardedRoutes(method -> Role.READ, byTenant(routes));
  }

  public static GuardedRoutes admin(Function<String, Route> routes) {
    return new GuardedRoutes(method -> Role.ADMIN, byTenant(routes));
  }

  /** A resource whose GETs are reads and whose other methods need {@code writes}. */
  public static GuardedRoutes readAnd(Role writes, Function<String, Route> routes) {
    return split(Role.READ, writes, routes);
  }

  /** A resource whose GETs need {@code reads} and whose other methods need {@code writes}. */
  public static GuardedRoutes split(Role reads, Role writes, Function<String, Route> routes) {
    return new GuardedRoutes(method -> reads(method) ? reads : writes, byTenant(routes));
  }

  /**
   * Like {@link #readAnd}, for a resource whose answer also depends on the caller's roles (e.g. what a read shows
   * to a key without the admin role).
   */
  public static GuardedRoutes readAndForCaller(Role writes, Function<Caller, Route> routes) {
    return new GuardedRoutes(method -> reads(method) ? Role.READ : writes, routes);
  }

  private static Function<Caller, Route> byTenant(Function<String, Route> routes) {
    return caller -> routes.apply(caller.tenant());
  }

  /** Cluster-wide operations: they act on every tenant, so only a key given the operator role may run them. */
  public static GuardedRoutes operator(Function<String, Route> routes) {
    return new GuardedRoutes(method -> Role.OPERATOR, byTenant(routes));
  }

  private static boolean reads(HttpMethod method) {
    return method.equals(HttpMethods.GET) || method.equals(HttpMethods.HEAD);
  }

  public Route route(Caller caller) {
    return Directives.extractMethod(
        method -> {
          if (caller.user().isPresent()) {
            Route refused = refusedIfServed(caller, method, beyondUserScope());
            return forUserTokens == null ? refused : Directives.concat(forUserTokens.apply(caller), refused);
          }
          Role needed = roleFor.apply(method);
          if (caller.may(needed)) return routes.apply(caller);
          return refusedIfServed(caller, method, forbidden(needed));
        });
  }

  /** Answers {@code refusal} where the resource serves the request, found by the probe; rejects elsewhere. */
  private Route refusedIfServed(Caller caller, HttpMethod method, HttpResponse refusal) {
    return Directives.mapResponse(
        served -> refusal,
        () -> Directives.recoverRejections(
            rejections -> denied(method, refusal, rejections),
            () -> Directives.mapRequest(r -> r.withMethod(PROBE), () -> routes.apply(caller))));
  }

  private static RouteResult denied(HttpMethod method, HttpResponse refusal, Iterable<Rejection> rejections) {
    List<Rejection> all = new ArrayList<>();
    rejections.forEach(all::add);
    if (all.isEmpty()) return RouteResults.rejected(all); // not this resource's path
    List<Rejection> methods = all.stream().filter(r -> r instanceof MethodRejection).toList();
    boolean serves = methods.isEmpty()
        || methods.stream().anyMatch(r -> ((MethodRejection) r).supported().equals(method));
    return serves ? RouteResults.complete(refusal) : RouteResults.rejected(methods);
  }

  public static HttpResponse forbidden(Role needed) {
    return Problems.response(Problem.of(403, "role_required", "Forbidden",
        "this API key lacks the '" + needed.label() + "' role this request needs"));
  }

  /** A user token asking for something other than its own user's state, matches, heartbeats or telemetry. */
  public static HttpResponse beyondUserScope() {
    return Problems.response(Problem.of(403, "token_scope", "Forbidden",
        "a user token reaches only its own user's state, matches, heartbeats and telemetry"));
  }
}
