package io.limbic.cluster.http;

import io.limbic.cluster.health.DatabaseGate;
import io.limbic.cluster.health.DatabaseHealth;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.trace.Trace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Segment's HTTP tracking API under {@code /segment}, so the Segment SDKs work with only their host and path
 * changed: {@code POST /segment/v1/batch} and one route per call type ({@code /segment/v1/track}, {@code identify},
 * {@code page}, {@code screen}, {@code group}, {@code alias}). The write key ({@code Authorization: Basic}, else the
 * body's {@code writeKey}) is a {@link PublishableKeys publishable key}. Calls go through the same code as
 * {@code /v1/identify} and {@code /v1/events} ({@link SegmentCalls}). Status codes follow what analytics-node
 * retries: 400, 401, 403 and 413 are final; 429 (with Retry-After) and 503 are retried, which is safe since the
 * messageId deduplicates.
 */
public final class SegmentTrackingRoutes {
  private final Supplier<PublishableKeys> keys;
  private final CaptureBatches batches;
  private final RateLimits limits;
  private final Clock clock;
  private final DatabaseHealth health;

  public SegmentTrackingRoutes(Supplier<PublishableKeys> keys, IdentityRoutes identity,
      ProductEventRoutes productEvents, RateLimits limits, Clock clock, DatabaseHealth health) {
    this.keys = keys;
    this.health = health;
    this.batches = new CaptureBatches(identity, productEvents);
    this.limits = limits;
    this.clock = clock;
  }

  public Route route() {
    return Directives.pathPrefix(PathMatchers.segment("segment").slash("v1"), () -> Directives.concat(
        call("batch", Optional.empty()),
        call("track", Optional.of("track")),
        call("identify", Optional.of("identify")),
        call("page", Optional.of("page")),
        call("screen", Optional.of("screen")),
        call("group", Optional.of("group")),
        call("alias", Optional.of("alias"))));
  }

  private Route call(String name, Optional<String> type) {
    return Directives.pathPrefix(name, () -> Directives.pathEndOrSingleSlash(() -> Directives.post(() ->
        Correlation.trace(trace -> Directives.extractRequest(request -> {
          Optional<String> origin = request.getHeader("Origin").map(HttpHeader::value);
          Optional<String> authorization = request.getHeader("Authorization").map(HttpHeader::value);
          Optional<String> basic = authorization.flatMap(SegmentWriteKey::basicUser);
          if (basic.isPresent() && keys.get().find(basic.get()).isEmpty()) return unauthorized();
          // A write key in the Basic header is known before the body; one in the body (writeKey) is not.
          Function<JsonNode, Route> inner = body -> authorized(body, type, authorization, origin, trace);
          return basic.isPresent()
              ? ApiDirectives.jsonBody(SegmentCalls.MAX_BATCH_BYTES, inner)
              : ApiDirectives.jsonBodyBeforeAuthentication(SegmentCalls.MAX_BATCH_BYTES, inner);
        })))));
  }

  private Route authorized(JsonNode body, Optional<String> type, Optional<String> authorization,
      Optional<String> origin, Trace trace) {
    Optional<String> writeKey = SegmentWriteKey.presented(authorization, body);
    Optional<PublishableKeys.Grant> grant = writeKey.flatMap(keys.get()::find);
    if (grant.isEmpty()) return unauthorized();
    if (!grant.get().allows(origin)) return Directives.complete(ApiDirectives.originRefused());
    String tenant = grant.get().tenant();
    // As on /v1: while the database is lost, 503 database_unavailable at once (analytics-node retries a 503).
    return ApiDirectives.withinRate(limits, tenant, ApiKeys.nameOf(writeKey.get()),
        () -> DatabaseGate.around(health, () -> ingest(tenant, body, type, trace)));
  }

  private static Route unauthorized() {
    return Directives.complete(Problems.unauthorized(
        "send the write key (a publishable key of this node) as Basic auth user name or as writeKey"));
  }

  private Route ingest(String tenant, JsonNode body, Optional<String> type, Trace trace) {
    Validated<List<JsonNode>> calls = SegmentCalls.calls(body, type);
    if (calls instanceof Validated.Invalid<List<JsonNode>> bad) {
      return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
    }
    if (calls.get().size() > ProductEventRoutes.MAX_EVENTS) {
      return Directives.complete(Problems.tooLarge("at most " + ProductEventRoutes.MAX_EVENTS + " calls per batch"));
    }
    SegmentCalls.Translated translated = SegmentCalls.translate(calls.get(), clock.instant());
    return ApiDirectives.onResult(send(tenant, translated, trace), r -> r);
  }

  /** Identifies and aliases first, in order, so the events that follow in the same batch find the user linked. */
  private CompletionStage<HttpResponse> send(String tenant, SegmentCalls.Translated translated, Trace trace) {
    List<BatchItemError> errors = Collections.synchronizedList(new ArrayList<>(translated.refused()));
    List<CaptureBatches.Identify> links = translated.links().stream()
        .map(l -> new CaptureBatches.Identify(l.index(), l.body())).toList();
    return batches.identify(tenant, links, ": the anonymous id is linked to another user", errors, trace)
        .thenCompose(done -> batches.record(tenant, translated.productEvents(), trace))
        .thenApply(result -> answer(translated, links, result, errors));
  }

  private static HttpResponse answer(SegmentCalls.Translated translated, List<CaptureBatches.Identify> links,
      ProductEventRoutes.EventsResult result, List<BatchItemError> earlier) {
    List<BatchItemError> errors = CaptureBatches.errors(earlier, result, translated.productIndices());
    boolean onlyEvents = links.isEmpty() && translated.refused().isEmpty();
    Optional<HttpResponse> refusal =
        CaptureBatches.refusal(errors, result, onlyEvents, "(the messageIds deduplicate)");
    if (refusal.isPresent()) return refusal.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("accepted", CaptureBatches.identified(links, earlier) + result.accepted());
    body.put("duplicates", result.duplicates());
    body.put("rejected", errors.size());
    body.put("errors", errors);
    return Json.ok(body);
  }
}
