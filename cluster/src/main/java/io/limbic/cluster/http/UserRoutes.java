package io.limbic.cluster.http;

import io.limbic.protocol.Ids;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.GetUser;
import io.limbic.protocol.user.UserView;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/** {@code GET /v1/users/{userId}}: the user's live state, straight from the entity. */
public final class UserRoutes {
  private final ClusterSharding sharding;
  private final HttpSettings settings;

  public UserRoutes(ClusterSharding sharding, HttpSettings settings) {
    this.sharding = sharding;
    this.settings = settings;
  }

  public Route routes(String tenant) {
    return Directives.path(
        PathMatchers.segment("users").slash(PathMatchers.segment()),
        userId -> Directives.get(() -> user(tenant, userId)));
  }

  private Route user(String tenant, String userId) {
    if (!Ids.isValid(userId)) {
      return Directives.complete(Problems.badRequest("invalid_id", "userId must be " + Ids.describeRule()));
    }
    CompletionStage<StatusReply<UserView>> reply =
        sharding
            .entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(tenant, userId).entityId())
            .ask(GetUser::new, settings.askTimeout());
    return ApiDirectives.onResult(reply, r -> render(userId, r));
  }

  private static HttpResponse render(String userId, StatusReply<UserView> reply) {
    if (reply.isSuccess()) return Json.ok(reply.getValue());
    return Problems.notFound("no user " + userId);
  }
}
