package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which requests are administrative actions, and that every admin or operator write of the API is one. */
class AdminActionsTest {
  static List<String> path(String path) {
    return List.of(path.substring(1).split("/"));
  }

  @Test
  void namesAnActionAndItsTargetFromMethodAndPath() {
    assertEquals(Optional.of(new AdminActions.Named("projection.rebuild", "user-activity")),
        AdminActions.of("POST", path("/v1/projections/user-activity/rebuild")));
    assertEquals(Optional.of(new AdminActions.Named("config.signals.update", null)),
        AdminActions.of("PUT", path("/v1/config/signals")));
    assertEquals(Optional.of(new AdminActions.Named("config.notification_channels.update", null)),
        AdminActions.of("PUT", path("/v1/agents/notifications/channels")));
    assertEquals("agent.pause", AdminActions.of("POST", path("/v1/agents/notifications/pause")).get().action());
  }

  @Test
  void readsAndIngestAreNoActions() {
    assertTrue(AdminActions.of("GET", path("/v1/config/signals")).isEmpty());
    assertTrue(AdminActions.of("POST", path("/v1/heartbeat")).isEmpty());
    assertTrue(AdminActions.of("POST", path("/v1/projections/x/rebuild/now")).isEmpty());
    assertTrue(AdminActions.of("GET", path("/v1/audit")).isEmpty());
  }

  @Test
  void aCreationIsNamedByTheLastSegmentOfItsLocation() {
    assertEquals("job-1", AdminActions.created("/v1/jobs/job-1"));
    assertEquals("pk-2", AdminActions.created("https://h/v1/publishable-keys/pk-2?x=1"));
    assertNull(AdminActions.created(null));
    assertNull(AdminActions.created("/v1/jobs/"));
  }

  @Test
  void everyAdminOrOperatorWriteOfTheApiIsAnAction() throws Exception {
    JsonNode api;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.json")) {
      api = Json.MAPPER.readTree(in);
    }
    List<String> missing = new ArrayList<>();
    Set<String> actions = new HashSet<>();
    var paths = api.get("paths").fields();
    while (paths.hasNext()) {
      var path = paths.next();
      var methods = path.getValue().fields();
      while (methods.hasNext()) {
        var op = methods.next();
        String method = op.getKey().toUpperCase(Locale.ROOT);
        String role = op.getValue().path("x-limbic-role").asText("");
        boolean write = !method.equals("GET") && !method.equals("HEAD");
        boolean administrative = role.equals("admin") || role.equals("operator");
        if (!write || !administrative) continue;
        List<String> segments = path(path.getKey().replaceAll("\\{[^}]+}", "some-id"));
        var named = AdminActions.of(method, segments);
        if (named.isEmpty()) missing.add(method + " " + path.getKey());
        else actions.add(named.get().action());
      }
    }
    assertEquals(List.of(), missing, "admin and operator writes that the audit log would not record");
    assertTrue(actions.contains("projection.rebuild"));
    assertEquals(AdminActions.names().size(), Set.copyOf(AdminActions.names()).size(), "names are unique");
  }
}
