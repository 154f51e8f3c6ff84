package io.limbic.cluster.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.analytics.engagement.EngagementFacts;
import io.limbic.analytics.events.EventIdWindow;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
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

  @Test
  void theNodesSerializerReadsAVersionOneSnapshotAndWritesTheCurrentVersion() throws Exception {
    ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseResources("serialization.conf"));
    try {
      var serialization = SerializationExtension.get(kit.system());
      UserState state = UserState.empty("acme", "u1");
      var serializer = serialization.findSerializerFor(state);
      String manifest = Serializers.manifestFor(serializer, state);
      assertTrue(manifest.endsWith("#4"), manifest);
      // A version-1 snapshot as the previous release wrote it (manifest without a version).
      byte[] v1 = new CBORMapper().writeValueAsBytes(
          MAPPER.readTree("{\"tenant\":\"acme\",\"userId\":\"u1\",\"recentEventIds\":[\"e1\"]}"));
      UserState read =
          (UserState) serialization.deserialize(v1, serializer.identifier(), UserState.class.getName()).get();
      assertTrue(read.eventIds().contains(EventIdWindow.hash("e1")));
      // Written before engagement was scored: no facts yet (they start from here), no level.
      assertEquals(EngagementFacts.empty(), read.engagementFacts());
      assertEquals(null, read.engagement());
    } finally {
      kit.shutdownTestKit();
    }
  }
}
