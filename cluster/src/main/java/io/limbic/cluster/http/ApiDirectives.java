package io.limbic.cluster.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/** Directives every API route shares: who is calling, and a size-limited JSON body. */
public final class ApiDirectives {
  private static final String BEARER = "Bearer ";

  private ApiDirectives() {}

  /**
   * Resolves the caller (tenant and roles) from {@code Authorization: Bearer <key>}, or (a JWT that is no key) the
   * tenant and user of a user token ({@link UserTokens}), or, with no Authorization header, the dashboard's session
   * cookie ({@link DashboardCaller}), or answers 401 saying why. Two
   * Authorization headers are a 400: which one a proxy or a server reads differs, so neither is trusted. A caller
   * over its tenant's or its key's rate ({@code limits}) gets 429 ({@link #withinRate}).
   */
  public static Route caller(ApiKeys keys, RateLimits limits, Function<Caller, Route> inner) {
    return Directives.extractRequest(
        request -> {
          long count = 0;
          for (var h : request.getHeaders()) if (h.is("authorization")) count++;
          if (count > 1) {
            return Directives.complete(
                Problems.badRequest("duplicate_header", "send exactly one Authorization header"));
          }
          Optional<String> authorization = request.getHeader("Authorization").map(h -> h.value());
          // The dashboard's pages send no key: their session cookie names one (README "Dashboard").
          Optional<String> session = DashboardCaller.sessionCookie(request);
          if (authorization.isEmpty() && session.isPresent()) {
            return DashboardCaller.resolve(keys, limits, request, session.get(), inner);
          }
          return callerOf(keys, limits, authorization, request.getHeader("Origin").map(h -> h.value()), inner);
        });
  }

  /**
   * Whether the request's credential (its key or user token, or the dashboard session of its cookie) still
   * authenticates {@code caller}'s tenant with at least its roles: a long-lived response (the emotion stream) asks
   * again as it goes, so a revoked or rotated-out key, an expired token or an expired session ends it.
   */
  static boolean stillAuthenticated(ApiKeys keys, org.apache.pekko.http.javadsl.model.HttpRequest request,
      Caller caller) {
    Optional<String> authorization = request.getHeader("Authorization").map(h -> h.value());
    Optional<String> session = DashboardCaller.sessionCookie(request);
    Optional<Caller> now = authorization.isEmpty() && session.isPresent()
        ? DashboardCaller.callerOf(keys, session.get())
        : bearerKey(authorization).flatMap(key -> keys.authenticate(key).caller());
    return sameCaller(now, caller);
  }

  /**
   * Whether the credential {@code checked} (a key or user token, as a WebSocket presents it) still authenticates
   * {@code caller}; a user token's signature, verified when it opened, is not verified again.
   */
  static boolean stillAuthenticated(ApiKeys.Checked checked, Caller caller) {
    return sameCaller(checked.again().caller(), caller);
  }

  private static boolean sameCaller(Optional<Caller> now, Caller caller) {
    return now.filter(c -> c.tenant().equals(caller.tenant()) && c.roles().containsAll(caller.roles())
        && c.user().equals(caller.user())).isPresent();
  }

  private static Route callerOf(
      ApiKeys keys, RateLimits limits, Optional<String> header, Optional<String> origin,
      Function<Caller, Route> inner) {
    Optional<String> key = bearerKey(header);
    if (key.isPresent()) {
      Optional<PublishableKeys.Grant> grant = keys.publishable().find(key.get());
      if (grant.isPresent() && !grant.get().allows(origin)) return Directives.complete(originRefused());
    }
    if (header.isEmpty()) return Directives.complete(Problems.unauthorized("send Authorization: Bearer <api key>"));
    if (key.isEmpty()) return Directives.complete(Problems.unauthorized(ApiKeys.KEY_REFUSED));
    ApiKeys.Authentication authentication = keys.authenticate(key.get());
    if (authentication.caller().isPresent()) {
      Caller caller = authentication.caller().get();
      return withinRate(limits, caller.tenant(), budgetName(caller, key.get()), () -> inner.apply(caller));
    }
    return Directives.complete(Problems.unauthorized(authentication.refusal()));
  }

  /**
   * The name a caller's key budget is kept under: a user token's is its tenant and user ({@code user:<tenant>:<user>};
   * tokens are reissued, the user stays, and two tenants' users of one id are two budgets), a key's is
   * {@link ApiKeys#nameOf} (never the key itself).
   */
  static String budgetName(Caller caller, String presentedKey) {
    return caller.user().map(user -> "user:" + caller.tenant() + ":" + user)
        .orElseGet(() -> ApiKeys.nameOf(presentedKey));
  }

  /** Runs {@code inner} when {@code limits} let this request of {@code tenant} and {@code key} through, else 429. */
  public static Route withinRate(RateLimits limits, String tenant, String key, Supplier<Route> inner) {
    Optional<Duration> wait = limits.refusal(tenant, key);
    if (wait.isEmpty()) return inner.get();
    int seconds = retryAfterSeconds(wait.get());
    return Directives.complete(Problems.tooManyRequests("rate_limited",
        "this tenant or key sent more requests than its rate limit allows; retry after " + seconds + " s", seconds));
  }

  /** {@code Retry-After} for a wait: whole seconds, rounded up, at least 1 (a retry sooner would be refused). */
  static int retryAfterSeconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
  }

  /** A publishable key sent from a page its tenant did not list. */
  static org.apache.pekko.http.javadsl.model.HttpResponse originRefused() {
    return Problems.response(io.limbic.protocol.http.Problem.of(403, "origin_not_allowed", "Forbidden",
        "this publishable key may not be used from this page's origin"));
  }

  /** The key of an {@code Authorization: Bearer <key>} header, if that is what the header holds. */
  public static Optional<String> bearerKey(Optional<String> authorization) {
    return authorization
        .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(h -> h.substring(BEARER.length()).trim());
  }

  /**
   * Reads the body as JSON, at most {@code maxBytes} (413 beyond, see {@link BoundedBody}). Malformed JSON is a 400
   * that names the first problem and its position.
   */
  public static Route jsonBody(long maxBytes, Function<JsonNode, Route> inner) {
    return BoundedBody.read(maxBytes, bytes -> parsed(bytes, inner));
  }

  /** {@link #jsonBody} for a route whose credential is in the body ({@link BoundedBody#readBeforeAuthentication}). */
  public static Route jsonBodyBeforeAuthentication(long maxBytes, Function<JsonNode, Route> inner) {
    return BoundedBody.readBeforeAuthentication(maxBytes, bytes -> parsed(bytes, inner));
  }

  private static Route parsed(ByteString bytes, Function<JsonNode, Route> inner) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(bytes.toArray());
    } catch (JsonProcessingException e) {
      return Directives.complete(Problems.badRequest("malformed_json", "the body is not valid JSON: " + describe(e)));
    } catch (IOException e) {
      return Directives.complete(Problems.badRequest("malformed_json", "the body could not be read"));
    }
    if (json == null || json.isMissingNode()) {
      return Directives.complete(Problems.badRequest("empty_body", "a JSON body is required"));
    }
    return inner.apply(json);
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int noise = message.indexOf(" (start marker at");
    if (noise > 0) message = message.substring(0, noise);
    if (e.getLocation() == null) return message;
    return message + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  /** Completes with the value's response, or maps the failure (timeouts to 503) through {@link Problems}. */
  public static <T> Route onResult(
      CompletionStage<T> result, Function<T, org.apache.pekko.http.javadsl.model.HttpResponse> render) {
    return Directives.onComplete(
        result,
        attempt ->
            attempt.isSuccess()
                ? Directives.complete(render.apply(attempt.get()))
                : Directives.complete(Problems.forFailure(attempt.failed().get())));
  }
}
