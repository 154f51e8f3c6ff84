package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.http.ApiKeys;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The audit log over HTTP: administrative actions of two tenants' keys are recorded with who, what, when and how
 * they were answered, each tenant sees its own only, a key without the admin role cannot read it, pages follow the
 * cursor, and no credential appears in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditContract {
  static final String ACME_ADMIN = "acme-admin-0123456789abcdef";
  static final String ACME_READ = "acme-read-0123456789abcdef";
  static final String ACME_OPERATOR = "acme-operator-0123456789abcdef";
  static final String GLOBEX_ADMIN = "globex-admin-0123456789abcdef";

  TestDatabase db;
  LimbicNode node;
  final ContractViolations openApi = new ContractViolations();

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + ACME_ADMIN + ":read+admin, acme:" + ACME_READ
        + ":read, acme:" + ACME_OPERATOR + ":operator, globex:" + GLOBEX_ADMIN + ":read+admin"));
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

  /** Every entry of the caller's tenant, following the cursor, newest first. */
  List<JsonNode> log(String key, String query) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String after = null;
    do {
      Reply page = as(key).get("/v1/audit?limit=2" + query + (after == null ? "" : "&after=" + after));
      assertEquals(200, page.status(), page.raw().body());
      page.body().get("entries").forEach(out::add);
      after = page.body().get("next").isNull() ? null : page.body().get("next").asText();
    } while (after != null);
    return out;
  }

  static JsonNode only(List<JsonNode> entries, String action) {
    List<JsonNode> found = entries.stream().filter(e -> e.get("action").asText().equals(action)).toList();
    assertEquals(1, found.size(), action + " in " + entries);
    return found.get(0);
  }

  @Test
  void recordsWhoDidWhatWhenAndHowItWasAnswered() throws Exception {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String correlation = "audit-" + UUID.randomUUID();
    Reply created = as(ACME_ADMIN).send("POST", "/v1/publishable-keys", "{\"origins\": [\"https://shop.example\"]}",
        "X-Correlation-Id", correlation);
    assertEquals(201, created.status(), created.raw().body());
    String keyId = created.body().get("id").asText();
    String publishable = created.body().get("key").asText();
    assertEquals(204, as(ACME_ADMIN).send("DELETE", "/v1/publishable-keys/" + keyId, null).status());
    assertEquals(400, as(ACME_ADMIN).put("/v1/config/signals", "{\"rageMinClicks\": \"many\"}").status());
    assertEquals(403, as(ACME_READ).post("/v1/publishable-keys", "{}").status(), "the read key may not");
    assertEquals(200, as(ACME_OPERATOR).post("/v1/projections/user-activity/pause", "").status());
    assertEquals(200, as(ACME_OPERATOR).post("/v1/projections/user-activity/resume", "").status());
    assertEquals(201, as(GLOBEX_ADMIN).post("/v1/publishable-keys", "{}").status());

    List<JsonNode> acme = log(ACME_ADMIN, "");
    JsonNode creation = only(acme.stream().filter(e -> e.get("status").asInt() == 201).toList(),
        "publishable_key.create");
    assertEquals(ApiKeys.nameOf(ACME_ADMIN), creation.get("who").asText());
    assertEquals(List.of("admin", "read"), strings(creation.get("roles")));
    assertEquals(keyId, creation.get("target").asText(), "a creation names what it created");
    assertEquals(201, creation.get("status").asInt());
    assertEquals(correlation, creation.get("correlationId").asText());
    assertEquals(created.header("X-Request-Id"), creation.get("requestId").asText());
    assertFalse(Instant.parse(creation.get("at").asText()).isBefore(started));

    JsonNode revocation = only(acme, "publishable_key.revoke");
    assertEquals(keyId, revocation.get("target").asText());
    assertEquals(204, revocation.get("status").asInt());
    assertEquals(400, only(acme, "config.signals.update").get("status").asInt(), "a refused change is recorded");
    JsonNode pause = only(acme, "projection.pause");
    assertEquals(ApiKeys.nameOf(ACME_OPERATOR), pause.get("who").asText());
    assertEquals("user-activity", pause.get("target").asText());
    assertEquals(200, only(acme, "projection.resume").get("status").asInt());
    List<JsonNode> refused = acme.stream().filter(e -> e.get("status").asInt() == 403).toList();
    assertEquals(1, refused.size(), "the read key's attempt is recorded as refused");
    assertEquals(ApiKeys.nameOf(ACME_READ), refused.get(0).get("who").asText());

    assertTrue(acme.stream().noneMatch(e -> e.get("who").asText().equals(ApiKeys.nameOf(GLOBEX_ADMIN))),
        "a tenant never sees another's actions");
    List<JsonNode> globex = log(GLOBEX_ADMIN, "");
    assertEquals(1, globex.size(), globex.toString());
    assertEquals(ApiKeys.nameOf(GLOBEX_ADMIN), globex.get(0).get("who").asText());

    List<Long> ids = acme.stream().map(e -> Long.parseLong(e.get("id").asText())).toList();
    List<Long> newestFirst = new ArrayList<>(ids);
    newestFirst.sort((a, b) -> Long.compare(b, a));
    assertEquals(newestFirst, ids, "pages are newest first and the cursor loses or repeats nothing");
    assertEquals(List.of("publishable_key.create", "publishable_key.create"),
        log(ACME_ADMIN, "&action=publishable_key.create").stream().map(e -> e.get("action").asText()).toList(),
        "the read key's refused creation and the admin's");

    String everything = as(ACME_ADMIN).get("/v1/audit?limit=500").raw().body()
        + as(GLOBEX_ADMIN).get("/v1/audit?limit=500").raw().body();
    for (String secret : List.of(ACME_ADMIN, ACME_READ, ACME_OPERATOR, GLOBEX_ADMIN, publishable)) {
      assertFalse(everything.contains(secret), "no credential in the log");
    }
  }

  @Test
  void onlyAdminsReadTheLogAndReadingIsNoAction() throws Exception {
    Reply refused = as(ACME_READ).get("/v1/audit");
    assertEquals(403, refused.status());
    assertEquals(403, as(ACME_OPERATOR).get("/v1/audit").status());
    assertEquals(400, as(ACME_ADMIN).get("/v1/audit?limit=0").status());
    assertEquals(401, new ApiClient(node.httpPort(), "not-a-key-0123456789").validating(openApi)
        .post("/v1/projections/user-activity/pause", "").status());
    for (JsonNode e : log(ACME_ADMIN, "")) {
      assertNotNull(e.get("action").asText());
      assertFalse(e.get("action").asText().startsWith("audit"), "reading the log is not recorded");
      assertFalse(e.get("who").asText().equals(ApiKeys.nameOf("not-a-key-0123456789")), "a 401 is not recorded");
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
