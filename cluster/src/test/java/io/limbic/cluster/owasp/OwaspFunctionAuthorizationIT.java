package io.limbic.cluster.owasp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.owasp.OwaspCases.Case;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.OpenApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OWASP API5 (broken function-level authorization) on every operation of openapi.json, by its {@code x-limbic-role}:
 * each key holding one role other than the operation's gets 403 {@code role_required} problem+json; every admin and
 * operator operation refuses user tokens (403) and publishable keys (401 or 403); and none of it writes a row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwaspFunctionAuthorizationIT {
  private static final Map<String, String> SINGLE_ROLE_KEYS = Map.of("ingest", OwaspNode.ACME_INGEST, "read",
      OwaspNode.ACME_READ, "admin", OwaspNode.ACME_ADMIN, "operator", OwaspNode.ACME_OPERATOR);
  private static final Set<String> ROLES = SINGLE_ROLE_KEYS.keySet();
  /** Served to read and to admin keys alike (README "Roles" lists it under both). */
  private static final Set<String> READ_OR_ADMIN = Set.of("GET /v1/agents/notifications/channels");

  OwaspNode owasp;

  @BeforeAll
  void start() throws Exception {
    owasp = OwaspNode.start(Map.of()).seeded();
  }

  @AfterAll
  void stop() {
    if (owasp != null) owasp.close();
  }

  @Test
  void everyOperationOfTheApiNamesItsRole() {
    List<String> unnamed = new ArrayList<>();
    for (OpenApi.Operation op : OwaspCases.operations()) {
      if (op.template().startsWith("/v1/") && OwaspCases.takesBearer(op) && !ROLES.contains(OwaspCases.role(op))) {
        unnamed.add(op.toString());
      }
    }
    assertEquals(List.of(), unnamed, "/v1 operations without an x-limbic-role of " + ROLES);
  }

  @Test
  void keysWithoutTheOperationsRoleAreRefusedAndNothingIsWritten() throws Exception {
    Reply issued = owasp.as(OwaspNode.ACME_ALL).post("/v1/users/" + owasp.acme.user() + "/token", "{}");
    OwaspNode.ok(issued);
    String token = issued.body().get("token").asText();
    Map<String, Long> before = owasp.settledRowCounts();
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (OpenApi.Operation op : OwaspCases.operations()) {
      String role = OwaspCases.role(op);
      if (!ROLES.contains(role) || !OwaspCases.takesBearer(op)) continue;
      Case c = OwaspCases.of(op, owasp.acme);
      for (Map.Entry<String, String> key : SINGLE_ROLE_KEYS.entrySet()) {
        if (key.getKey().equals(role)) continue;
        if (key.getKey().equals("admin") && READ_OR_ADMIN.contains(op.toString())) continue;
        Reply reply = owasp.send(c, key.getValue());
        sent++;
        if (reply.status() != 403 || !OwaspNode.isProblem(reply)
            || !reply.body().path("type").asText().endsWith("role_required")) {
          wrong.add(c + " with only " + key.getKey() + " -> " + reply.status() + " " + OwaspNode.clip(reply.raw().body()));
        }
      }
      if (role.equals("admin") || role.equals("operator")) {
        Reply byToken = owasp.send(c, token);
        Reply byPublishable = owasp.send(c, OwaspNode.ACME_PUBLISHABLE);
        sent += 2;
        if (byToken.status() != 403 || !OwaspNode.isProblem(byToken)) {
          wrong.add(c + " with a user token -> " + byToken.status() + " " + OwaspNode.clip(byToken.raw().body()));
        }
        if (!Set.of(401, 403).contains(byPublishable.status()) || !OwaspNode.isProblem(byPublishable)) {
          wrong.add(c + " with a publishable key -> " + byPublishable.status() + " "
              + OwaspNode.clip(byPublishable.raw().body()));
        }
      }
    }
    assertTrue(sent > 250, "requests sent: " + sent);
    assertEquals(List.of(), wrong, "operations served without their role");
    assertEquals(before, owasp.rowCounts(), "rows per table after the refused requests (audit log aside)");
  }
}
