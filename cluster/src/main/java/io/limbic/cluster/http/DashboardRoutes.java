package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard (README "Dashboard"): {@code GET /dashboard/*} serves our own HTML, CSS and ES modules from the
 * classpath folder {@code dashboard/} and uPlot from its WebJar under {@code /dashboard/vendor/uplot/}, all under a
 * Content-Security-Policy that allows scripts, styles and connections of this origin only (no inline script).
 * {@code POST /dashboard/session} exchanges a tenant's secret API key ({@code {"key": ...}}, never in a URL) for
 * the session cookie ({@link DashboardSessions}), {@code GET} says who is signed in (200 with {@code signedIn} false when no one is), {@code DELETE} signs out. The
 * pages then call {@code /v1} with that cookie ({@link DashboardCaller}).
 */
public final class DashboardRoutes {
  static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final long MAX_BODY = 8 * 1024;
  private static final List<HttpHeader> PAGE_HEADERS = List.of(
      RawHeader.create("Content-Security-Policy", CSP),
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("Referrer-Policy", "no-referrer"),
      RawHeader.create("X-Frame-Options", "DENY"));
  /** Our files change with the node: revalidated on every load (Last-Modified), never stale after an upgrade. */
  private static final HttpHeader REVALIDATE = RawHeader.create("Cache-Control", "no-cache");
  /** The vendor path names the version, so its files never change. */
  private static final HttpHeader IMMUTABLE = RawHeader.create("Cache-Control", "public, max-age=31536000, immutable");
  private static final HttpHeader NO_STORE = RawHeader.create("Cache-Control", "no-store");

  private final ApiKeys keys;
  private final DashboardSessions sessions;
  private final DashboardSettings settings;
  private final RateLimits limits;
  private final Executor blocking;

  public DashboardRoutes(ApiKeys keys, DashboardSessions sessions, DashboardSettings settings, RateLimits limits,
      Executor blocking) {
    this.blocking = blocking;
    this.keys = keys;
    this.sessions = sessions;
    this.settings = settings;
    this.limits = limits;
  }

  public Route route() {
    return Directives.pathPrefix("dashboard", () -> Directives.respondWithHeaders(PAGE_HEADERS, () ->
        Directives.concat(
            Directives.pathEnd(() -> Directives.get(() -> Directives.extractUri(uri ->
                Directives.redirect(uri.path(uri.path() + "/"), StatusCodes.PERMANENT_REDIRECT)))),
            Directives.path("session", () -> Directives.respondWithHeader(NO_STORE, () -> Directives.concat(
                Directives.post(this::signIn),
                Directives.get(this::whoAmI),
                Directives.delete(this::signOut)))),
            Directives.pathPrefix(PathMatchers.segment("vendor").slash("uplot"), () -> Directives.get(() ->
                Directives.respondWithHeader(IMMUTABLE, () -> Directives.getFromResourceDirectory(UPLOT)))),
            Directives.get(() -> Directives.respondWithHeader(REVALIDATE, () -> Directives.concat(
                Directives.pathSingleSlash(() -> Directives.getFromResource("dashboard/index.html")),
                Directives.getFromResourceDirectory("dashboard")))))));
  }

  private Route signIn() {
    return Directives.extractRequest(request -> {
      Optional<HttpResponse> forged = DashboardCaller.csrfRefusal(request);
      if (forged.isPresent()) return Directives.complete(forged.get());
      // The key signing in is in the body: nobody is authenticated while it is read.
      return ApiDirectives.jsonBodyBeforeAuthentication(MAX_BODY, json -> signIn(request, json));
    });
  }

  private Route signIn(HttpRequest request, JsonNode json) {
    JsonNode key = json.path("key");
    if (!key.isTextual() || key.asText().isBlank()) {
      return Directives.complete(Problems.badRequest("invalid_body", "send {\"key\": \"<a secret API key>\"}"));
    }
    String presented = key.asText().strip();
    Optional<Caller> caller = keys.secretCallerOf(presented);
    if (caller.isEmpty()) {
      return Directives.complete(Problems.unauthorized("the key is not a secret API key of this node"
          + " (publishable keys and user tokens cannot sign in)"));
    }
    if (!caller.get().may(Role.READ)) return Directives.complete(GuardedRoutes.forbidden(Role.READ));
    String name = ApiKeys.nameOf(presented);
    return ApiDirectives.withinRate(limits, caller.get().tenant(), name, () -> {
      DashboardSessions.Issued issued = sessions.issue(caller.get().tenant(), name);
      HttpHeader cookie = RawHeader.create("Set-Cookie", cookie(issued.token(), sessions.ttl().toSeconds(),
          secure(request)));
      return Directives.respondWithHeader(cookie, () -> Directives.complete(Json.ok(
          who(caller.get(), issued.expiresAt().toString()))));
    });
  }

  private Route whoAmI() {
    return Directives.extractRequest(request -> {
      Optional<DashboardSessions.Session> session =
          DashboardCaller.sessionCookie(request).flatMap(sessions::verify);
      Optional<Caller> caller = session.flatMap(s -> keys.secretCallerNamed(s.tenant(), s.keyName()));
      // 200 either way: the page asks this on every load, and a 401 would be an error in the browser's console.
      if (caller.isEmpty()) return Directives.complete(Json.ok(Map.of("signedIn", false)));
      return Directives.complete(Json.ok(who(caller.get(), session.get().expiresAt().toString())));
    });
  }

  /** Clears the cookie and revokes its session, so a copy of the cookie stops working too. */
  private Route signOut() {
    return Directives.extractRequest(request -> {
      Optional<HttpResponse> forged = DashboardCaller.csrfRefusal(request);
      if (forged.isPresent()) return Directives.complete(forged.get());
      HttpHeader expired = RawHeader.create("Set-Cookie", cookie("", 0, secure(request)));
      Optional<DashboardSessions.Session> session =
          DashboardCaller.sessionCookie(request).flatMap(sessions::verify);
      CompletableFuture<HttpResponse> revoked = CompletableFuture.supplyAsync(() -> {
        try {
          if (session.isPresent()) sessions.revoke(session.get());
          return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      }, blocking);
      // The cookie is cleared even when the revocation fails (then the answer is an error, not 204).
      return Directives.respondWithHeader(expired, () -> ApiDirectives.onResult(revoked, r -> r));
    });
  }

  private static Map<String, Object> who(Caller caller, String expiresAt) {
    List<String> roles = new ArrayList<>();
    for (Role role : Role.values()) if (caller.may(role)) roles.add(role.label());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("signedIn", true);
    m.put("tenant", caller.tenant());
    m.put("roles", roles);
    m.put("expiresAt", expiresAt);
    return m;
  }

  /** {@code Secure} as configured; {@code auto}: when the request came over TLS, directly or through a proxy. */
  private boolean secure(HttpRequest request) {
    return switch (settings.secureCookie()) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> "https".equals(request.getUri().scheme())
          || request.getHeader("X-Forwarded-Proto").map(h -> h.value().strip().equalsIgnoreCase("https"))
              .orElse(false);
    };
  }

  static String cookie(String token, long maxAgeSeconds, boolean secure) {
    return DashboardSessions.COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds
        + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }
}
