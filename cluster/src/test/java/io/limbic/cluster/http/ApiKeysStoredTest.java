package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.projections.keys.ApiKeyRepository.StoredApiKey;
import io.limbic.protocol.http.Validated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Secret keys created at runtime, as {@link ApiKeys} authenticates them, and the API's checks of their requests. */
class ApiKeysStoredTest {
  private static final String CONFIGURED = "acme-0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  private static StoredApiKey stored(String key, String tenant, List<String> roles, Optional<Instant> expires,
      Optional<Instant> revoked) {
    return new StoredApiKey(ApiKeys.nameOf(key), tenant, KeyDigests.hexDigest(key), roles, NOW, expires, revoked);
  }

  @Test
  void aStoredKeyAuthenticatesAsItsTenantWithItsRolesAndName() {
    String key = ApiKeyRoutes.generate();
    ApiKeys keys = ApiKeys.parse("acme:" + CONFIGURED)
        .withStored(() -> StoredApiKeys.of(List.of(stored(key, "newco", List.of("ingest", "read"),
            Optional.empty(), Optional.empty()))), clock);
    Caller caller = keys.callerOf(key).orElseThrow();
    assertEquals("newco", caller.tenant());
    assertEquals(EnumSet.of(Role.INGEST, Role.READ), caller.roles());
    assertEquals(ApiKeys.nameOf(key), caller.name());
    assertEquals(Optional.of("acme"), keys.tenantOf(CONFIGURED), "configured keys stay");
    assertEquals(Optional.of(caller), keys.secretCallerNamed("newco", ApiKeys.nameOf(key)));
    assertEquals(Optional.empty(), keys.secretCallerNamed("acme", ApiKeys.nameOf(key)), "another tenant's name");
    assertTrue(keys.isConfigured("acme", ApiKeys.nameOf(CONFIGURED)));
    assertFalse(keys.isConfigured("newco", ApiKeys.nameOf(key)), "a stored key is not a configured one");
  }

  @Test
  void aRotatedOrExpiringKeyStopsAtItsInstantWithoutAReload() {
    String rotated = ApiKeyRoutes.generate();
    String expiring = ApiKeyRoutes.generate();
    StoredApiKeys table = StoredApiKeys.of(List.of(
        stored(rotated, "acme", List.of("admin"), Optional.empty(), Optional.of(NOW.plusSeconds(60))),
        stored(expiring, "acme", List.of("admin"), Optional.of(NOW.plusSeconds(30)), Optional.of(NOW.plusSeconds(90)))));
    ApiKeys keys = ApiKeys.parse("acme:" + CONFIGURED).withStored(() -> table, clock);
    assertTrue(keys.callerOf(rotated).isPresent());
    assertTrue(keys.callerOf(expiring).isPresent());
    now.set(NOW.plusSeconds(30));
    assertTrue(keys.callerOf(rotated).isPresent());
    assertFalse(keys.callerOf(expiring).isPresent(), "expired before its revocation");
    now.set(NOW.plusSeconds(60));
    assertFalse(keys.callerOf(rotated).isPresent(), "the grace has ended");
    assertEquals(ApiKeys.KEY_REFUSED, keys.refusal(rotated));
    assertEquals(Optional.empty(), keys.secretCallerNamed("acme", ApiKeys.nameOf(rotated)), "its sessions end too");
  }

  @Test
  void anUnknownStoredRoleGrantsNothing() {
    assertEquals(EnumSet.of(Role.READ), StoredApiKeys.roles(List.of("read", "superuser")));
  }

  @Test
  void generatedKeysAreLongUniqueToken68() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String key = ApiKeyRoutes.generate();
      assertTrue(key.length() >= 32 && ApiKeys.isToken68(key), key.length() + " characters");
      assertTrue(seen.add(key));
    }
  }

  @Test
  void rolesAreLabelsDefaultingToThoseOfAConfiguredKey() throws Exception {
    assertEquals(Role.all(), valid(ApiKeyRoutes.roles(json("{}"))));
    assertEquals(EnumSet.of(Role.OPERATOR), valid(ApiKeyRoutes.roles(json("{\"roles\":[\"operator\"]}"))));
    assertTrue(ApiKeyRoutes.roles(json("{\"roles\":[]}")) instanceof Validated.Invalid);
    assertTrue(ApiKeyRoutes.roles(json("{\"roles\":[\"root\"]}")) instanceof Validated.Invalid);
    assertTrue(ApiKeyRoutes.roles(json("{\"roles\":\"read\"}")) instanceof Validated.Invalid);
  }

  @Test
  void graceIsWholeSecondsWithinItsBounds() throws Exception {
    Optional<Duration> dflt = Optional.of(ApiKeyRoutes.DEFAULT_GRACE);
    assertEquals(dflt, valid(ApiKeyRoutes.seconds(json("{}"), "graceSeconds", dflt, ApiKeyRoutes.MAX_GRACE)));
    assertEquals(Optional.of(Duration.ZERO),
        valid(ApiKeyRoutes.seconds(json("{\"graceSeconds\":0}"), "graceSeconds", dflt, ApiKeyRoutes.MAX_GRACE)));
    for (String bad : List.of("-1", "1.5", "\"60\"", "2592001")) {
      assertTrue(ApiKeyRoutes.seconds(json("{\"graceSeconds\":" + bad + "}"), "graceSeconds", dflt,
          ApiKeyRoutes.MAX_GRACE) instanceof Validated.Invalid, bad);
    }
  }

  @Test
  void theKeyRoutesAreAuditedWithTenantAndNameAsTarget() {
    assertEquals(Optional.of(new AdminActions.Named("api_key.create", "acme")),
        AdminActions.of("POST", List.of("v1", "tenants", "acme", "keys")));
    assertEquals(Optional.of(new AdminActions.Named("api_key.rotate", "acme/key-0123456789abcdef")),
        AdminActions.of("POST", List.of("v1", "tenants", "acme", "keys", "key-0123456789abcdef", "rotate")));
    assertEquals(Optional.of(new AdminActions.Named("api_key.revoke", "acme/key-0123456789abcdef")),
        AdminActions.of("DELETE", List.of("v1", "tenants", "acme", "keys", "key-0123456789abcdef")));
    assertEquals(Optional.empty(), AdminActions.of("GET", List.of("v1", "tenants", "acme", "keys")));
  }

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  private static <T> T valid(Validated<T> v) {
    return ((Validated.Valid<T>) v).value();
  }
}
