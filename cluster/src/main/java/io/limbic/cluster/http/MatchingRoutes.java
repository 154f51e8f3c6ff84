package io.limbic.cluster.http;

import io.limbic.protocol.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.matching.MatchAction;
import io.limbic.protocol.Ids;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.http.Validated;
import io.limbic.projections.matching.CandidateRepository;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.DailyMatchesView;
import io.limbic.protocol.user.ProfileData;
import io.limbic.protocol.user.ProfileView;
import io.limbic.protocol.user.UserCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/**
 * A user's profile ({@code PUT|GET /v1/users/{id}/profile}), their daily matches ({@code GET
 * /v1/users/{id}/matches/daily}) and actions on a match ({@code POST /v1/matches/{matchId}/action}).
 */
public final class MatchingRoutes {
  private static final long MAX_BODY = 64 * 1024;

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final CandidateRepository people;
  private final Executor blocking;

  public MatchingRoutes(ClusterSharding sharding, HttpSettings settings, CandidateRepository people, Executor blocking) {
    this.sharding = sharding;
    this.settings = settings;
    this.people = people;
    this.blocking = blocking;
  }

  public Route routes(String tenant) {
    return Directives.concat(
        Directives.path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("profile"),
            userId ->
                Directives.concat(
                    Directives.put(
                        () ->
                            Correlation.trace(
                                trace -> ApiDirectives.jsonBody(MAX_BODY, json -> putProfile(tenant, userId, json, trace)))),
                    Directives.get(() -> getProfile(tenant, userId)))),
        Directives.path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("matches").slash("daily"),
            userId -> Directives.get(() -> daily(tenant, userId))),
        Directives.path(
            PathMatchers.segment("matches").slash(PathMatchers.segment()).slash("action"),
            matchId ->
                Directives.post(
                    () ->
                        Correlation.trace(
                            trace -> ApiDirectives.jsonBody(MAX_BODY, json -> action(tenant, matchId, json, trace))))));
  }

  private Route putProfile(String tenant, String userId, JsonNode json, Trace trace) {
    if (!Ids.isValid(userId)) return Directives.complete(invalidUser());
    Validated<ProfileData> profile = ProfileInput.parse(json);
    if (profile instanceof Validated.Invalid<ProfileData> bad) {
      return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
    }
    CompletionStage<ProfileView> saved =
        user(tenant, userId).askWithStatus(r -> new UserCommand.UpdateProfile(profile.get(), trace, r), settings.askTimeout());
    return ApiDirectives.onResult(saved, Json::ok);
  }

  private Route getProfile(String tenant, String userId) {
    if (!Ids.isValid(userId)) return Directives.complete(invalidUser());
    CompletionStage<StatusReply<ProfileView>> view =
        user(tenant, userId).ask(UserCommand.GetProfile::new, settings.askTimeout());
    return ApiDirectives.onResult(
        view, r -> r.isSuccess() ? Json.ok(r.getValue()) : Problems.notFound("no profile for " + userId));
  }

  private Route daily(String tenant, String userId) {
    if (!Ids.isValid(userId)) return Directives.complete(invalidUser());
    CompletionStage<DailyMatchesView> view = user(tenant, userId)
        .askWithStatus(UserCommand.GetDailyMatches::new, settings.askTimeout())
        .thenCompose(held -> withoutErased(tenant, held));
    return ApiDirectives.onResult(view, Json::ok);
  }

  /**
   * The matches less anyone erased by now: the erasure tells the users holding a person to forget them, but one whose
   * match was not yet in the read model it reads (a projection behind, a deep phase ending at the erasure) may hold
   * them a while longer, and no read shows them meanwhile. A failed check fails the read: it never shows them either.
   */
  private CompletionStage<DailyMatchesView> withoutErased(String tenant, DailyMatchesView held) {
    if (held.matches().isEmpty()) return CompletableFuture.completedFuture(held);
    return CompletableFuture.supplyAsync(() -> {
      Set<String> erased;
      try {
        erased = people.erasedAmong(tenant, held.matches().stream().map(DailyMatch::userId).toList());
      } catch (java.sql.SQLException e) {
        throw new CompletionException(e);
      }
      if (erased.isEmpty()) return held;
      List<DailyMatch> kept = held.matches().stream().filter(m -> !erased.contains(m.userId())).toList();
      return new DailyMatchesView(held.generatedAt(), kept);
    }, blocking);
  }

  /** A match id is {@code owner~candidate~day}: the owner's entity checks that it is one of their matches. */
  private Route action(String tenant, String matchId, JsonNode json, Trace trace) {
    String[] parts = matchId.split("~");
    if (parts.length != 3 || !Ids.isValid(parts[0]) || !Ids.isValid(parts[1])) {
      return Directives.complete(Problems.notFound("no match " + matchId));
    }
    JsonNode node = json.get("action");
    // Normalised, not refused: " LIKE " is stored and answered as "like", so every reader sees one spelling.
    String action = node != null && node.isTextual()
        ? MatchAction.parse(node.asText()).map(MatchAction::wireName).orElse(null)
        : null;
    if (action == null) {
      return Directives.complete(Problems.badRequest("invalid_field", "action must be like, pass or message"));
    }
    CompletionStage<StatusReply<org.apache.pekko.Done>> recorded =
        user(tenant, parts[0])
            .ask(r -> new UserCommand.RecordMatchAction(matchId, parts[1], action, trace, r), settings.askTimeout());
    return ApiDirectives.onResult(
        recorded,
        r -> r.isSuccess()
            ? Json.ok(Map.of("matchId", matchId, "action", action))
            : Problems.notFound("no match " + matchId));
  }

  private EntityRef<UserCommand> user(String tenant, String userId) {
    return sharding.entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(tenant, userId).entityId());
  }

  private static org.apache.pekko.http.javadsl.model.HttpResponse invalidUser() {
    return Problems.badRequest("invalid_id", "userId must be " + Ids.describeRule());
  }
}
