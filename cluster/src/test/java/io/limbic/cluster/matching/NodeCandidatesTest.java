package io.limbic.cluster.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.limbic.analytics.matching.index.CandidateTable;
import io.limbic.projections.matching.CandidateFeed;
import io.limbic.projections.matching.ProfileProjectionHandler;
import io.limbic.projections.matching.ReadModelDatabase;
import io.limbic.protocol.user.ProfileData;
import io.limbic.protocol.user.UserEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's candidate table, as the node configures it, against a real read-model database (H2). */
class NodeCandidatesTest {
  private static final String TENANT = "t";

  private static UserEvent.ProfileUpdated profile(String userId) {
    return new UserEvent.ProfileUpdated(TENANT, userId, Instant.now(),
        new ProfileData(1995, "f", List.of("m"), 52.37, 4.89, List.of("jazz"), List.of("nl"), null));
  }

  @Test
  void aDeepPhaseSeesAProfileStoredJustBeforeItAskedThoughTheTableWasReadAMomentEarlier() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.h2()) {
      ProfileProjectionHandler handler = new ProfileProjectionHandler();
      db.project(handler, profile("first"));
      NodeCandidates held = new NodeCandidates(new CandidateFeed(db.dataSource),
          NodeCandidates.Settings.from(ConfigFactory.load()), Clock.systemUTC());
      CandidateTable loaded = held.table().orElseThrow();
      assertNotNull(loaded.candidate(TENANT, "first"));
      assertNull(loaded.candidate(TENANT, "fresh"));

      db.project(handler, profile("fresh"));
      CandidateTable asked = held.table().orElseThrow();
      assertTrue(asked == loaded, "the same table, brought up to date");
      assertNotNull(asked.candidate(TENANT, "fresh"), "the profile stored a moment before the phase asked");
    }
  }

  @Test
  void theTableHoldsNoMorePeopleThanItsShareOfTheHeapHolds() {
    long gb = 1L << 30;
    assertEquals(99_420, NodeCandidates.Settings.maxPeople(500_000, 0.25, gb), "a quarter of 1 GiB at 2.7 KB each");
    assertEquals(500_000, NodeCandidates.Settings.maxPeople(500_000, 0.25, 16 * gb), "the configured bound");
    assertThrows(IllegalArgumentException.class, () -> NodeCandidates.Settings.maxPeople(500_000, 0, gb));
    assertThrows(IllegalArgumentException.class, () -> NodeCandidates.Settings.maxPeople(500_000, 1.5, gb));
  }
}
