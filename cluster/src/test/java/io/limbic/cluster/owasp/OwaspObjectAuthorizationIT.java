package io.limbic.cluster.owasp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.owasp.OwaspCases.Case;
import io.limbic.cluster.owasp.OwaspCases.Target;
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
 * OWASP API1 (broken object-level authorization) on every operation of openapi.json with a path parameter: tenant
 * acme's key names globex's seeded objects (a read is 404 or 403, nothing of globex changes), and a user token of
 * one user names another user of the same tenant (404 or 403, nothing of that user changes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwaspObjectAuthorizationIT {
  /** The token reads these for its own user, so another user's must look absent (404), not forbidden. */
  private static final Set<String> SERVED_TO_TOKENS = Set.of("GET /v1/users/{userId}", "GET /v1/users/{userId}/profile",
      "GET /v1/users/{userId}/matches/daily", "POST /v1/sessions/{sessionId}/telemetry");

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
  void everyOperationHasACase() {
    assertEquals(List.of(), OwaspCases.missing());
  }

  /**
   * Operator routes are left out: they name global things by design (projections, agents, any tenant's keys, see
   * README "Roles"); OwaspFunctionAuthorizationIT checks that only the operator role reaches them.
   */
  @Test
  void oneTenantsKeyReachesNoObjectOfAnother() throws Exception {
    Map<String, String> before = owasp.snapshot(owasp.globex, OwaspNode.GLOBEX_ALL);
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    // Reads first: a write below may create acme's own object of the same id (ids are per tenant), which acme may read.
    List<OpenApi.Operation> readsFirst = new ArrayList<>(OwaspCases.operations());
    readsFirst.sort(java.util.Comparator.comparing(op -> !op.method().equals("GET")));
    for (OpenApi.Operation op : readsFirst) {
      if (OwaspCases.pathParameters(op).isEmpty() || !OwaspCases.takesBearer(op)) continue;
      if (OwaspCases.role(op).equals("operator")) continue;
      Case c = OwaspCases.of(op, owasp.globex);
      Reply reply = owasp.send(c, OwaspNode.ACME_ALL);
      sent++;
      if (op.method().equals("GET") && reply.status() == 200) {
        // Some reads answer an unknown id of the caller's tenant with an empty page (daily matches): fine, if it
        // holds nothing of globex.
        String body = reply.raw().body();
        for (String theirs : List.of(owasp.globex.other(), owasp.globex.session(), owasp.globex.job(),
            owasp.globex.publishableId())) {
          if (body.contains(theirs)) {
            wrong.add(c + " -> 200 naming " + theirs + ": " + OwaspNode.clip(body));
          }
        }
        continue;
      }
      check(c, reply, op.method().equals("GET") ? Set.of(403, 404) : null, wrong);
    }
    assertTrue(sent >= 20, "operations with a path parameter: " + sent);
    assertEquals(List.of(), wrong, "answers to acme's key naming globex's objects");
    assertEquals(before, owasp.snapshot(owasp.globex, OwaspNode.GLOBEX_ALL), "globex's objects after acme's requests");
  }

  @Test
  void aUserTokenReachesNoObjectOfAnotherUser() throws Exception {
    Target victim = new Target("acme", owasp.acme.other(), owasp.acme.user(), "acme-other-session",
        owasp.acme.segment(), owasp.acme.schedule(), owasp.acme.policy(), owasp.acme.job(), owasp.acme.publishableId(),
        owasp.acme.publishableKey(), owasp.acme.keyName());
    Reply issued = owasp.as(OwaspNode.ACME_ALL).post("/v1/users/" + owasp.acme.user() + "/token", "{}");
    OwaspNode.ok(issued);
    String token = issued.body().get("token").asText();
    Map<String, String> before = owasp.snapshot(victim, OwaspNode.ACME_ALL);
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (OpenApi.Operation op : OwaspCases.operations()) {
      List<String> parameters = OwaspCases.pathParameters(op);
      boolean personal = parameters.contains("userId") || parameters.contains("sessionId")
          || parameters.contains("matchId");
      if (!personal || !OwaspCases.takesBearer(op)) continue;
      Case named = OwaspCases.of(op, victim);
      // The body names no user, so what is checked is the path's object, not the body's user (403 user_mismatch).
      Case c = new Case(op, named.path(), named.body() == null ? null
          : named.body().replace("\"userId\":\"" + victim.user() + "\",", ""));
      Reply reply = owasp.send(c, token);
      sent++;
      check(c, reply, SERVED_TO_TOKENS.contains(op.toString()) ? Set.of(404) : Set.of(403, 404), wrong);
    }
    assertTrue(sent >= 8, "operations naming a user or session: " + sent);
    assertEquals(List.of(), wrong, "answers to acme-user's token naming acme-other's objects");
    assertEquals(before, owasp.snapshot(victim, OwaspNode.ACME_ALL), "the other user's objects after the token's requests");
  }

  /** {@code expected} null: any answer below 500 (a write in the caller's own namespace may succeed). */
  private static void check(Case c, Reply reply, Set<Integer> expected, List<String> wrong) {
    int status = reply.status();
    boolean fine = status < 500 && (expected == null || expected.contains(status))
        && (status < 400 || OwaspNode.isProblem(reply));
    if (!fine) wrong.add(c + " -> " + status + " " + OwaspNode.clip(reply.raw().body()));
  }
}
