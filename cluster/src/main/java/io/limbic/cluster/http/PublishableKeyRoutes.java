package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.projections.keys.PublishableKeyRepository;
import io.limbic.projections.keys.PublishableKeyRepository.StoredKey;
import io.limbic.protocol.http.Validated;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v1/publishable-keys} (admin): {@code POST {"origins": [...]}} creates a key for the tenant and shows it
 * once (201; only its digest is stored), {@code GET} lists the tenant's created keys (ids and origins, never the
 * keys), {@code DELETE /v1/publishable-keys/{id}} revokes one. Keys from {@code LIMBIC_PUBLISHABLE_KEYS} are not
 * listed and cannot be revoked here.
 */
public final class PublishableKeyRoutes {
  static final int MAX_ORIGINS = 20;
  private static final long MAX_BODY = 16 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PublishableKeyring keyring;
  private final Executor blocking;
  private final Clock clock;

  public PublishableKeyRoutes(PublishableKeyring keyring, Executor blocking, Clock clock) {
    this.keyring = keyring;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.pathPrefix("publishable-keys", () -> Directives.concat(
        Directives.pathEnd(() -> Directives.concat(
            Directives.get(() -> answer(() -> list(tenant))),
            Directives.post(() -> ApiDirectives.jsonBody(MAX_BODY, json -> create(tenant, json))))),
        Directives.path(PathMatchers.segment(), id -> Directives.delete(() -> answer(() -> revoke(tenant, id))))));
  }

  static Validated<List<String>> origins(JsonNode json) {
    JsonNode origins = json.isObject() ? json.get("origins") : null;
    if (origins == null || origins.isNull()) return Validated.valid(List.of());
    if (!origins.isArray() || origins.size() > MAX_ORIGINS) {
      return Validated.invalid("invalid_field", "origins must be an array of at most " + MAX_ORIGINS + " origins");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode origin : origins) {
      var normal = origin.isTextual() ? AllowedOrigins.normalize(origin.asText().strip()) : java.util.Optional.<String>empty();
      if (normal.isEmpty()) return Validated.invalid("invalid_field", "each origin must be scheme://host[:port]");
      out.add(normal.get());
    }
    return Validated.valid(List.copyOf(out));
  }

  private Route create(String tenant, JsonNode json) {
    Validated<List<String>> origins = origins(json);
    if (origins instanceof Validated.Invalid<List<String>> bad) {
      return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
    }
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    byte[] idBytes = new byte[8];
    RANDOM.nextBytes(idBytes);
    String key = "pk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    StoredKey stored = new StoredKey("pk-" + HexFormat.of().formatHex(idBytes), tenant, KeyDigests.hexDigest(key),
        origins.get(), clock.instant());
    return answer(() -> {
      if (!keyring.repository().insert(stored)) {
        return Problems.conflict("a tenant has at most " + PublishableKeyRepository.MAX_KEYS_PER_TENANT
            + " publishable keys");
      }
      keyring.reload();
      Map<String, Object> body = describe(stored);
      body.put("key", key);
      return Json.response(StatusCodes.CREATED, body)
          .addHeader(RawHeader.create("Location", "/v1/publishable-keys/" + stored.id()));
    });
  }

  private HttpResponse list(String tenant) throws SQLException {
    List<Map<String, Object>> keys = new ArrayList<>();
    for (StoredKey key : keyring.repository().list(tenant)) keys.add(describe(key));
    return Json.ok(Map.of("keys", keys));
  }

  private HttpResponse revoke(String tenant, String id) throws SQLException {
    if (!keyring.repository().delete(tenant, id)) return Problems.notFound("no publishable key " + id);
    keyring.reload();
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
  }

  private static Map<String, Object> describe(StoredKey key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", key.id());
    body.put("origins", key.origins());
    body.put("createdAt", key.createdAt().toString());
    return body;
  }

  private Route answer(SqlCall<HttpResponse> call) {
    return ApiDirectives.onResult(SqlCall.async(blocking, call), r -> r);
  }
}
