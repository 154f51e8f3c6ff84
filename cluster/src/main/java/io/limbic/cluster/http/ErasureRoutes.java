package io.limbic.cluster.http;

import io.limbic.cluster.erasure.PersonErasure;
import io.limbic.cluster.erasure.PersonExport;
import io.limbic.protocol.Ids;
import io.limbic.protocol.http.Problem;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * GDPR (README "Erasing and exporting a person"): {@code GET /v1/users/{userId}/export}, what is held about the
 * person (role read, or a user token for its own user), and {@code DELETE /v1/users/{userId}}, their erasure (role
 * admin), answered once it is durable and the same on a repeat.
 */
public final class ErasureRoutes {
  private final PersonErasure erasure;
  private final PersonExport export;

  public ErasureRoutes(PersonErasure erasure, PersonExport export) {
    this.erasure = erasure;
    this.export = export;
  }

  public Route routes(String tenant) {
    return Directives.concat(
        Directives.path(PathMatchers.segment("users").slash(PathMatchers.segment()).slash("export"),
            userId -> Directives.get(() -> export(tenant, userId))),
        Directives.path(PathMatchers.segment("users").slash(PathMatchers.segment()),
            userId -> Directives.delete(() -> erase(tenant, userId))));
  }

  /** What a user token reaches: its own user's export. */
  public Route exportRoutes(String tenant) {
    return Directives.path(PathMatchers.segment("users").slash(PathMatchers.segment()).slash("export"),
        userId -> Directives.get(() -> export(tenant, userId)));
  }

  private Route export(String tenant, String userId) {
    if (!Ids.isValid(userId)) return invalid();
    return ApiDirectives.onResult(export.export(tenant, userId), ErasureRoutes::render);
  }

  private static HttpResponse render(PersonExport.Outcome outcome) {
    if (outcome instanceof PersonExport.Held held) return Json.ok(held.document());
    if (outcome instanceof PersonExport.Erased erased) {
      return Problems.response(Problem.of(410, io.limbic.protocol.user.UserCommand.ERASED, "Gone",
          "this user was erased at " + erased.erasedAt() + "; nothing is held about them"));
    }
    return Problems.notFound("nothing is held about this user");
  }

  private Route erase(String tenant, String userId) {
    if (!Ids.isValid(userId)) return invalid();
    // Audited as "user.erase" with the user as target, like every administrative action (AdminActions).
    return ApiDirectives.onResult(erasure.erase(tenant, userId), erased ->
        Json.ok(Map.of("userId", erased.userId(), "erased", true, "erasedAt", erased.erasedAt().toString())));
  }

  private static Route invalid() {
    return Directives.complete(Problems.badRequest("invalid_id", "userId must be " + Ids.describeRule()));
  }
}
