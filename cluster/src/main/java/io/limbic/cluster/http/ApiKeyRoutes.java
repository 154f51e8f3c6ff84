package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.projections.keys.ApiKeyRepository;
import io.limbic.projections.keys.ApiKeyRepository.Rotation;
import io.limbic.projections.keys.ApiKeyRepository.StoredApiKey;
import io.limbic.protocol.Ids;
import io.limbic.protocol.http.Problem;
import io.limbic.protocol.http.Validated;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v1/tenants/{tenant}/keys} (operator, for any tenant): {@code POST {"roles": [...]}} creates a secret key
 * and shows it once (201; only its digest is stored), {@code GET} lists the tenant's created keys (names, roles and
 * dates, never the keys), {@code POST .../{name}/rotate {"graceSeconds": n}} creates a key with the same roles and
 * revokes the old one once the grace has passed, {@code DELETE .../{name}} revokes one now. A tenant exists once it
 * has a key, so creating a key for a new tenant id creates the tenant. Keys from {@code LIMBIC_API_KEYS} are not
 * listed and cannot be rotated or revoked here (409).
 */
public final class ApiKeyRoutes {
  static final Duration DEFAULT_GRACE = Duration.ofHours(24);
  static final Duration MAX_GRACE = Duration.ofDays(30);
  static final Duration MAX_LIFETIME = Duration.ofDays(3650);
  private static final long MAX_BODY = 16 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiKeyring keyring;
  private final ApiKeys configured;
  private final Executor blocking;
  private final Clock clock;

  public ApiKeyRoutes(ApiKeyring keyring, ApiKeys configured, Executor blocking, Clock clock) {
    this.keyring = keyring;
    this.configured = configured;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** The routes; the caller's own tenant plays no part (an operator acts on every tenant). */
  public Route routes(String callerTenant) {
    return Directives.pathPrefix("tenants", () -> Directives.pathPrefix(PathMatchers.segment(), tenant ->
        Directives.pathPrefix("keys", () -> Directives.concat(
            Directives.pathEnd(() -> Directives.concat(
                Directives.get(() -> validTenant(tenant, () -> answer(() -> list(tenant)))),
                Directives.post(() -> ApiDirectives.jsonBody(MAX_BODY,
                    json -> validTenant(tenant, () -> create(tenant, json)))))),
            Directives.path(PathMatchers.segment(), name ->
                Directives.delete(() -> validTenant(tenant, () -> answer(() -> revoke(tenant, name))))),
            Directives.path(PathMatchers.segment().slash("rotate"), name ->
                Directives.post(() -> ApiDirectives.jsonBody(MAX_BODY,
                    json -> validTenant(tenant, () -> rotate(tenant, name, json)))))))));
  }

  /** A new secret key: {@code lk_} and 32 random bytes, base64url (token68, 46 characters). */
  static String generate() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return "lk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** The body's {@code roles}: labels of {@link Role}; absent, ingest, read and admin (as a configured key). */
  static Validated<Set<Role>> roles(JsonNode json) {
    JsonNode roles = json.isObject() ? json.get("roles") : null;
    if (roles == null || roles.isNull()) return Validated.valid(Role.all());
    if (!roles.isArray() || roles.isEmpty()) {
      return Validated.invalid("invalid_field", "roles must be a non-empty array of ingest, read, admin, operator");
    }
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (JsonNode role : roles) {
      Optional<Role> known = role.isTextual() ? Role.ofLabel(role.asText()) : Optional.empty();
      if (known.isEmpty()) return Validated.invalid("invalid_field", "each role must be ingest, read, admin or operator");
      out.add(known.get());
    }
    return Validated.valid(out);
  }

  /** A whole number of seconds in {@code field}, 0 to {@code max}; absent, {@code absent} (which may be empty). */
  static Validated<Optional<Duration>> seconds(JsonNode json, String field, Optional<Duration> absent, Duration max) {
    JsonNode value = json.isObject() ? json.get(field) : null;
    if (value == null || value.isNull()) return Validated.valid(absent);
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0
        || value.asLong() > max.toSeconds()) {
      return Validated.invalid("invalid_field", field + " must be a whole number of seconds from 0 to " + max.toSeconds());
    }
    return Validated.valid(Optional.of(Duration.ofSeconds(value.asLong())));
  }

  private Route create(String tenant, JsonNode json) {
    Validated<Set<Role>> roles = roles(json);
    if (roles instanceof Validated.Invalid<Set<Role>> bad) return invalid(bad.code(), bad.message());
    Validated<Optional<Duration>> lifetime = seconds(json, "expiresInSeconds", Optional.empty(), MAX_LIFETIME);
    if (lifetime instanceof Validated.Invalid<Optional<Duration>> bad) return invalid(bad.code(), bad.message());
    Instant now = clock.instant();
    String key = generate();
    StoredApiKey stored = stored(tenant, key, roles.get(), now, lifetime.get().map(now::plus));
    return answer(() -> {
      if (!keyring.repository().insert(stored, now)) return tooMany();
      keyring.reload();
      return created(tenant, stored, key);
    });
  }

  private Route rotate(String tenant, String name, JsonNode json) {
    Validated<Optional<Duration>> grace = seconds(json, "graceSeconds", Optional.of(DEFAULT_GRACE), MAX_GRACE);
    if (grace instanceof Validated.Invalid<Optional<Duration>> bad) return invalid(bad.code(), bad.message());
    if (configured.isConfigured(tenant, name)) return Directives.complete(configuredKey(name, "rotated"));
    return answer(() -> {
      Instant now = clock.instant();
      Optional<StoredApiKey> old = keyring.repository().find(tenant, name);
      if (old.isEmpty()) return Problems.notFound("tenant " + tenant + " has no created key " + name);
      String key = generate();
      StoredApiKey replacement = stored(tenant, key, StoredApiKeys.roles(old.get().roles()), now, Optional.empty());
      Instant revokeAt = now.plus(grace.get().orElseThrow());
      Rotation rotation = keyring.repository().rotate(tenant, name, replacement, revokeAt, now);
      return switch (rotation) {
        case NOT_FOUND -> Problems.notFound("tenant " + tenant + " has no created key " + name);
        case ALREADY_REVOKED -> Problems.conflict("key " + name + " is revoked or expired: create a new key instead");
        case TOO_MANY -> tooMany();
        case ROTATED -> {
          keyring.reload();
          Map<String, Object> body = describe(replacement);
          body.put("key", key);
          body.put("replaces", name);
          body.put("replacedKeyRevokedAt",
              old.get().revokedAt().filter(r -> r.isBefore(revokeAt)).orElse(revokeAt).toString());
          yield Json.response(StatusCodes.CREATED, body).addHeader(location(tenant, replacement));
        }
      };
    });
  }

  private HttpResponse list(String tenant) throws SQLException {
    List<Map<String, Object>> keys = new ArrayList<>();
    for (StoredApiKey key : keyring.repository().list(tenant)) keys.add(describe(key));
    return Json.ok(Map.of("tenant", tenant, "keys", keys));
  }

  private HttpResponse revoke(String tenant, String name) throws SQLException {
    if (configured.isConfigured(tenant, name)) return configuredKey(name, "revoked");
    if (!keyring.repository().revoke(tenant, name, clock.instant())) {
      return Problems.notFound("tenant " + tenant + " has no created key " + name);
    }
    keyring.reload();
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
  }

  private static StoredApiKey stored(String tenant, String key, Set<Role> roles, Instant now,
      Optional<Instant> expiresAt) {
    List<String> labels = roles.stream().sorted().map(Role::label).toList();
    return new StoredApiKey(ApiKeys.nameOf(key), tenant, KeyDigests.hexDigest(key), labels, now, expiresAt,
        Optional.empty());
  }

  private static HttpResponse created(String tenant, StoredApiKey stored, String key) {
    Map<String, Object> body = describe(stored);
    body.put("key", key);
    return Json.response(StatusCodes.CREATED, body).addHeader(location(tenant, stored));
  }

  private static RawHeader location(String tenant, StoredApiKey stored) {
    return RawHeader.create("Location", "/v1/tenants/" + tenant + "/keys/" + stored.name());
  }

  private static Map<String, Object> describe(StoredApiKey key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", key.name());
    body.put("tenant", key.tenant());
    body.put("roles", key.roles());
    body.put("createdAt", key.createdAt().toString());
    body.put("expiresAt", key.expiresAt().map(Instant::toString).orElse(null));
    body.put("revokedAt", key.revokedAt().map(Instant::toString).orElse(null));
    return body;
  }

  private static HttpResponse configuredKey(String name, String verb) {
    return Problems.response(Problem.of(409, "configured_key", "Conflict", "key " + name
        + " comes from the configuration (LIMBIC_API_KEYS) and cannot be " + verb
        + " through the API: change the setting and restart the nodes"));
  }

  private static HttpResponse tooMany() {
    return Problems.conflict("a tenant has at most " + ApiKeyRepository.MAX_KEYS_PER_TENANT + " valid created keys");
  }

  private static Route invalid(String code, String message) {
    return Directives.complete(Problems.badRequest(code, message));
  }

  /** The tenant of an operator's path: a valid id, and not the node's own (shared by the key routes). */
  static Route validTenant(String tenant, java.util.function.Supplier<Route> inner) {
    if (!Ids.isValidTenant(tenant)) return invalid("invalid_tenant", "the tenant id must be " + Ids.describeRule());
    // The node's own: its readiness probe's entities and its user tokens' issuer (README "Readiness").
    if (tenant.equals(UserTokens.ISSUER)) {
      return invalid("reserved_tenant", "the tenant id '" + UserTokens.ISSUER + "' is reserved for the node itself");
    }
    return inner.get();
  }

  private Route answer(SqlCall<HttpResponse> call) {
    return ApiDirectives.onResult(SqlCall.async(blocking, call), r -> r);
  }
}
