package io.limbic.cluster.http;

import io.limbic.protocol.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.http.ProductEventInput;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.user.ProductEventsResult.Refused;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.visitor.VisitorCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /v1/events}: product events for users (or anonymous visitors), idempotent by their {@code id} within
 * the user's deduplication window. Each owner's events go to their entity in one command; valid items are applied
 * even when others are rejected. An item refused because a bound is full (an anonymous id's hold, a user's ids per
 * window) is a per-item error; when every item of the request is refused for that reason the answer is 429.
 */
public final class ProductEventRoutes {
  static final int MAX_EVENTS = 1000;
  static final String UNAVAILABLE = "unavailable";
  private static final long MAX_BODY = 1024 * 1024;
  /** A full bound drains on identify (a hold) or as ids leave the window: not within a second or two. */
  static final int FULL_RETRY_AFTER_SECONDS = 60;

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final Clock clock;

  public ProductEventRoutes(ClusterSharding sharding, HttpSettings settings, Clock clock) {
    this.sharding = sharding;
    this.settings = settings;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.path(
        "events",
        () ->
            Directives.post(
                () -> Correlation.trace(trace -> ApiDirectives.jsonBody(MAX_BODY, json -> events(tenant, json, trace)))));
  }

  /** One owner's events and their indices in the request. */
  private record Group(boolean anonymous, String owner, List<ProductEvent> events, List<Integer> indices) {}

  /** What happened to the request: counts and per-item errors. */
  public record EventsResult(int accepted, int rejected, int duplicates, List<BatchItemError> errors) {}

  private Route events(String tenant, JsonNode json, Trace trace) {
    JsonNode items = json.isObject() ? json.get("events") : null;
    if (items == null || !items.isArray()) {
      return Directives.complete(Problems.badRequest("invalid_body", "the body must be {\"events\": [ ... ]}"));
    }
    if (items.size() > MAX_EVENTS) {
      return Directives.complete(
          Problems.tooLarge("at most " + MAX_EVENTS + " events per request, got " + items.size()));
    }
    return ApiDirectives.onResult(record(tenant, items, trace), ProductEventRoutes::answer);
  }

  /**
   * Validates each item of the array and sends each owner's valid events to its entity in one command; the same
   * path for every ingestion API (the PostHog capture routes included), so limits and deduplication agree.
   */
  public CompletableFuture<EventsResult> record(String tenant, JsonNode items, Trace trace) {
    Instant now = clock.instant();
    List<BatchItemError> errors = new ArrayList<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Validated<ProductEventInput> input = ProductEventInput.parse(items.get(i), now);
      if (input instanceof Validated.Invalid<ProductEventInput> bad) {
        errors.add(new BatchItemError(i, bad.code(), bad.message()));
        continue;
      }
      ProductEventInput in = input.get();
      boolean anonymous = in.userId().isEmpty();
      String owner = anonymous ? in.anonymousId().get() : in.userId().get();
      Group group = groups.computeIfAbsent((anonymous ? "a:" : "u:") + owner,
          k -> new Group(anonymous, owner, new ArrayList<>(), new ArrayList<>()));
      group.events().add(in.event());
      group.indices().add(i);
    }
    List<CompletableFuture<Integer>> duplicates = new ArrayList<>();
    for (Group group : groups.values()) duplicates.add(send(tenant, group, errors, trace));
    return CompletableFuture.allOf(duplicates.toArray(CompletableFuture[]::new))
        .thenApply(done -> summarize(items.size(), errors, duplicates));
  }

  private static HttpResponse answer(EventsResult result) {
    if (result.accepted() == 0 && allUnavailable(result.errors())) {
      return Problems.unavailable("no owner's entity answered in time; nothing of this request was acknowledged");
    }
    boolean allFull =
        result.accepted() == 0
            && !result.errors().isEmpty()
            && result.errors().stream().allMatch(e -> isFull(e.code()));
    if (!allFull) return Json.ok(result);
    String code = result.errors().get(0).code();
    return Problems.tooManyRequests(code, result.errors().get(0).message(), FULL_RETRY_AFTER_SECONDS);
  }

  /** Every item failed because its entity did not answer (a database outage, a node crash): a 503, retryable. */
  static boolean allUnavailable(List<BatchItemError> errors) {
    return !errors.isEmpty() && errors.stream().allMatch(e -> e.code().equals(UNAVAILABLE));
  }

  static boolean isFull(String code) {
    return code.equals(ProductEventsResult.HOLD_FULL) || code.equals(ProductEventsResult.ID_WINDOW_FULL);
  }

  private static String message(String code) {
    if (code.equals(ProductEventsResult.CURRENCY_LIMIT)) {
      return "the user holds values in the maximum of " + io.limbic.cluster.user.UserState.MAX_CURRENCIES
          + " currencies; a value in another one is refused";
    }
    return code.equals(ProductEventsResult.HOLD_FULL)
        ? "the anonymous id holds its maximum of events until an identify hands them to a user; retry after that"
        : "the user recorded the maximum of event ids one deduplication window holds; retry later";
  }

  /** Duplicates found for this group; on failure its items are added to {@code errors}. */
  private CompletableFuture<Integer> send(
      String tenant, Group group, List<BatchItemError> errors, Trace trace) {
    String entityId = new TenantScopedId(tenant, group.owner()).entityId();
    CompletionStage<ProductEventsResult> reply =
        group.anonymous()
            ? sharding
                .entityRefFor(VisitorCommand.ENTITY_TYPE, entityId)
                .askWithStatus(r -> new VisitorCommand.RecordProductEvents(group.events(), trace, r), settings.askTimeout())
            : sharding
                .entityRefFor(UserCommand.ENTITY_TYPE, entityId)
                .askWithStatus(r -> new UserCommand.RecordProductEvents(group.events(), trace, r), settings.askTimeout());
    return reply
        .handle(
            (ok, failure) -> {
              synchronized (errors) {
                if (failure == null) {
                  for (Refused refused : ok.refused()) {
                    int index = group.indices().get(refused.position());
                    errors.add(new BatchItemError(index, refused.code(), message(refused.code())));
                  }
                  return ok.duplicates();
                }
                boolean erased = Problems.isErased(failure);
                for (int index : group.indices()) {
                  errors.add(erased
                      ? new BatchItemError(index, UserCommand.ERASED, "the owner was erased; the id takes no more data")
                      : new BatchItemError(index, UNAVAILABLE, "the owner's entity did not answer; retry"));
                }
              }
              return 0;
            })
        .toCompletableFuture();
  }

  private static EventsResult summarize(
      int total, List<BatchItemError> errors, List<CompletableFuture<Integer>> duplicates) {
    List<BatchItemError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(BatchItemError::index));
    int dup = duplicates.stream().mapToInt(CompletableFuture::join).sum();
    return new EventsResult(total - sorted.size(), sorted.size(), dup, sorted);
  }
}
