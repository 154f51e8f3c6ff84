package io.limbic.cluster.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.analytics.events.EventIdWindow;
import org.junit.jupiter.api.Test;

class UserStateMigrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void aVersionOneSnapshotsRecentIdsBecomeAWindowThatStillRecognisesThem() throws Exception {
    JsonNode old = MAPPER.readTree("{\"userId\":\"u1\",\"recentEventIds\":[\"e1\",\"e2\",\"e1\"]}");
    JsonNode migrated = new UserStateMigration().transform(1, old);
    assertFalse(migrated.has("recentEventIds"));
    EventIdWindow window =
        new EventIdWindow(
            MAPPER.treeToValue(migrated.get("eventIds").get("hashes"), long[].class),
            MAPPER.treeToValue(migrated.get("eventIds").get("recordedAt"), long[].class));
    assertEquals(2, window.size());
    assertTrue(window.contains(EventIdWindow.hash("e1")) && window.contains(EventIdWindow.hash("e2")));
    assertEquals("u1", migrated.get("userId").asText());
  }
}
