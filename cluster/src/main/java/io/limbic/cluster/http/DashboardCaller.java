package io.limbic.cluster.http;

import io.limbic.protocol.http.Problem;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Cookie;
import org.apache.pekko.http.javadsl.model.headers.HttpCookiePair;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The caller of a request with no {@code Authorization} header but the dashboard's session cookie: the secret key
 * the session names, with the roles that key has now. CSRF: the cookie is {@code SameSite=Strict}, and a request of
 * any method but GET and HEAD must also carry {@code X-Limbic-Dashboard: 1} (a page of another origin cannot send a
 * custom header without a CORS preflight, which the node never grants for it) and, when it sends {@code Origin},
 * one whose host and port are this request's {@code Host}.
 */
final class DashboardCaller {
  static final String EXPIRED = "the dashboard session is not valid or has expired: sign in again";
  private static final Set<String> SAFE = Set.of(HttpMethods.GET.value(), HttpMethods.HEAD.value());

  private DashboardCaller() {}

  /** The session token of the request's cookie, if it sends one. */
  static Optional<String> sessionCookie(HttpRequest request) {
    for (HttpHeader header : request.getHeaders()) {
      if (header instanceof Cookie cookie) {
        for (HttpCookiePair pair : cookie.getCookies()) {
          if (pair.name().equals(DashboardSessions.COOKIE)) return Optional.of(pair.value());
        }
      }
    }
    return Optional.empty();
  }

  static Route resolve(
      ApiKeys keys, RateLimits limits, HttpRequest request, String token, Function<Caller, Route> inner) {
    Optional<DashboardSessions> sessions = keys.dashboardSessions();
    Optional<DashboardSessions.Session> session = sessions.flatMap(s -> s.verify(token));
    if (session.isEmpty()) return Directives.complete(Problems.unauthorized(EXPIRED));
    if (!SAFE.contains(request.method().value())) {
      Optional<HttpResponse> refused = csrfRefusal(request);
      if (refused.isPresent()) return Directives.complete(refused.get());
    }
    String keyName = session.get().keyName();
    Optional<Caller> caller = keys.secretCallerNamed(session.get().tenant(), keyName);
    if (caller.isEmpty()) {
      return Directives.complete(Problems.unauthorized("the key this dashboard session was opened with is no longer"
          + " configured: sign in again"));
    }
    return ApiDirectives.withinRate(limits, caller.get().tenant(), keyName,
        () -> inner.apply(caller.get().named("dashboard:" + keyName)));
  }

  /** The caller a dashboard session token stands for now, if the session is valid and its key still configured. */
  static Optional<Caller> callerOf(ApiKeys keys, String token) {
    return keys.dashboardSessions().flatMap(s -> s.verify(token))
        .flatMap(session -> keys.secretCallerNamed(session.tenant(), session.keyName()));
  }

  /** Why an unsafe request authenticated by the cookie is refused as a possible cross-site forgery, if it is. */
  static Optional<HttpResponse> csrfRefusal(HttpRequest request) {
    boolean marked = request.getHeader(DashboardSessions.CSRF_HEADER).map(h -> h.value().strip().equals("1"))
        .orElse(false);
    if (!marked) {
      return Optional.of(forbidden("a request authenticated by the dashboard's cookie must send "
          + DashboardSessions.CSRF_HEADER + ": 1"));
    }
    Optional<String> origin = request.getHeader("Origin").map(HttpHeader::value);
    if (origin.isPresent() && !sameHost(origin.get(), request.getHeader("Host").map(HttpHeader::value))) {
      return Optional.of(forbidden("the request's Origin is not the dashboard's own"));
    }
    return Optional.empty();
  }

  private static boolean sameHost(String origin, Optional<String> host) {
    if (host.isEmpty()) return false;
    try {
      URI uri = URI.create(origin);
      if (uri.getHost() == null) return false;
      String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
      return authority.equalsIgnoreCase(host.get().strip()) || withDefaultPort(uri).equalsIgnoreCase(host.get().strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String withDefaultPort(URI uri) {
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return uri.getHost() + ":" + port;
  }

  private static HttpResponse forbidden(String detail) {
    return Problems.response(Problem.of(403, "csrf_refused", "Forbidden", detail));
  }
}
