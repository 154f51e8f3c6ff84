package io.limbic.cluster.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The response check itself: it passes what the description allows and names what it does not. */
class OpenApiTest {
  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";
  private final OpenApi api = OpenApi.get();

  @Test
  void aDocumentedResponseThatMatchesPasses() {
    assertEquals(List.of(), api.violations("POST", "/v1/heartbeat", 200, JSON,
        "{\"userId\":\"u1\",\"lastActiveAt\":\"2026-01-01T00:00:00Z\",\"activeSince\":null,\"processingHalted\":false}"));
    assertEquals(List.of(), api.violations("GET", "/v1/jobs/j-1?x=1", 404, PROBLEM + "; charset=UTF-8",
        "{\"type\":\"https://limbic.dev/problems/not_found\",\"title\":\"Not found\",\"status\":404}"));
    assertEquals(List.of(), api.violations("DELETE", "/v1/segments/pro", 204, null, ""));
  }

  @Test
  void aBodyThatBreaksItsSchemaIsNamed() {
    List<String> missing = api.violations("POST", "/v1/heartbeat", 200, JSON, "{\"lastActiveAt\":\"x\"}");
    assertTrue(missing.stream().anyMatch(v -> v.contains("userId")), missing.toString());
    List<String> typed = api.violations("GET", "/v1/jobs/j-1", 200, JSON,
        "{\"id\":\"j-1\",\"kind\":\"k\",\"state\":\"sleeping\",\"progress\":5,\"attempts\":0}");
    assertTrue(typed.stream().anyMatch(v -> v.contains("state")), typed.toString());
    List<String> problem = api.violations("GET", "/v1/jobs/j-1", 404, PROBLEM, "{\"detail\":\"no\"}");
    assertTrue(problem.stream().anyMatch(v -> v.contains("type")), problem.toString());
  }

  @Test
  void anUndocumentedStatusContentTypeOrOperationIsNamed() {
    assertTrue(api.violations("GET", "/v1/kpis", 418, PROBLEM, "{}").get(0).contains("status not documented"));
    assertTrue(api.violations("GET", "/v1/kpis", 200, "text/plain", "x").get(0).contains("content type"));
    assertTrue(api.violations("GET", "/v1/secret", 200, JSON, "{}").get(0).contains("no documented operation"));
    assertEquals(List.of(), api.violations("GET", "/v1/secret", 404, PROBLEM, "{}"));
  }

  @Test
  void theMostLiteralTemplateWins() {
    assertEquals("/v1/interventions/config", api.find("GET", "/v1/interventions/config").orElseThrow().template());
    assertEquals("/v1/interventions/{id}", api.find("GET", "/v1/interventions/i-1").orElseThrow().template());
  }
}
