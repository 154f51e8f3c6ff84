package io.limbic.projections.forensics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.analytics.forensics.EmotionVolatility.Totals;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.projections.matching.ReadModelDatabase;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SessionIdentified;
import io.limbic.protocol.session.SessionEvent.SessionSummarized;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

class EmotionForensicsProjectionHandlerTest {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  static EmotionDetected emotion(String session, String user, String state, long second, String url) {
    return new EmotionDetected("acme", session, user, T.plusSeconds(second), state, state, 0.9, T.plusSeconds(second),
        url, "main", null);
  }

  static List<SessionEvent> story() {
    return List.of(
        emotion("s1", null, "calm", 0, "https://shop.example/pricing?plan=pro"),
        new SessionIdentified("acme", "s1", "u1", T.plusSeconds(1), "anon-1"),
        emotion("s1", "u1", "rage", 60, "https://shop.example/pricing"),
        new SessionSummarized("acme", "s1", "u1", T.plusSeconds(90), 500, null, Map.of()),
        emotion("s1", "u1", "calm", 100, "/docs"),
        // a summary of a session with no emotion yet times nothing
        new SessionSummarized("acme", "s2", null, T.plusSeconds(90), 10, null, Map.of()));
  }

  /** The events' envelopes, numbered per session as the journal does. */
  static List<EventEnvelope<SessionEvent>> envelopes(List<SessionEvent> events) {
    List<EventEnvelope<SessionEvent>> out = new ArrayList<>();
    Map<String, Long> seq = new java.util.HashMap<>();
    long offset = 0;
    for (SessionEvent e : events) {
      long nr = seq.merge(e.sessionId(), 1L, Long::sum);
      out.add(EventEnvelope.create(Offset.sequence(++offset), "Session|acme/" + e.sessionId(), nr, e, 0L));
    }
    return out;
  }

  static void project(ReadModelDatabase db, List<EventEnvelope<SessionEvent>> group) throws Exception {
    PlainJdbcSession session = new PlainJdbcSession(db.dataSource);
    try {
      new EmotionForensicsProjectionHandler().process(session, group);
      session.commit();
    } finally {
      session.close();
    }
  }

  @Test
  void readingsTimeAndChangesPerPageWhetherEventsComeOneByOneOrInOneGroup() throws Exception {
    try (ReadModelDatabase single = ReadModelDatabase.h2(); ReadModelDatabase grouped = ReadModelDatabase.h2()) {
      check(single, grouped);
    }
  }

  @Test
  void theSameOnPostgres() throws Exception {
    try (ReadModelDatabase single = ReadModelDatabase.postgres();
        ReadModelDatabase grouped = ReadModelDatabase.postgres()) {
      check(single, grouped);
    }
  }

  private static void check(ReadModelDatabase single, ReadModelDatabase grouped) throws Exception {
    List<EventEnvelope<SessionEvent>> envelopes = envelopes(story());
    {
      for (EventEnvelope<SessionEvent> e : envelopes) project(single, List.of(e));
      project(grouped, envelopes);
      for (ReadModelDatabase db : List.of(single, grouped)) {
        assertEquals(List.of(
                List.of("Session|acme/s1:1", "u1", "calm", "/pricing"),
                List.of("Session|acme/s1:3", "u1", "rage", "/pricing"),
                List.of("Session|acme/s1:5", "u1", "calm", "/docs")),
            db.rows("SELECT reading_id, user_id, state, page FROM emotion_readings ORDER BY read_at"),
            "the anonymous reading got its user on identification");
        Map<String, Totals> volatility = new ForensicsRepository(db.dataSource).volatility("acme", DAY);
        // calm -> rage on /pricing weighs 1; rage -> calm on /docs weighs 1; time: 60 s calm + 40 s rage on /pricing
        assertEquals(Map.of("/pricing", new Totals(1, 1000, 100_000), "/docs", new Totals(1, 1000, 0)), volatility);
        assertEquals(Map.of("calm", 60_000L, "rage", 40_000L),
            new ForensicsRepository(db.dataSource).timeByState("acme", DAY));
        assertEquals(List.of(List.of("s1", "calm", "/docs")),
            db.rows("SELECT session_id, state, page FROM emotion_session_cursor"));
      }
    }
  }
}
