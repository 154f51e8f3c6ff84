package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.http.ApiKeyring;
import io.limbic.cluster.http.ApiKeys;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Secret keys managed at runtime over HTTP (README "Managing keys"): the operator creates a key for a new tenant,
 * which then authenticates; the list never shows a key; a rotation keeps the old key valid for its grace and no
 * longer; a revocation takes effect; configured keys cannot be revoked; only the operator role may do any of it;
 * and each action is in the audit log of the operator's tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeyManagementContract {
  static final String OPERATOR = "acme-operator-0123456789abcdef";
  static final String ADMIN = "acme-admin-0123456789abcdef";
  /** Beyond the refresh interval: what every node sees within it, this node (which reloads at once) sees sooner. */
  static final Duration EFFECTIVE = ApiKeyring.REFRESH.plusSeconds(10);

  TestDatabase db;
  LimbicNode node;
  final ContractViolations openApi = new ContractViolations();

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + OPERATOR + ":operator, acme:" + ADMIN
        + ":read+admin"));
  }

  @AfterEach
  void responsesMatchTheOpenApiDescription() {
    openApi.assertNone();
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  ApiClient as(String key) {
    return new ApiClient(node.httpPort(), key).validating(openApi);
  }

  static String newTenant() {
    return "newco-" + UUID.randomUUID();
  }

  static String heartbeat() {
    return "{\"userId\":\"u-" + UUID.randomUUID() + "\",\"sessionId\":\"s1\",\"at\":\"" + Instant.now() + "\"}";
  }

  int heartbeatStatus(String key) throws Exception {
    return as(key).post("/v1/heartbeat", heartbeat()).status();
  }

  JsonNode create(String tenant, String body) throws Exception {
    Reply created = as(OPERATOR).post("/v1/tenants/" + tenant + "/keys", body);
    assertEquals(201, created.status(), created.raw().body());
    return created.body();
  }

  @Test
  void aKeyCreatedForANewTenantAuthenticatesIsListedWithoutItselfAndStopsWhenRevoked() throws Exception {
    String tenant = newTenant();
    Reply created = as(OPERATOR).post("/v1/tenants/" + tenant + "/keys", "{\"roles\":[\"ingest\",\"read\"]}");
    assertEquals(201, created.status(), created.raw().body());
    String key = created.body().get("key").asText();
    String name = created.body().get("name").asText();
    assertTrue(key.length() >= 32 && ApiKeys.isToken68(key), "a long token68 key");
    assertEquals(ApiKeys.nameOf(key), name);
    assertEquals(tenant, created.body().get("tenant").asText());
    assertEquals("/v1/tenants/" + tenant + "/keys/" + name, created.header("Location"));

    Eventually.within(EFFECTIVE, () -> assertEquals(200, heartbeatStatus(key)));
    Reply user = as(key).get("/v1/users/nobody-" + UUID.randomUUID());
    assertNotEquals(401, user.status(), "the key reads its own tenant");
    assertNotEquals(403, user.status(), "the key has the read role");

    Reply list = as(OPERATOR).get("/v1/tenants/" + tenant + "/keys");
    assertEquals(200, list.status(), list.raw().body());
    assertFalse(list.raw().body().contains(key), "the list never shows a key");
    JsonNode only = list.body().get("keys").get(0);
    assertEquals(1, list.body().get("keys").size());
    assertEquals(name, only.get("name").asText());
    assertEquals("[\"ingest\",\"read\"]", only.get("roles").toString());
    assertFalse(only.has("key"));
    assertTrue(only.get("revokedAt").isNull());

    assertEquals(204, as(OPERATOR).send("DELETE", "/v1/tenants/" + tenant + "/keys/" + name, null).status());
    Eventually.within(EFFECTIVE, () -> assertEquals(401, heartbeatStatus(key)));
    assertEquals(204, as(OPERATOR).send("DELETE", "/v1/tenants/" + tenant + "/keys/" + name, null).status(),
        "revoking again changes nothing");
    assertTrue(!as(OPERATOR).get("/v1/tenants/" + tenant + "/keys").body().get("keys").get(0).get("revokedAt")
        .isNull());
    assertEquals(404, as(OPERATOR).send("DELETE", "/v1/tenants/" + tenant + "/keys/key-0000000000000000", null)
        .status());
    assertEquals(404, as(OPERATOR).post("/v1/tenants/" + tenant + "/keys/" + name + "x/rotate", "{}").status());
  }

  @Test
  void aRotatedKeyStaysValidForItsGraceAndNoLonger() throws Exception {
    String tenant = newTenant();
    JsonNode first = create(tenant, "{\"roles\":[\"ingest\"]}");
    String firstKey = first.get("key").asText();
    Eventually.within(EFFECTIVE, () -> assertEquals(200, heartbeatStatus(firstKey)));

    Reply rotated = as(OPERATOR).post("/v1/tenants/" + tenant + "/keys/" + first.get("name").asText() + "/rotate",
        "{\"graceSeconds\":3600}");
    assertEquals(201, rotated.status(), rotated.raw().body());
    String secondKey = rotated.body().get("key").asText();
    assertNotEquals(firstKey, secondKey);
    assertEquals(first.get("name").asText(), rotated.body().get("replaces").asText());
    assertEquals("[\"ingest\"]", rotated.body().get("roles").toString(), "the same roles");
    Eventually.within(EFFECTIVE, () -> assertEquals(200, heartbeatStatus(secondKey)));
    assertEquals(200, heartbeatStatus(firstKey), "the old key is valid during its grace");

    Reply again = as(OPERATOR).post("/v1/tenants/" + tenant + "/keys/" + rotated.body().get("name").asText()
        + "/rotate", "{\"graceSeconds\":1}");
    assertEquals(201, again.status(), again.raw().body());
    String thirdKey = again.body().get("key").asText();
    Eventually.within(EFFECTIVE, () -> assertEquals(401, heartbeatStatus(secondKey)));
    assertEquals(200, heartbeatStatus(thirdKey));
    assertEquals(200, heartbeatStatus(firstKey), "its own grace has not ended");

    assertEquals(3, as(OPERATOR).get("/v1/tenants/" + tenant + "/keys").body().get("keys").size());
    assertEquals(409, as(OPERATOR).post("/v1/tenants/" + tenant + "/keys/" + rotated.body().get("name").asText()
        + "/rotate", "{}").status(), "a revoked key cannot be rotated");
    assertEquals(400, as(OPERATOR).post("/v1/tenants/" + tenant + "/keys/" + again.body().get("name").asText()
        + "/rotate", "{\"graceSeconds\":-1}").status());
  }

  @Test
  void configuredKeysCannotBeRevokedOrRotatedThroughTheApi() throws Exception {
    String name = ApiKeys.nameOf(ADMIN);
    Reply revoke = as(OPERATOR).send("DELETE", "/v1/tenants/acme/keys/" + name, null);
    assertEquals(409, revoke.status(), revoke.raw().body());
    assertTrue(revoke.body().get("type").asText().endsWith("/configured_key"));
    assertTrue(revoke.body().get("detail").asText().contains("LIMBIC_API_KEYS"));
    assertFalse(revoke.raw().body().contains(ADMIN));
    assertEquals(409, as(OPERATOR).post("/v1/tenants/acme/keys/" + name + "/rotate", "{}").status());
    assertEquals(200, as(ADMIN).get("/v1/audit").status(), "the key still works");
  }

  @Test
  void onlyTheOperatorRoleManagesKeys() throws Exception {
    assertEquals(403, as(ADMIN).get("/v1/tenants/acme/keys").status());
    assertEquals(403, as(ADMIN).post("/v1/tenants/acme/keys", "{}").status());
    assertEquals(403, as(ADMIN).send("DELETE", "/v1/tenants/acme/keys/" + ApiKeys.nameOf(OPERATOR), null)
        .status());
    assertEquals(403, as(ADMIN).post("/v1/tenants/acme/keys/key-0000000000000000/rotate", "{}").status());
    // A created operator key manages keys too.
    String tenant = newTenant();
    String operator = create(tenant, "{\"roles\":[\"operator\"]}").get("key").asText();
    Eventually.within(EFFECTIVE, () -> assertEquals(200, as(operator).get("/v1/tenants/" + tenant + "/keys")
        .status()));
  }

  @Test
  void refusesInvalidTenantsAndRoles() throws Exception {
    Reply tenant = as(OPERATOR).post("/v1/tenants/bad!tenant/keys", "{}");
    assertEquals(400, tenant.status(), tenant.raw().body());
    assertTrue(tenant.body().get("type").asText().endsWith("/invalid_tenant"));
    Reply reserved = as(OPERATOR).post("/v1/tenants/limbic/keys", "{\"roles\":[\"read\"]}");
    assertEquals(400, reserved.status(), reserved.raw().body());
    assertTrue(reserved.body().get("type").asText().endsWith("/reserved_tenant"), reserved.raw().body());
    assertEquals(400, as(OPERATOR).post("/v1/tenants/" + newTenant() + "/keys", "{\"roles\":[\"root\"]}")
        .status());
    assertEquals(400, as(OPERATOR).post("/v1/tenants/" + newTenant() + "/keys", "{\"roles\":[]}").status());
    assertEquals(400, as(OPERATOR).post("/v1/tenants/" + newTenant() + "/keys", "{\"expiresInSeconds\":1.5}")
        .status());
  }

  @Test
  void aKeyPastItsExpiryIsRefused() throws Exception {
    String tenant = newTenant();
    JsonNode created = create(tenant, "{\"roles\":[\"ingest\"],\"expiresInSeconds\":1}");
    assertFalse(created.get("expiresAt").isNull());
    Eventually.within(EFFECTIVE, () -> assertEquals(401, heartbeatStatus(created.get("key").asText())));
  }

  @Test
  void eachActionIsInTheAuditLogOfTheOperatorsTenant() throws Exception {
    String tenant = newTenant();
    JsonNode created = create(tenant, "{\"roles\":[\"read\",\"admin\"]}");
    String name = created.get("name").asText();
    Reply rotated = as(OPERATOR).post("/v1/tenants/" + tenant + "/keys/" + name + "/rotate", "{}");
    assertEquals(201, rotated.status());
    String newName = rotated.body().get("name").asText();
    assertEquals(204, as(OPERATOR).send("DELETE", "/v1/tenants/" + tenant + "/keys/" + newName, null).status());

    Map<String, JsonNode> byAction = new java.util.HashMap<>();
    for (JsonNode e : entries(ADMIN)) {
      String target = e.get("target").asText("");
      if (target.startsWith(tenant)) byAction.put(e.get("action").asText(), e);
    }
    assertEquals(tenant, byAction.get("api_key.create").get("target").asText());
    assertEquals(201, byAction.get("api_key.create").get("status").asInt());
    assertEquals(ApiKeys.nameOf(OPERATOR), byAction.get("api_key.create").get("who").asText());
    assertEquals(tenant + "/" + name, byAction.get("api_key.rotate").get("target").asText());
    assertEquals(201, byAction.get("api_key.rotate").get("status").asInt());
    assertEquals(tenant + "/" + newName, byAction.get("api_key.revoke").get("target").asText());
    assertEquals(204, byAction.get("api_key.revoke").get("status").asInt());

    // The new tenant's own log shows none of it: the log is the acting key's tenant's.
    String newAdmin = created.get("key").asText();
    List<JsonNode> own = Eventually.value(EFFECTIVE, () -> entries(newAdmin));
    assertTrue(own.stream().noneMatch(e -> e.get("action").asText().startsWith("api_key.")), own.toString());
  }

  List<JsonNode> entries(String key) throws Exception {
    Reply page = as(key).get("/v1/audit?limit=100");
    assertEquals(200, page.status(), page.raw().body());
    List<JsonNode> out = new ArrayList<>();
    page.body().get("entries").forEach(out::add);
    return out;
  }
}
