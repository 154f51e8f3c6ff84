package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.Ids;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/**
 * {@code POST /v1/users/{userId}/token}: a user token for one user of the caller's tenant, signed by the node. The
 * body, optional, is {@code {"ttlSeconds": n}} (1 up to the configured maximum; default the configured lifetime).
 * A token reads the user's state and sends their heartbeats and telemetry, so the key asking needs both the
 * {@code ingest} role (checked by {@link GuardedRoutes}) and the {@code read} role (checked here).
 */
public final class UserTokenRoutes {
  private static final long MAX_BODY = 4 * 1024;

  private final UserTokens tokens;
  private final UserTokenSettings settings;

  public UserTokenRoutes(UserTokens tokens, UserTokenSettings settings) {
    this.tokens = tokens;
    this.settings = settings;
  }

  public Route routes(Caller caller) {
    return Directives.path(
        PathMatchers.segment("users").slash(PathMatchers.segment()).slash("token"),
        userId -> Directives.post(() -> issue(caller, userId)));
  }

  private Route issue(Caller caller, String userId) {
    if (!caller.may(Role.READ)) return Directives.complete(GuardedRoutes.forbidden(Role.READ));
    if (!Ids.isValid(userId)) {
      return Directives.complete(Problems.badRequest("invalid_id", "userId must be " + Ids.describeRule()));
    }
    return BoundedBody.read(MAX_BODY, body -> issued(caller.tenant(), userId, body));
  }

  private Route issued(String tenant, String userId, ByteString body) {
    long max = settings.maxTtl().toSeconds();
    long ttl = settings.defaultTtl().toSeconds();
    if (!body.isEmpty()) {
      JsonNode json;
      try {
        json = Json.MAPPER.readTree(body.toArray());
      } catch (IOException e) {
        return Directives.complete(Problems.badRequest("malformed_json", "the body is not valid JSON"));
      }
      if (json != null && !json.isMissingNode() && !json.isObject()) {
        return Directives.complete(Problems.badRequest("invalid_body", "the body must be {\"ttlSeconds\": n} or empty"));
      }
      JsonNode given = json == null ? null : json.get("ttlSeconds");
      if (given != null && !given.isNull()) {
        if (!given.canConvertToExactIntegral() || given.asLong() < 1 || given.asLong() > max) {
          return Directives.complete(
              Problems.badRequest("invalid_field", "ttlSeconds must be a whole number from 1 to " + max));
        }
        ttl = given.asLong();
      }
    }
    UserTokens.Issued issued = tokens.issue(tenant, userId, Duration.ofSeconds(ttl));
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("token", issued.token());
    reply.put("tokenType", "Bearer");
    reply.put("tenant", tenant);
    reply.put("userId", userId);
    reply.put("expiresAt", issued.expiresAt().toString());
    reply.put("ttlSeconds", ttl);
    HttpResponse response = Json.ok(reply).addHeader(RawHeader.create("Cache-Control", "no-store"));
    return Directives.complete(response);
  }
}
