package io.limbic.cluster.http;

import io.limbic.protocol.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.matching.InteractionType;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.http.BatchResult;
import io.limbic.protocol.http.JsonFields;
import io.limbic.protocol.http.TimeBounds;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.UserCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/**
 * {@code POST /v1/interactions}: favorites, views, messages, blocks... between users of the tenant. Each is recorded
 * on both people's entities before it is acknowledged, so a block is a hard filter both ways from that moment on.
 * Idempotent by {@code id}.
 */
public final class InteractionRoutes {
  static final int MAX_ITEMS = 1000;
  private static final long MAX_BODY = 1024 * 1024;
  private static final int MAX_DURATION_S = 86_400;

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final Clock clock;

  public InteractionRoutes(ClusterSharding sharding, HttpSettings settings, Clock clock) {
    this.sharding = sharding;
    this.settings = settings;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.path(
        "interactions",
        () ->
            Directives.post(
                () -> Correlation.trace(trace -> ApiDirectives.jsonBody(MAX_BODY, json -> record(tenant, json, trace)))));
  }

  static Validated<InteractionData> parse(JsonNode json, Instant now) {
    if (!json.isObject()) return Validated.invalid("invalid_item", "an interaction is a JSON object");
    Validated<String> from = JsonFields.requiredId(json, "from");
    if (!from.isValid()) return from.failure();
    Validated<String> to = JsonFields.requiredId(json, "to");
    if (!to.isValid()) return to.failure();
    if (from.get().equals(to.get())) return Validated.invalid("invalid_item", "from and to must differ");
    Validated<String> id = JsonFields.requiredId(json, "id");
    if (!id.isValid()) return id.failure();
    JsonNode type = json.get("type");
    if (type == null || !type.isTextual() || InteractionType.parse(type.asText()).isEmpty()) {
      return Validated.invalid(
          "invalid_field", "type must be favorite, unfavorite, pass, view, message, reply, call, block or unblock");
    }
    Validated<Instant> at = JsonFields.requiredTime(json, "at", now, TimeBounds.HISTORICAL);
    if (!at.isValid()) return at.failure();
    JsonNode duration = json.get("durationS");
    int seconds = 0;
    if (duration != null && !duration.isNull()) {
      Validated<Long> checked = JsonFields.whole(duration, "durationS", 0, MAX_DURATION_S);
      if (!checked.isValid()) return checked.failure();
      seconds = checked.get().intValue();
    }
    String wire = InteractionType.parse(type.asText()).get().wireName();
    return Validated.valid(new InteractionData(from.get(), to.get(), wire, at.get(), id.get(), seconds));
  }

  private Route record(String tenant, JsonNode json, Trace trace) {
    JsonNode items = json.isObject() ? json.get("interactions") : null;
    if (items == null || !items.isArray()) {
      return Directives.complete(Problems.badRequest("invalid_body", "the body must be {\"interactions\": [ ... ]}"));
    }
    if (items.size() > MAX_ITEMS) {
      return Directives.complete(Problems.tooLarge("at most " + MAX_ITEMS + " interactions per request"));
    }
    Instant now = clock.instant();
    List<BatchItemError> invalid = new ArrayList<>();
    List<CompletableFuture<BatchItemError>> applied = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Validated<InteractionData> in = parse(items.get(i), now);
      if (in instanceof Validated.Invalid<InteractionData> bad) {
        invalid.add(new BatchItemError(i, bad.code(), bad.message()));
      } else {
        applied.add(both(tenant, i, in.get(), trace));
      }
    }
    CompletableFuture<BatchResult> result =
        CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new)).thenApply(done -> {
          List<BatchItemError> errors = new ArrayList<>(invalid);
          applied.stream().map(CompletableFuture::join).filter(e -> e != null).forEach(errors::add);
          errors.sort(Comparator.comparingInt(BatchItemError::index));
          return new BatchResult(items.size() - errors.size(), errors.size(), errors);
        });
    return ApiDirectives.onResult(result, Json::ok);
  }

  /**
   * Records the interaction on the sender and the receiver; an error for the item unless both acknowledged. A block
   * first reserves its place on both users (each holds at most {@code limbic.user.max-blocks} either way), so it is
   * refused whole, with {@code block_limit}, rather than recorded on one side only.
   */
  private CompletableFuture<BatchItemError> both(
      String tenant, int index, InteractionData interaction, Trace trace) {
    if (!interaction.type().equals("block")) return record(tenant, index, interaction, trace);
    CompletableFuture<Boolean> sender = reserve(tenant, interaction.from(), interaction.to(), true);
    CompletableFuture<Boolean> receiver = reserve(tenant, interaction.to(), interaction.from(), false);
    return sender.thenCombine(receiver, (a, b) -> a && b).thenCompose(ok -> {
      if (ok) return record(tenant, index, interaction, trace);
      if (sender.join()) release(tenant, interaction.from(), interaction.to(), true);
      if (receiver.join()) release(tenant, interaction.to(), interaction.from(), false);
      String full = sender.join() ? interaction.to() + " is blocked by" : interaction.from() + " blocks";
      return CompletableFuture.completedFuture(new BatchItemError(index, "block_limit",
          full + " as many users as allowed (LIMBIC_MAX_BLOCKS); the block was not recorded, unblock someone first"));
    }).exceptionally(failure -> new BatchItemError(index, "unavailable", "not recorded on both users; retry"));
  }

  /** True when the user has a place for the block; false when at the limit; fails when the user did not answer. */
  private CompletableFuture<Boolean> reserve(String tenant, String userId, String other, boolean outgoing) {
    return user(tenant, userId)
        .<Done>askWithStatus(r -> new UserCommand.ReserveBlock(other, outgoing, r), settings.askTimeout())
        .handle((done, failure) -> {
          if (failure == null) return true;
          Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
          if (cause instanceof StatusReply.ErrorMessage e && UserCommand.ReserveBlock.BLOCK_LIMIT.equals(e.getMessage())) {
            return false;
          }
          throw new java.util.concurrent.CompletionException(cause);
        })
        .toCompletableFuture();
  }

  private void release(String tenant, String userId, String other, boolean outgoing) {
    user(tenant, userId).tell(new UserCommand.ReleaseBlock(other, outgoing));
  }

  private CompletableFuture<BatchItemError> record(
      String tenant, int index, InteractionData interaction, Trace trace) {
    CompletionStage<Done> sender = on(tenant, interaction.from(), interaction, true, trace);
    CompletionStage<Done> receiver = on(tenant, interaction.to(), interaction, false, trace);
    return sender.thenCombine(receiver, (a, b) -> (BatchItemError) null)
        .exceptionally(failure -> new BatchItemError(index, "unavailable", "not recorded on both users; retry"))
        .toCompletableFuture();
  }

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<UserCommand> user(String tenant, String userId) {
    return sharding.entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(tenant, userId).entityId());
  }

  private CompletionStage<Done> on(
      String tenant, String userId, InteractionData interaction, boolean outgoing, Trace trace) {
    return user(tenant, userId)
        .askWithStatus(r -> new UserCommand.RecordInteraction(interaction, outgoing, trace, r), settings.askTimeout());
  }
}
