package io.limbic.cluster.http;

import io.limbic.protocol.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.http.BatchResult;
import io.limbic.protocol.http.HeartbeatInput;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.user.HeartbeatAck;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.RecordHeartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /v1/heartbeat}, {@code POST /v1/heartbeats} (a batch) and {@code POST /v1/heartbeat/validate}, which
 * parses and authenticates like the real thing but touches no entity: the baseline of the benchmark.
 */
public final class HeartbeatRoutes {
  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final Clock clock;

  public HeartbeatRoutes(ClusterSharding sharding, HttpSettings settings, Clock clock) {
    this.sharding = sharding;
    this.settings = settings;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.concat(
        recording(tenant, null),
        Directives.path(
            PathMatchers.segment("heartbeat").slash("validate"),
            () -> Directives.post(() -> ApiDirectives.jsonBody(settings.maxHeartbeatBody(), this::validateOnly))));
  }

  /** For a user token: its own user's heartbeats only (another user's: 403 {@code user_mismatch}). */
  public Route routesFor(Caller caller) {
    return recording(caller.tenant(), caller.user().orElseThrow());
  }

  /** {@code owner}: the only user whose heartbeats may be recorded, or null for any of the tenant's. */
  private Route recording(String tenant, String owner) {
    return Directives.concat(
        Directives.path(
            "heartbeat",
            () ->
                Directives.post(
                    () ->
                        Correlation.trace(
                            trace ->
                                ApiDirectives.jsonBody(
                                    settings.maxHeartbeatBody(), json -> one(tenant, owner, json, trace))))),
        Directives.path(
            "heartbeats",
            () ->
                Directives.post(
                    () ->
                        Correlation.trace(
                            trace ->
                                ApiDirectives.jsonBody(
                                    settings.maxBatchBody(), json -> batch(tenant, owner, json, trace))))));
  }

  private Route one(String tenant, String owner, JsonNode json, Trace trace) {
    Validated<HeartbeatInput> input = HeartbeatInput.parse(json, clock.instant());
    if (input instanceof Validated.Invalid<HeartbeatInput> bad) {
      return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
    }
    if (owner != null && !owner.equals(input.get().userId())) return Directives.complete(UserScope.otherUser());
    return ApiDirectives.onResult(record(tenant, input.get(), trace), Json::ok);
  }

  private Route validateOnly(JsonNode json) {
    Validated<HeartbeatInput> input = HeartbeatInput.parse(json, clock.instant());
    if (input instanceof Validated.Invalid<HeartbeatInput> bad) {
      return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
    }
    return Directives.complete(Json.ok(Map.of("valid", true, "userId", input.get().userId())));
  }

  private Route batch(String tenant, String owner, JsonNode json, Trace trace) {
    JsonNode items = json.isObject() ? json.get("heartbeats") : null;
    if (items == null || !items.isArray()) {
      return Directives.complete(
          Problems.badRequest("invalid_body", "the body must be {\"heartbeats\": [ ... ]}"));
    }
    if (items.size() > settings.maxBatchItems()) {
      return Directives.complete(
          Problems.tooLarge("a batch holds at most " + settings.maxBatchItems() + " heartbeats, got " + items.size()));
    }
    Instant now = clock.instant();
    List<BatchItemError> errors = new ArrayList<>();
    List<CompletableFuture<BatchItemError>> applied = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Validated<HeartbeatInput> input = HeartbeatInput.parse(items.get(i), now);
      if (input instanceof Validated.Invalid<HeartbeatInput> bad) {
        errors.add(new BatchItemError(i, bad.code(), bad.message()));
      } else if (owner != null && !owner.equals(input.get().userId())) {
        errors.add(new BatchItemError(i, "user_mismatch", "a user token sends only its own user's heartbeats"));
      } else {
        applied.add(outcome(i, record(tenant, input.get(), trace)));
      }
    }
    CompletableFuture<BatchResult> result =
        CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new))
            .thenApply(done -> summarize(items.size(), errors, applied));
    return ApiDirectives.onResult(result, HeartbeatRoutes::answer);
  }

  /** Every heartbeat of the batch failed because its entity did not answer: a 503, retryable, not a 200. */
  private static org.apache.pekko.http.javadsl.model.HttpResponse answer(BatchResult result) {
    if (result.accepted() == 0 && ProductEventRoutes.allUnavailable(result.errors())) {
      return Problems.unavailable("no user's entity answered in time; nothing of this batch was acknowledged");
    }
    return Json.ok(result);
  }

  private static CompletableFuture<BatchItemError> outcome(int index, CompletionStage<HeartbeatAck> ack) {
    return ack.handle(
            (ok, failure) ->
                failure == null
                    ? null
                    : new BatchItemError(index, ProductEventRoutes.UNAVAILABLE, "the user's entity did not answer in time; retry"))
        .toCompletableFuture();
  }

  private static BatchResult summarize(
      int total, List<BatchItemError> invalid, List<CompletableFuture<BatchItemError>> applied) {
    List<BatchItemError> errors = new ArrayList<>(invalid);
    applied.stream().map(CompletableFuture::join).filter(e -> e != null).forEach(errors::add);
    errors.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return new BatchResult(total - errors.size(), errors.size(), errors);
  }

  private CompletionStage<HeartbeatAck> record(String tenant, HeartbeatInput input, Trace trace) {
    String entityId = new TenantScopedId(tenant, input.userId()).entityId();
    Duration timeout = settings.askTimeout();
    return sharding
        .entityRefFor(UserCommand.ENTITY_TYPE, entityId)
        .askWithStatus(
            replyTo -> new RecordHeartbeat(input.at(), input.sessionId().orElse(null), trace, replyTo), timeout);
  }
}
