package io.limbic.cluster.http;

import io.limbic.protocol.http.Problem;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * What a user token reaches of a resource. Its own user's GETs under {@code /v1/users/{userId}} are served as to a
 * key; another user's answer 404, as if that user did not exist, so a token cannot even learn who exists.
 */
public final class UserScope {
  private UserScope() {}

  /** The GETs of {@code routes} under {@code users/{userId}}, for the token's own user only. */
  public static Function<Caller, Route> ownUserReads(Function<String, Route> routes) {
    return caller -> {
      String own = caller.user().orElseThrow();
      return Directives.get(
          () -> Directives.pathPrefixTest(
              PathMatchers.segment("users").slash(PathMatchers.segment()),
              userId -> userId.equals(own)
                  ? routes.apply(caller.tenant())
                  : Directives.complete(Problems.notFound("no user " + userId))));
    };
  }

  /** A user token sending data for another user than its own. */
  public static final String USER_MISMATCH = "user_mismatch";

  public static HttpResponse otherUser() {
    return Problems.response(Problem.of(403, USER_MISMATCH, "Forbidden",
        "a user token sends only its own user's data; the body names another user"));
  }
}
