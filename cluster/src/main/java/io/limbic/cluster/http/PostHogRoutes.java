package io.limbic.cluster.http;

import io.limbic.cluster.health.DatabaseGate;
import io.limbic.cluster.health.DatabaseHealth;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.session.TelemetryBatch;
import io.limbic.protocol.Ids;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * PostHog's capture API, so posthog-node and posthog-js work with only their {@code host} changed:
 * {@code POST /batch/}, {@code /e/}, {@code /i/v0/e/}, {@code /capture/} (trailing slash optional), authenticated by
 * the body's {@code api_key} / {@code properties.token}, a {@link PublishableKeys publishable key}. Events go
 * through the same code as {@code /v1/identify} and {@code /v1/events} ({@link PostHogEvents}). Status codes follow
 * what the SDKs retry: 400 and 401 are final, 413 makes posthog-node halve its batch, 429 and 503 are retried (safe,
 * since the event's uuid deduplicates; a key or tenant over its rate limit gets 429 too, and while the database is
 * unreachable a 503 {@code database_unavailable} comes at once, as on {@code /v1}). {@code /flags} and
 * {@code /decide} answer that no flag is set.
 */
public final class PostHogRoutes {
  private static final long MAX_BODY = 1024 * 1024;

  private final Supplier<PublishableKeys> keys;
  private final CaptureBatches batches;
  private final SessionRoutes sessions;
  private final Clock clock;
  private final RateLimits limits;
  private final DatabaseHealth health;

  public PostHogRoutes(Supplier<PublishableKeys> keys, IdentityRoutes identity, ProductEventRoutes productEvents,
      SessionRoutes sessions, Clock clock, RateLimits limits, DatabaseHealth health) {
    this.keys = keys;
    this.health = health;
    this.limits = limits;
    this.batches = new CaptureBatches(identity, productEvents);
    this.sessions = sessions;
    this.clock = clock;
  }

  public Route route() {
    return Directives.concat(
        Directives.pathPrefix("batch", this::captureEnd),
        Directives.pathPrefix("e", this::captureEnd),
        Directives.pathPrefix("capture", this::captureEnd),
        Directives.pathPrefix(PathMatchers.segment("i").slash("v0").slash("e"), this::captureEnd),
        Directives.pathPrefix("flags", this::flagsEnd),
        Directives.pathPrefix("decide", this::flagsEnd),
        Directives.path(PathMatchers.segment("array").slash(PathMatchers.segment()).slash("config"),
            token -> Directives.get(() -> Directives.complete(Json.ok(remoteConfig(token))))));
  }

  /**
   * posthog-js's remote configuration ({@code GET /array/{token}/config}): nothing on, whatever the token, except
   * that the project does not opt out of autocapture. posthog-js starts autocapture (its clicks and its
   * {@code $rageclick}) only once a remote configuration says {@code autocapture_opt_out: false}; without it the
   * clicks the session's detectors need never leave the page. The page's own {@code autocapture} setting still
   * decides.
   */
  static Map<String, Object> remoteConfig(String token) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token", token);
    out.put("supportedCompression", List.of("gzip", "gzip-js"));
    out.put("autocapture_opt_out", false);
    out.put("hasFeatureFlags", false);
    out.put("sessionRecording", false);
    out.put("heatmaps", false);
    out.put("surveys", false);
    out.put("siteApps", List.of());
    return out;
  }

  private Route captureEnd() {
    return Directives.pathEndOrSingleSlash(() -> Directives.post(() -> Correlation.trace(this::captured)));
  }

  private Route flagsEnd() {
    return Directives.pathEndOrSingleSlash(() -> Directives.concat(
        Directives.post(() -> Directives.complete(Json.ok(noFlags()))),
        Directives.get(() -> Directives.complete(Json.ok(noFlags())))));
  }

  /** No flags are ever on; the SDKs then take every flag's default. Autocapture is not opted out (as above). */
  static Map<String, Object> noFlags() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("autocapture_opt_out", false);
    out.put("flags", Map.of());
    out.put("featureFlags", Map.of());
    out.put("featureFlagPayloads", Map.of());
    out.put("errorsWhileComputingFlags", false);
    out.put("quotaLimited", List.of());
    out.put("sessionRecording", false);
    out.put("supportedCompression", List.of("gzip", "gzip-js"));
    return out;
  }

  private Route captured(Trace trace) {
    return Directives.parameterOptional("compression", compression ->
        Directives.extractRequest(request -> {
          Optional<String> origin = request.getHeader("Origin").map(HttpHeader::value);
          Optional<String> type = Optional.of(request.entity().getContentType().mediaType().toString());
          // The api_key is in the body: nobody is authenticated while it is read (README "Request limits").
          return BoundedBody.readBeforeAuthentication(MAX_BODY, bytes -> {
            Validated<JsonNode> body = PostHogPayload.decode(bytes.toArray(), type, compression, MAX_BODY);
            if (body instanceof Validated.Invalid<JsonNode> bad) {
              return Directives.complete(bad.code().equals(PostHogPayload.TOO_LARGE)
                  ? Problems.tooLarge(bad.message()) : Problems.badRequest(bad.code(), bad.message()));
            }
            return ingest(body.get(), origin, trace);
          });
        }));
  }

  private Route ingest(JsonNode body, Optional<String> origin, Trace trace) {
    List<JsonNode> events = PostHogEvents.events(body);
    Optional<String> projectKey = PostHogEvents.projectKey(body, events);
    Optional<PublishableKeys.Grant> grant = projectKey.flatMap(keys.get()::find);
    if (grant.isEmpty()) {
      return Directives.complete(Problems.unauthorized("api_key must be a publishable key of this node"));
    }
    if (!grant.get().allows(origin)) return Directives.complete(ApiDirectives.originRefused());
    // As on /v1: while the database is lost, 503 database_unavailable at once (the SDKs retry a 503).
    return ApiDirectives.withinRate(limits, grant.get().tenant(), ApiKeys.nameOf(projectKey.get()),
        () -> DatabaseGate.around(health, () -> granted(grant.get().tenant(), events, trace)));
  }

  private Route granted(String tenant, List<JsonNode> events, Trace trace) {
    if (events.isEmpty()) return Directives.complete(Problems.badRequest("invalid_body", "no events in the body"));
    if (events.size() > ProductEventRoutes.MAX_EVENTS) {
      return Directives.complete(Problems.tooLarge("at most " + ProductEventRoutes.MAX_EVENTS + " events per request"));
    }
    PostHogEvents.Translated translated = PostHogEvents.translate(events, clock.instant());
    return ApiDirectives.onResult(send(tenant, translated, trace), r -> r);
  }

  /** Identifies first, so the events that follow in the same batch find the user linked. */
  private CompletionStage<HttpResponse> send(String tenant, PostHogEvents.Translated translated, Trace trace) {
    List<BatchItemError> errors = Collections.synchronizedList(new ArrayList<>());
    List<CaptureBatches.Identify> identifies = translated.identifies().stream()
        .map(i -> new CaptureBatches.Identify(i.index(), i.body())).toList();
    CompletableFuture<Integer> samples = batches.identify(tenant, identifies, "", errors, trace)
        .thenCompose(done -> telemetry(tenant, translated, errors, trace))
        .thenCompose(accepted -> report(tenant, translated, errors, trace).thenApply(reported -> accepted));
    return samples.thenCompose(accepted -> batches.record(tenant, translated.productEvents(), trace)
        .thenApply(result -> answer(translated, identifies, result, errors, accepted)));
  }

  /** Sends each session its samples, as {@code POST /v1/sessions/{id}/telemetry} would; the samples accepted. */
  private CompletableFuture<Integer> telemetry(
      String tenant, PostHogEvents.Translated translated, List<BatchItemError> errors, Trace trace) {
    CompletableFuture<Integer> accepted = CompletableFuture.completedFuture(0);
    for (PostHogEvents.SessionSamples each : translated.telemetry()) {
      Validated<TelemetryBatch> batch = Ids.isValid(each.sessionId())
          ? TelemetryBatch.parse(Json.MAPPER.createObjectNode().set("samples", each.samples()), SessionRoutes.MAX_SAMPLES)
          : Validated.invalid("invalid_id", "$session_id must be " + Ids.describeRule());
      if (batch instanceof Validated.Invalid<TelemetryBatch> bad) {
        for (int index : each.indices()) errors.add(new BatchItemError(index, bad.code(), bad.message()));
        continue;
      }
      accepted = accepted.thenCompose(sum ->
          sessions.ingest(sessions.session(tenant, each.sessionId()), batch.get(), trace).handle((result, failure) -> {
            if (failure != null) {
              // An erased person's session refuses its own items; the rest of the batch goes on.
              if (!Problems.isErased(failure)) throw new java.util.concurrent.CompletionException(failure);
              erased(each.indices(), errors);
              return sum;
            }
            for (BatchItemError e : result.errors()) {
              errors.add(new BatchItemError(each.indices().get(e.index()), e.code(), e.message()));
            }
            return sum + result.accepted();
          }));
    }
    return accepted;
  }

  /** A {@code user_erased} error for each of {@code indices} that has no error yet. */
  private static void erased(List<Integer> indices, List<BatchItemError> errors) {
    synchronized (errors) {
      for (int index : indices) {
        if (errors.stream().noneMatch(e -> e.index() == index)) {
          errors.add(new BatchItemError(index, io.limbic.protocol.user.UserCommand.ERASED,
              "the session's person was erased; it takes no more data"));
        }
      }
    }
  }

  /**
   * After the telemetry, so a summary in the same batch as its clicks finds the session's own signal. A session id
   * that is not valid takes no reports (the events are product events all the same).
   */
  private CompletableFuture<Integer> report(
      String tenant, PostHogEvents.Translated translated, List<BatchItemError> errors, Trace trace) {
    CompletableFuture<Integer> recorded = CompletableFuture.completedFuture(0);
    for (PostHogEvents.SessionReports each : translated.reports()) {
      if (!Ids.isValid(each.sessionId())) continue;
      recorded = recorded.thenCompose(sum ->
          sessions.report(sessions.session(tenant, each.sessionId()), each.reports(), trace).handle((n, failure) -> {
            if (failure == null) return sum + n;
            if (!Problems.isErased(failure)) throw new java.util.concurrent.CompletionException(failure);
            erased(each.indices(), errors);
            return sum;
          }));
    }
    return recorded;
  }

  private static HttpResponse answer(PostHogEvents.Translated translated, List<CaptureBatches.Identify> identifies,
      ProductEventRoutes.EventsResult result, List<BatchItemError> earlier, int samples) {
    List<BatchItemError> errors = CaptureBatches.errors(earlier, result, translated.productIndices());
    boolean onlyEvents = identifies.isEmpty() && translated.telemetry().isEmpty();
    Optional<HttpResponse> refusal =
        CaptureBatches.refusal(errors, result, onlyEvents, "(the events' uuids deduplicate)");
    if (refusal.isPresent()) return refusal.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", 1);
    body.put("accepted", CaptureBatches.identified(identifies, earlier) + samples + result.accepted());
    body.put("duplicates", result.duplicates());
    body.put("rejected", errors.size());
    body.put("errors", errors);
    return Json.ok(body);
  }
}
