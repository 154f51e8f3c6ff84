package io.limbic.cluster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {
  private final RouteTemplates templates =
      RouteTemplates.of(List.of("/v1/users/{userId}", "/v1/users/erasures", "/v1/users/{userId}/token", "/batch/"));

  @Test
  void aPathIsNamedByTheTemplateItMatches() {
    assertEquals("/v1/users/{userId}", templates.of("/v1/users/u-123"));
    assertEquals("/v1/users/{userId}/token", templates.of("/v1/users/u-123/token"));
    assertEquals("/v1/users/erasures", templates.of("/v1/users/erasures"), "a literal segment wins");
    assertEquals("/batch/", templates.of("/batch"));
    assertEquals("/batch/", templates.of("/batch/"));
  }

  @Test
  void anUnknownPathIsOneSeries() {
    assertEquals(RouteTemplates.UNMATCHED, templates.of("/wp-admin/setup.php"));
    assertEquals(RouteTemplates.UNMATCHED, templates.of("/v1/users/a/b/c"));
    assertEquals(RouteTemplates.UNMATCHED, templates.of("/"));
  }

  @Test
  void theShippedOpenApiLoads() {
    assertEquals("/v1/heartbeat", RouteTemplates.fromOpenApi().of("/v1/heartbeat"));
  }
}
