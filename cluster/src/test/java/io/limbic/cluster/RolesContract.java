package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.protocol.TenantScopedId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Key roles over HTTP: every route of a group answers 403 naming the role to a key without it, and serves a key
 * with it; a key configured without roles (today's settings) may do everything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RolesContract {
  static final String ALL = "acme-all-0123456789abcdef";
  static final String INGEST = "acme-ingest-0123456789abcdef";
  static final String READ = "acme-read-0123456789abcdef";
  static final String ADMIN = "acme-admin-0123456789abcdef";
  static final String READ_AND_ADMIN = "acme-ops-0123456789abcdef";
  static final String OPERATOR = "acme-operator-0123456789abcdef";

  /** One request of the API and the role group it belongs to. */
  record Call(String group, String method, String path, String body) {
    Reply send(ApiClient client) throws Exception {
      return switch (method) {
        case "GET" -> client.get(path);
        case "PUT" -> client.put(path, body);
        default -> client.post(path, body);
      };
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  TestDatabase db;
  LimbicNode node;
  final String user = "r-" + UUID.randomUUID();

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of("limbic.api-keys",
        "acme:" + ALL + ", acme:" + INGEST + ":ingest, acme:" + READ + ":read, acme:" + ADMIN + ":admin,"
            + " acme:" + READ_AND_ADMIN + ":read+admin, acme:" + OPERATOR + ":operator"));
  }

  /** Every response these tests receive is checked against openapi.json. */
  final ContractViolations openApi = new ContractViolations();

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

  List<Call> calls() {
    String heartbeat = "{\"userId\":\"" + user + "\"}";
    String profile = "{\"birthYear\":1990,\"gender\":\"f\",\"seeking\":[\"m\"],\"location\":{\"lat\":52.1,\"lon\":4.3},"
        + "\"interests\":[\"jazz\"],\"languages\":[\"nl\"],\"about\":\"likes long walks\"}";
    return List.of(
        new Call("ingest", "POST", "/v1/heartbeat", heartbeat),
        new Call("ingest", "POST", "/v1/heartbeat/validate", heartbeat),
        new Call("ingest", "POST", "/v1/heartbeats", "{\"heartbeats\":[" + heartbeat + "]}"),
        new Call("ingest", "POST", "/v1/sessions/s-" + user + "/telemetry", "{\"samples\":[]}"),
        new Call("ingest", "GET", "/v1/stream?sessionId=s-" + user, null),
        new Call("ingest", "POST", "/v1/identify", "{\"visitorId\":\"v-" + user + "\",\"userId\":\"" + user + "\"}"),
        new Call("ingest", "POST", "/v1/events", "{\"events\":[]}"),
        new Call("ingest", "POST", "/v1/interactions", "{\"interactions\":[]}"),
        new Call("ingest", "PUT", "/v1/users/" + user + "/profile", profile),
        new Call("ingest", "POST", "/v1/matches/" + user + "~x~20260101/action", "{\"action\":\"like\"}"),
        new Call("read", "GET", "/v1/users/" + user, null),
        new Call("read", "GET", "/v1/users/" + user + "/profile", null),
        new Call("read", "GET", "/v1/users/" + user + "/matches/daily", null),
        new Call("read", "GET", "/v1/sessions/s-" + user, null),
        new Call("read", "GET", "/v1/activity", null),
        new Call("read", "GET", "/v1/matches/quality", null),
        new Call("read", "GET", "/v1/scheduler/status", null),
        new Call("read", "GET", "/v1/config/signals", null),
        new Call("admin", "PUT", "/v1/config/signals", "{}"),
        new Call("admin", "GET", "/v1/projections", null),
        new Call("operator", "POST", "/v1/projections/no-such-model/pause", ""),
        new Call("operator", "POST", "/v1/agents/no-such-agent/pause", ""),
        new Call("admin", "GET", "/v1/agents/notifications/channels", null));
  }

  @Test
  void aKeyWithoutTheGroupsRoleGets403NamingIt() throws Exception {
    Map<String, String> keyOnlyFor = Map.of("ingest", INGEST, "read", READ, "admin", ADMIN, "operator", OPERATOR);
    for (Call call : calls()) {
      for (Map.Entry<String, String> key : keyOnlyFor.entrySet()) {
        Reply reply = call.send(as(key.getValue()));
        if (key.getKey().equals(call.group())) {
          assertNotEquals(403, reply.status(), call + " with the " + key.getKey() + " role: " + reply.raw().body());
          assertNotEquals(401, reply.status(), call + ": " + reply.raw().body());
        } else {
          assertEquals(403, reply.status(), call + " with only " + key.getKey() + ": " + reply.raw().body());
          assertEquals("application/problem+json", reply.contentType(), call.toString());
          assertEquals("role_required", reply.body().get("type").asText().replaceAll(".*[/:]", ""), call.toString());
          assertTrue(reply.body().get("detail").asText().contains("'" + call.group() + "'"), reply.raw().body());
        }
      }
    }
  }

  @Test
  void aKeyWithoutRolesMayDoEverythingButOperateTheCluster() throws Exception {
    for (Call call : calls()) {
      Reply reply = call.send(as(ALL));
      if (call.group().equals("operator")) {
        assertEquals(403, reply.status(), call + " acts on every tenant: " + reply.raw().body());
        continue;
      }
      assertTrue(reply.status() != 401 && reply.status() != 403 && reply.status() != 405, call + ": " + reply.raw().body());
    }
    assertEquals(200, as(ALL).post("/v1/heartbeat", "{\"userId\":\"" + user + "\"}").status());
    assertEquals(200, as(ALL).get("/v1/users/" + user).status());
    assertEquals(200, as(ALL).get("/v1/projections").status());
    assertEquals(200, as(READ_AND_ADMIN).get("/v1/config/signals").status());
    assertEquals(200, as(READ_AND_ADMIN).get("/v1/projections").status());
    assertEquals(403, as(READ_AND_ADMIN).post("/v1/heartbeat", "{\"userId\":\"" + user + "\"}").status());
  }

  @Test
  void aRefusedWritePersistsNothing() throws Exception {
    String fresh = "r-" + UUID.randomUUID();
    String persistenceId = "User|" + new TenantScopedId("acme", fresh).entityId();
    assertEquals(403, as(READ).post("/v1/heartbeat", "{\"userId\":\"" + fresh + "\"}").status());
    assertEquals(403, as(ADMIN).put("/v1/users/" + fresh + "/profile", "{}").status());
    assertEquals(0, db.journalRows(persistenceId));
  }

  @Test
  void unknownPathsAndMethodsStay404And405WhateverTheKeyMayDo() throws Exception {
    for (String key : List.of(INGEST, READ, ADMIN)) {
      assertEquals(404, as(key).get("/v1/no-such-resource").status(), key);
      assertEquals(404, as(key).post("/v1/no-such-resource", "{}").status(), key);
      assertEquals(405, as(key).put("/v1/heartbeat", "{}").status(), key);
    }
  }
}
