package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.projections.keys.UserTokenKeyRepository;
import io.limbic.projections.keys.UserTokenKeyRepository.StoredTokenKey;
import io.limbic.protocol.Ids;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v1/tenants/{tenant}/token-keys} (operator, for any tenant): the public keys a tenant's backend signs its
 * own user tokens with, registered at runtime. {@code POST {"algorithm": "RS256"|"ES256", "publicKey": "<PEM>",
 * "kid": "..."}} registers one (201; kid absent: {@code tk-} and the first 16 hex of its fingerprint), {@code GET}
 * lists them (revoked ones too), {@code DELETE .../{kid}} revokes one: its tokens are refused on every node within
 * {@link TokenKeyring#REFRESH}. HS256 secrets are not accepted here: a node must read a secret to verify with it,
 * so it could not be stored as a digest; they stay in {@code LIMBIC_USER_TOKEN_KEYS}.
 */
public final class UserTokenKeyRoutes {
  private static final long MAX_BODY = 16 * 1024;
  private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final TokenKeyring keyring;
  private final Executor blocking;
  private final Clock clock;

  public UserTokenKeyRoutes(TokenKeyring keyring, Executor blocking, Clock clock) {
    this.keyring = keyring;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** The routes; the caller's own tenant plays no part (an operator acts on every tenant). */
  public Route routes(String callerTenant) {
    return Directives.pathPrefix("tenants", () -> Directives.pathPrefix(PathMatchers.segment(), tenant ->
        Directives.pathPrefix("token-keys", () -> Directives.concat(
            Directives.pathEnd(() -> Directives.concat(
                Directives.get(() -> ApiKeyRoutes.validTenant(tenant, () -> answer(() -> list(tenant)))),
                Directives.post(() -> ApiDirectives.jsonBody(MAX_BODY,
                    json -> ApiKeyRoutes.validTenant(tenant, () -> register(tenant, json)))))),
            Directives.path(PathMatchers.segment(), kid ->
                Directives.delete(() -> ApiKeyRoutes.validTenant(tenant, () -> answer(() -> revoke(tenant, kid)))))))));
  }

  private Route register(String tenant, JsonNode json) {
    if (!json.isObject()) return invalid("invalid_body", "send {\"algorithm\", \"publicKey\", \"kid\"}");
    VerificationKey key;
    try {
      key = VerificationKey.parse(json.path("algorithm").asText(""), json.path("publicKey").asText(null));
    } catch (IllegalArgumentException e) {
      return invalid("invalid_key", e.getMessage());
    }
    JsonNode given = json.get("kid");
    String kid;
    if (given == null || given.isNull()) {
      kid = "tk-" + key.fingerprint().substring(0, 16);
    } else if (given.isTextual() && KID.matcher(given.asText()).matches()) {
      kid = given.asText();
    } else {
      return invalid("invalid_field", "kid must be 1..64 characters of [A-Za-z0-9._-]");
    }
    String pem = json.get("publicKey").asText().strip();
    StoredTokenKey stored = new StoredTokenKey(tenant, kid, key.algorithmName(), pem, key.fingerprint(),
        clock.instant(), Optional.empty());
    return answer(() -> switch (keyring.repository().insert(stored)) {
      case KID_TAKEN -> Problems.conflict("tenant " + tenant + " already has a token key " + kid
          + " (revoked kids are not reused)");
      case TOO_MANY -> Problems.conflict("a tenant has at most " + UserTokenKeyRepository.MAX_KEYS_PER_TENANT
          + " registered token keys");
      case REGISTERED -> {
        keyring.reload();
        yield Json.response(StatusCodes.CREATED, describe(stored))
            .addHeader(RawHeader.create("Location", "/v1/tenants/" + tenant + "/token-keys/" + kid));
      }
    });
  }

  private HttpResponse list(String tenant) throws SQLException {
    List<Map<String, Object>> keys = new ArrayList<>();
    for (StoredTokenKey key : keyring.repository().list(tenant)) keys.add(describe(key));
    return Json.ok(Map.of("tenant", tenant, "keys", keys));
  }

  private HttpResponse revoke(String tenant, String kid) throws SQLException {
    if (!keyring.repository().revoke(tenant, kid, clock.instant())) {
      return Problems.notFound("tenant " + tenant + " has no registered token key " + kid);
    }
    keyring.reload();
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
  }

  private static Map<String, Object> describe(StoredTokenKey key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kid", key.kid());
    body.put("tenant", key.tenant());
    body.put("algorithm", key.algorithm());
    body.put("fingerprint", key.fingerprint());
    body.put("createdAt", key.createdAt().toString());
    body.put("revokedAt", key.revokedAt().map(Instant::toString).orElse(null));
    return body;
  }

  private static Route invalid(String code, String message) {
    return Directives.complete(Problems.badRequest(code, message));
  }

  private Route answer(SqlCall<HttpResponse> call) {
    return ApiDirectives.onResult(SqlCall.async(blocking, call), r -> r);
  }
}
