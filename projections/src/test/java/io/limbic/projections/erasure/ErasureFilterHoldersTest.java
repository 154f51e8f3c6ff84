package io.limbic.projections.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.projections.matching.ReadModelDatabase;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.UserEvent.IdlePhaseCompleted;
import io.limbic.protocol.user.PhaseResult;
import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

/** Another user's event that names an erased person, reaching a read model after the erasure, makes them a holder. */
class ErasureFilterHoldersTest {
  private static final Instant T0 = Instant.parse("2026-12-02T04:00:00Z");

  private static IdlePhaseCompleted deep(String user, String... candidates) {
    List<DailyMatch> matches = new ArrayList<>();
    for (String c : candidates) matches.add(new DailyMatch(user + "~" + c, c, 0.5, Map.of()));
    return new IdlePhaseCompleted("acme", user, T0, T0.minusSeconds(600), 3, "deep", new PhaseResult(null, null, null),
        matches, 10);
  }

  @Test
  void aLateMatchOfAnErasedPersonRecordsItsHolder() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.h2()) {
      try (Connection c = db.dataSource.getConnection()) {
        c.setAutoCommit(false);
        ErasedSubjects.mark(c, "acme", "gone", ErasedSubjects.USER, List.of("gone"), T0);
        c.commit();
      }
      List<UserEvent> events = List.of(deep("u1", "gone", "kept"), deep("u2", "kept"), deep("gone", "u1"),
          deep("u3", "gone"));
      List<EventEnvelope<UserEvent>> group = new ArrayList<>();
      for (UserEvent e : events) group.add(db.envelope(e));
      PlainJdbcSession session = new PlainJdbcSession(db.dataSource);
      List<EventEnvelope<UserEvent>> kept;
      try {
        kept = ErasureFilter.users(session, group);
        session.commit();
      } finally {
        session.close();
      }
      assertEquals(3, kept.size(), "the erased person's own event is dropped");
      assertEquals(List.of("kept"),
          ((IdlePhaseCompleted) kept.get(0).event()).matches().stream().map(DailyMatch::userId).toList());
      try (Connection c = db.dataSource.getConnection()) {
        assertEquals(Set.of("u1", "u3"), ErasureHoldings.of(c, "acme", "gone", ErasureHoldings.HOLDER));
        assertEquals(Set.of(), ErasureHoldings.of(c, "acme", "kept", ErasureHoldings.HOLDER));
        c.rollback();
      }
    }
  }
}
