package io.limbic.cluster.http;

import io.limbic.protocol.Ids;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /v1/users/{userId}/tokens/revoke} (admin): every user token of that user of the caller's tenant
 * issued before now, by the node or by the tenant, is refused on every node within {@link TokenRevocations#REFRESH}.
 * Tokens issued afterwards work. The revocation is kept for the longest a token may live (max-ttl and the clock
 * skew), then deleted, since by then every token it refuses has expired.
 */
public final class UserTokenRevocationRoutes {
  private final TokenRevocations revocations;
  private final UserTokens tokens;
  private final Executor blocking;
  private final Clock clock;

  public UserTokenRevocationRoutes(TokenRevocations revocations, UserTokens tokens, Executor blocking, Clock clock) {
    this.revocations = revocations;
    this.tokens = tokens;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.path(
        PathMatchers.segment("users").slash(PathMatchers.segment()).slash("tokens").slash("revoke"),
        userId -> Directives.post(() -> revoke(tenant, userId)));
  }

  private Route revoke(String tenant, String userId) {
    if (!Ids.isValid(userId)) {
      return Directives.complete(Problems.badRequest("invalid_id", "userId must be " + Ids.describeRule()));
    }
    return ApiDirectives.onResult(CompletableFuture.supplyAsync(() -> {
      Instant now = clock.instant();
      Instant until = now.plus(tokens.longestLife());
      try {
        revocations.revokeUser(tenant, userId, now, until);
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("tenant", tenant);
      body.put("userId", userId);
      body.put("revokedBefore", now.toString());
      body.put("keptUntil", until.toString());
      return Json.ok(body);
    }, blocking), r -> r);
  }
}
