package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.models.PlanPolicyJson;
import io.limbic.cluster.models.PlanPolicyRequests;
import io.limbic.projections.policies.PlanPolicy;
import io.limbic.projections.policies.PlanPolicyRepository;
import io.limbic.projections.policies.RewardOutcome;
import io.limbic.protocol.http.Problem;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Plan policies (README "Choosing among discrete plans"): {@code PUT /v1/models/policies/{name}} defines one
 * (admin), {@code GET} shows it and {@code POST .../choose} draws a plan (read), {@code POST .../rewards} records an
 * observed reward once per id (ingest: it is data sent in). All database work runs on the blocking dispatcher.
 */
public final class PlanPolicyRoutes {
  private static final SecureRandom SEEDS = new SecureRandom();

  private final PlanPolicyRepository policies;
  private final Executor blocking;
  private final Clock clock;
  private final long maxBody;

  public PlanPolicyRoutes(PlanPolicyRepository policies, Executor blocking, Clock clock, long maxBody) {
    this.policies = policies;
    this.blocking = blocking;
    this.clock = clock;
    this.maxBody = maxBody;
  }

  /** The resource's route groups with the role each needs. */
  public List<GuardedRoutes> guarded() {
    return List.of(GuardedRoutes.read(this::reads), GuardedRoutes.ingest(this::rewards),
        GuardedRoutes.admin(this::definitions));
  }

  Route reads(String tenant) {
    return Directives.concat(
        policy(Optional.empty(), name -> Directives.get(() -> guarded(() -> show(tenant, name)))),
        policy(Optional.of("choose"), name -> Directives.post(() -> optionalBody(body -> guarded(() ->
            choose(tenant, name, PlanPolicyRequests.seed(body)))))));
  }

  Route rewards(String tenant) {
    return policy(Optional.of("rewards"), name -> Directives.post(() -> ApiDirectives.jsonBody(maxBody, body ->
        guarded(() -> reward(tenant, name, PlanPolicyRequests.reward(body))))));
  }

  Route definitions(String tenant) {
    return policy(Optional.empty(), name -> Directives.put(() -> ApiDirectives.jsonBody(maxBody, body ->
        guarded(() -> define(tenant, name, body)))));
  }

  private static Route policy(Optional<String> action, Function<String, Route> inner) {
    return Directives.pathPrefix(PathMatchers.segment("models").slash("policies"), () ->
        Directives.pathPrefix(PathMatchers.segment(), name -> action.isEmpty()
            ? Directives.pathEndOrSingleSlash(() -> inner.apply(name))
            : Directives.path(action.get(), () -> inner.apply(name))));
  }

  /** A body that may be absent: no entity reads as {@code {}}. */
  private Route optionalBody(Function<JsonNode, Route> inner) {
    return Directives.extractRequestEntity(entity -> entity.isKnownEmpty()
        ? inner.apply(Json.MAPPER.createObjectNode())
        : ApiDirectives.jsonBody(maxBody, inner));
  }

  private Route define(String tenant, String name, JsonNode body) {
    PlanPolicy definition = PlanPolicyRequests.definition(PlanPolicyRequests.name(name), body, clock.instant());
    return answer(() -> {
      PlanPolicyRepository.Defined outcome = policies.define(tenant, definition, clock.instant());
      PlanPolicy stored = policies.find(tenant, name).orElseThrow();
      var out = PlanPolicyJson.shown(stored, policies.tallies(tenant, name));
      out.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
      return Json.response(outcome == PlanPolicyRepository.Defined.CREATED ? StatusCodes.CREATED : StatusCodes.OK,
          out);
    });
  }

  private Route show(String tenant, String name) {
    PlanPolicyRequests.name(name);
    return answer(() -> policies.find(tenant, name)
        .map(p -> sql(() -> Json.ok(PlanPolicyJson.shown(p, policies.tallies(tenant, name)))))
        .orElseGet(() -> unknown(name)));
  }

  private Route choose(String tenant, String name, OptionalLong seed) {
    PlanPolicyRequests.name(name);
    long used = seed.isPresent() ? seed.getAsLong() : SEEDS.nextLong();
    return answer(() -> policies.find(tenant, name)
        .map(p -> sql(() -> Json.ok(PlanPolicyJson.chosen(p, policies.tallies(tenant, name), used))))
        .orElseGet(() -> unknown(name)));
  }

  private Route reward(String tenant, String name, PlanPolicyRequests.Reward reward) {
    PlanPolicyRequests.name(name);
    return answer(() -> {
      RewardOutcome outcome =
          policies.record(tenant, name, reward.id(), reward.planId(), reward.reward(), clock.instant());
      return switch (outcome.status()) {
        case RECORDED -> Json.ok(PlanPolicyJson.rewarded(outcome.policy(), reward, true));
        case DUPLICATE -> Json.ok(PlanPolicyJson.rewarded(outcome.policy(), reward, false));
        case CONFLICT -> Problems.response(Problem.of(409, "reward_conflict", "Conflict", "reward id '" + reward.id()
            + "' was recorded before with another plan or reward; nothing changed"));
        case UNKNOWN_PLAN -> Problems.badRequest("unknown_plan", "policy '" + name + "' has no plan '"
            + reward.planId() + "'");
        case UNKNOWN_POLICY -> unknown(name);
      };
    });
  }

  private static HttpResponse unknown(String name) {
    return Problems.notFound("there is no plan policy '" + name + "'");
  }

  private Route answer(Callable<HttpResponse> work) {
    CompletableFuture<HttpResponse> response = CompletableFuture.supplyAsync(() -> sql(work), blocking);
    return Directives.onComplete(response, attempt -> Directives.complete(
        attempt.isSuccess() ? attempt.get() : ModelRoutes.failure(attempt.failed().get())));
  }

  private static HttpResponse sql(Callable<HttpResponse> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  private static Route guarded(java.util.function.Supplier<Route> route) {
    try {
      return route.get();
    } catch (RuntimeException e) {
      return Directives.complete(ModelRoutes.failure(e));
    }
  }
}
