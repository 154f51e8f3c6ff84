package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * What the PostHog and Segment capture routes do with a translated batch: its identifies first, one after another,
 * so the events that follow in the same batch find the user linked; then its product events, as
 * {@code /v1/events} records them; then one answer, its per-item errors at their index in the batch.
 */
final class CaptureBatches {
  /** An identify (or a Segment alias) at {@code index} of the batch. */
  record Identify(int index, JsonNode body) {}

  private final IdentityRoutes identity;
  private final ProductEventRoutes productEvents;

  CaptureBatches(IdentityRoutes identity, ProductEventRoutes productEvents) {
    this.identity = identity;
    this.productEvents = productEvents;
  }

  /**
   * Sends the identifies in order. One refused adds an {@code identify_refused} error of its index to
   * {@code errors} ({@code conflict} is added to the message of a 409); one that did not complete (5xx) fails all.
   */
  CompletableFuture<Void> identify(String tenant, List<Identify> identifies, String conflict,
      List<BatchItemError> errors, Trace trace) {
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    for (Identify each : identifies) {
      done = done.thenCompose(previous -> identity.answer(tenant, each.body(), trace).thenAccept(reply -> {
        int status = reply.status().intValue();
        if (status >= 500) throw new IllegalStateException("identify did not complete");
        if (status != 200) {
          errors.add(new BatchItemError(each.index(), "identify_refused",
              "HTTP " + status + (status == 409 ? conflict : "")));
        }
      }));
    }
    return done;
  }

  /** Records the product events (none: nothing to record). */
  CompletionStage<ProductEventRoutes.EventsResult> record(String tenant, ArrayNode events, Trace trace) {
    return events.isEmpty()
        ? CompletableFuture.completedFuture(new ProductEventRoutes.EventsResult(0, 0, 0, List.of()))
        : productEvents.record(tenant, events, trace);
  }

  /** {@code earlier} and the product events' errors (moved to their index in the batch), in index order. */
  static List<BatchItemError> errors(List<BatchItemError> earlier, ProductEventRoutes.EventsResult result,
      List<Integer> productIndices) {
    List<BatchItemError> errors = new ArrayList<>(earlier);
    for (BatchItemError e : result.errors()) {
      errors.add(new BatchItemError(productIndices.get(e.index()), e.code(), e.message()));
    }
    errors.sort(Comparator.comparingInt(BatchItemError::index));
    return errors;
  }

  /**
   * The answer to the whole batch when it is not a 200: 503 when an entity did not answer ({@code retry} says why
   * a retry is safe), 429 when the batch was only product events and a full bound refused every one of them.
   */
  static Optional<HttpResponse> refusal(List<BatchItemError> errors, ProductEventRoutes.EventsResult result,
      boolean onlyProductEvents, String retry) {
    if (errors.stream().anyMatch(e -> e.code().equals("unavailable"))) {
      return Optional.of(Problems.unavailable("an entity did not answer; retry " + retry));
    }
    boolean allFull = onlyProductEvents && result.accepted() == 0 && !result.errors().isEmpty()
        && result.errors().stream().allMatch(e -> ProductEventRoutes.isFull(e.code()));
    if (!allFull) return Optional.empty();
    return Optional.of(Problems.tooManyRequests(result.errors().get(0).code(), result.errors().get(0).message(),
        ProductEventRoutes.FULL_RETRY_AFTER_SECONDS));
  }

  /** The identifies that went through: those with no error of their own in {@code earlier}. */
  static int identified(List<Identify> identifies, List<BatchItemError> earlier) {
    return (int) identifies.stream().filter(i -> earlier.stream().noneMatch(e -> e.index() == i.index())).count();
  }
}
