package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.interventions.Variant;
import io.limbic.cluster.interventions.InterventionConfigJson;
import io.limbic.cluster.interventions.InterventionConfigs;
import io.limbic.cluster.interventions.WebhookSignature;
import io.limbic.projections.interventions.InterventionRecord;
import io.limbic.projections.interventions.InterventionRepository;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.http.NotificationChannelsInput;
import io.limbic.protocol.intervention.InterventionCommand;
import io.limbic.protocol.intervention.StoredInterventionConfig;
import io.limbic.protocol.user.UserCommand;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET|PUT /v1/interventions/config}, {@code GET /v1/interventions}, {@code GET /v1/interventions/{id}} and
 * {@code POST /v1/interventions/{id}/feedback}. GETs are reads; the PUT and the feedback need admin.
 */
public final class InterventionRoutes {
  private static final long MAX_CONFIG = 256 * 1024;
  private static final long MAX_FEEDBACK = 8 * 1024;
  private static final int MAX_NOTE = 2000;
  private static final Pattern DECISION_ID = Pattern.compile("[0-9a-f-]{36}");

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final InterventionConfigs configs;
  private final InterventionRepository repository;
  private final Executor blocking;
  private final WebhookSignature signature;
  private final boolean allowPrivateHosts;
  private final int maxListed;

  public InterventionRoutes(
      ClusterSharding sharding, HttpSettings settings, InterventionConfigs configs, InterventionRepository repository,
      Executor blocking, WebhookSignature signature, boolean allowPrivateHosts, int maxListed) {
    this.sharding = sharding;
    this.settings = settings;
    this.configs = configs;
    this.repository = repository;
    this.blocking = blocking;
    this.signature = signature;
    this.allowPrivateHosts = allowPrivateHosts;
    this.maxListed = maxListed;
  }

  public Route routes(String tenant) {
    return Directives.pathPrefix("interventions", () -> Directives.concat(
        Directives.path("config", () -> Directives.concat(
            Directives.get(() -> current(tenant)),
            Directives.put(() -> ApiDirectives.jsonBody(MAX_CONFIG, json -> set(tenant, json))))),
        Directives.pathEnd(() -> Directives.get(() -> list(tenant))),
        Directives.path(PathMatchers.segment(), id -> Directives.get(() -> one(tenant, id))),
        Directives.path(PathMatchers.segment().slash("feedback"),
            id -> Directives.post(() -> ApiDirectives.jsonBody(MAX_FEEDBACK, json -> feedback(tenant, id, json))))));
  }

  private Route current(String tenant) {
    CompletionStage<StoredInterventionConfig> stored = sharding.entityRefFor(InterventionCommand.ENTITY_TYPE, tenant)
        .askWithStatus(InterventionCommand.GetConfig::new, settings.askTimeout());
    return ApiDirectives.onResult(stored, c -> Json.ok(InterventionConfigJson.view(c)));
  }

  private Route set(String tenant, JsonNode json) {
    InterventionConfigJson.Parsed parsed = InterventionConfigJson.parse(json);
    List<String> errors = new ArrayList<>(parsed.errors());
    if (parsed.config() != null) errors.addAll(urlErrors(parsed.config()));
    if (!errors.isEmpty()) {
      return Directives.complete(Problems.badRequest("invalid_interventions_config", String.join("; ", errors)));
    }
    StoredInterventionConfig complete = InterventionConfigJson.stored(parsed.config());
    CompletionStage<StoredInterventionConfig> stored = sharding.entityRefFor(InterventionCommand.ENTITY_TYPE, tenant)
        .<StoredInterventionConfig>askWithStatus(r -> new InterventionCommand.SetConfig(complete, r),
            settings.askTimeout())
        .thenApply(c -> {
          configs.stored(tenant, c);
          return c;
        });
    return ApiDirectives.onResult(stored, c -> Json.ok(InterventionConfigJson.view(c)));
  }

  /** Webhook URLs: a host, no credentials in it, not internal unless allowed, and a signing secret on the node. */
  private List<String> urlErrors(io.limbic.analytics.interventions.InterventionConfig config) {
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < config.contexts().size(); i++) {
      List<Variant> variants = config.contexts().get(i).variants();
      for (int j = 0; j < variants.size(); j++) {
        Variant v = variants.get(j);
        if (!v.isWebhook() || v.url() == null) continue;
        String at = "contexts[" + i + "].variants[" + j + "].url";
        if (!signature.configured()) errors.add(at + ": webhook variants need limbic.interventions.webhook-secret");
        try {
          URI uri = new URI(v.url());
          if (uri.getHost() == null || uri.getUserInfo() != null || v.url().length() > 2000) {
            errors.add(at + ": an http(s) URL with a host and no credentials, at most 2000 characters");
          } else if (!allowPrivateHosts && NotificationChannelsInput.isInternal(uri.getHost())) {
            errors.add(at + ": names an internal host");
          }
        } catch (Exception e) {
          errors.add(at + ": not a URL");
        }
      }
    }
    return errors;
  }

  private Route list(String tenant) {
    return ApiDirectives.onResult(jdbc(() -> repository.recent(tenant, maxListed)),
        records -> Json.ok(Map.of("interventions", records.stream().map(InterventionRoutes::view).toList())));
  }

  private Route one(String tenant, String id) {
    if (!DECISION_ID.matcher(id).matches()) return Directives.complete(Problems.notFound("no such intervention"));
    return Directives.onComplete(jdbc(() -> repository.find(tenant, id)), attempt -> {
      if (attempt.isFailure()) return Directives.complete(Problems.forFailure(attempt.failed().get()));
      Optional<InterventionRecord> found = attempt.get();
      return found.isEmpty()
          ? Directives.complete(Problems.notFound("no such intervention"))
          : Directives.complete(Json.ok(view(found.get())));
    });
  }

  private Route feedback(String tenant, String id, JsonNode json) {
    JsonNode fp = json.get("falsePositive");
    JsonNode note = json.get("note");
    if (!json.isObject() || fp == null || !fp.isBoolean()) {
      return Directives.complete(Problems.badRequest("invalid_feedback", "falsePositive: a boolean, required"));
    }
    if (note != null && !note.isNull() && (!note.isTextual() || note.asText().length() > MAX_NOTE)) {
      return Directives.complete(Problems.badRequest("invalid_feedback", "note: a string of at most 2000 characters"));
    }
    String text = note == null || note.isNull() ? null : note.asText();
    if (!DECISION_ID.matcher(id).matches()) return Directives.complete(Problems.notFound("no such intervention"));
    CompletionStage<Optional<Done>> recorded = jdbc(() -> repository.find(tenant, id)).thenCompose(found -> {
      if (found.isEmpty()) return CompletableFuture.completedFuture(Optional.<Done>empty());
      return sharding.entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(tenant, found.get().userId()).entityId())
          .<Done>askWithStatus(r -> new UserCommand.RecordInterventionFeedback(id, fp.asBoolean(), text, r),
              settings.askTimeout())
          .thenApply(Optional::of);
    });
    return Directives.onComplete(recorded, attempt -> {
      if (attempt.isFailure()) return Directives.complete(Problems.forFailure(attempt.failed().get()));
      if (attempt.get().isEmpty()) return Directives.complete(Problems.notFound("no such intervention"));
      return Directives.complete(Json.response(org.apache.pekko.http.javadsl.model.StatusCodes.ACCEPTED,
          Map.of("decisionId", id, "falsePositive", fp.asBoolean())));
    });
  }

  /** What a decision looks like over HTTP. */
  record DecisionView(
      String id, String userId, String sessionId, String contextId, String variantId, boolean holdout, String reason,
      String emotion, double confidence, String channel, double cost, String decidedAt, String windowEndsAt,
      boolean delivered, String deliveryDetail, String outcome, String outcomeAt, Boolean falsePositive,
      String feedbackNote) {}

  static DecisionView view(InterventionRecord r) {
    return new DecisionView(r.decisionId(), r.userId(), r.sessionId(), r.contextId(), r.variantId(), r.holdout(),
        r.reason(), r.emotion(), r.confidence(), r.channel(), r.cost(), str(r.decidedAt()), str(r.windowEndsAt()),
        r.delivered(), r.deliveryDetail(), r.outcome(), str(r.outcomeAt()), r.falsePositive(), r.feedbackNote());
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  interface Sql<T> {
    T run() throws Exception;
  }

  private <T> CompletionStage<T> jdbc(Sql<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return work.run();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, blocking);
  }
}
