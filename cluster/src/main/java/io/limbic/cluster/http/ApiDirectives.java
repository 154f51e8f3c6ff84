package io.limbic.cluster.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.util.ByteString;

/** Directives every API route shares: who is calling, and a size-limited JSON body. */
public final class ApiDirectives {
  private static final String BEARER = "Bearer ";

  private ApiDirectives() {}

  /** Resolves the caller's tenant; see {@link #caller}. Roles are not checked here. */
  public static Route authenticated(ApiKeys keys, Function<String, Route> inner) {
    return caller(keys, c -> inner.apply(c.tenant()));
  }

  /**
   * Resolves the caller (tenant and roles) from {@code Authorization: Bearer <key>}, or (a JWT that is no key) the
   * tenant and user of a user token ({@link UserTokens}), or answers 401 saying why. Two
   * Authorization headers are a 400: which one a proxy or a server reads differs, so neither is trusted.
   */
  public static Route caller(ApiKeys keys, Function<Caller, Route> inner) {
    return Directives.extractRequest(
        request -> {
          long count = 0;
          for (var h : request.getHeaders()) if (h.is("authorization")) count++;
          if (count > 1) {
            return Directives.complete(
                Problems.badRequest("duplicate_header", "send exactly one Authorization header"));
          }
          return callerOf(keys, request.getHeader("Authorization").map(h -> h.value()),
              request.getHeader("Origin").map(h -> h.value()), inner);
        });
  }

  private static Route callerOf(
      ApiKeys keys, Optional<String> header, Optional<String> origin, Function<Caller, Route> inner) {
    Optional<String> key = bearerKey(header);
    if (key.isPresent()) {
      Optional<PublishableKeys.Grant> grant = keys.publishable().find(key.get());
      if (grant.isPresent() && !grant.get().allows(origin)) return Directives.complete(originRefused());
    }
    Optional<Caller> caller = key.flatMap(keys::callerOf);
    if (caller.isPresent()) return inner.apply(caller.get());
    String detail = header.isEmpty() ? "send Authorization: Bearer <api key>"
        : key.map(keys::refusal).orElse("the API key is not valid");
    return Directives.complete(Problems.unauthorized(detail));
  }

  /** Runs {@code inner} when {@code limits} let this request of {@code tenant} and {@code key} through, else 429. */
  public static Route withinRate(RateLimits limits, String tenant, String key, Supplier<Route> inner) {
    Optional<Duration> wait = limits.refusal(tenant, key);
    if (wait.isEmpty()) return inner.get();
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (wait.get().toMillis() + 999) / 1000));
    return Directives.complete(Problems.tooManyRequests("rate_limited",
        "this tenant or key sent more requests than its rate limit allows; retry after " + seconds + " s", seconds));
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
   * Reads the body as JSON, at most {@code maxBytes} (413 beyond). Malformed JSON is a 400 that names the first
   * problem and its position.
   */
  public static Route jsonBody(long maxBytes, Function<JsonNode, Route> inner) {
    return Directives.extractRequestEntity(
        entity -> {
          OptionalLong declared = entity.getContentLengthOption();
          if (declared.isPresent() && declared.getAsLong() > maxBytes) return discardAndRefuse(entity, maxBytes);
          return Directives.withSizeLimit(
              maxBytes, () -> Directives.entity(Unmarshaller.entityToByteString(), bytes -> parsed(bytes, inner)));
        });
  }

  /**
   * Reads and drops a body declared too large before answering 413: a client still sending would otherwise see a
   * reset connection instead of the answer. The server's max-content-length bounds what is read.
   */
  private static Route discardAndRefuse(HttpEntity entity, long maxBytes) {
    return Directives.extractMaterializer(
        materializer ->
            Directives.onComplete(
                entity.discardBytes(materializer).completionStage(),
                done -> Directives.complete(Problems.tooLarge("the body exceeds the limit of " + maxBytes + " bytes"))));
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
