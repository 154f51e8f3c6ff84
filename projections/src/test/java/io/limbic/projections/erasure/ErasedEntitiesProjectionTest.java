package io.limbic.projections.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.projections.chain.EventChainProjectionHandler;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.projections.escalation.IncidentProjectionHandler;
import io.limbic.projections.matching.ReadModelDatabase;
import io.limbic.protocol.escalation.IncidentEvent.IncidentOpened;
import io.limbic.protocol.trace.Trace;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.junit.jupiter.api.Test;

/**
 * The event chain and the incident read model leave an erased person out (README "Erasing and exporting a
 * person"): an event of theirs that reaches the projection late, or again on a replay from the start, adds nothing,
 * while another person's events are added as before.
 */
class ErasedEntitiesProjectionTest {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  private static void erase(ReadModelDatabase db, String user, List<String> sessions, List<String> visitors)
      throws Exception {
    try (Connection c = db.dataSource.getConnection()) {
      ErasedSubjects.mark(c, "acme", user, ErasedSubjects.USER, List.of(user), T);
      ErasedSubjects.mark(c, "acme", user, ErasedSubjects.SESSION, sessions, T);
      ErasedSubjects.mark(c, "acme", user, ErasedSubjects.VISITOR, visitors, T);
      if (!c.getAutoCommit()) c.commit();
    }
  }

  private interface Work {
    void run(PlainJdbcSession session) throws Exception;
  }

  /** One transaction, as the projection runs its handler. */
  private static void inTransaction(ReadModelDatabase db, Work work) throws Exception {
    PlainJdbcSession session = new PlainJdbcSession(db.dataSource);
    try {
      work.run(session);
      session.commit();
    } finally {
      session.close();
    }
  }

  private static EventEnvelope traced(String persistenceId, long seqNr) {
    return new EventEnvelope(Offset.sequence(seqNr), persistenceId, seqNr,
        new HeartbeatRecorded("acme", "x", T, null, 1), T.toEpochMilli(),
        scala.Option.apply(new Trace("c-1", "r-1")));
  }

  @Test
  void theEventChainLeavesOutTheEntitiesOfAnErasedPerson() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.h2()) {
      erase(db, "her", List.of("s-her"), List.of("a-her"));
      List<EventEnvelope> group = List.of(
          traced("User|acme/her", 1), traced("Session|acme/s-her", 2), traced("Visitor|acme/a-her", 3),
          traced("User|acme/him", 4), traced("Session|acme/s-him", 5), traced("Tenant|acme", 6),
          traced("User|globex/her", 7));
      inTransaction(db, session -> new EventChainProjectionHandler().process(session, group));
      assertEquals(List.of(List.of("Session|acme/s-him"), List.of("Tenant|acme"), List.of("User|acme/him"),
              List.of("User|globex/her")),
          db.rows("SELECT persistence_id FROM event_chain ORDER BY persistence_id"));
    }
  }

  private static EventEnvelope opened(String user, String incident, long seqNr) {
    IncidentOpened e = new IncidentOpened("acme", user, incident, T, "e-" + incident, "s-" + user, "Acme",
        BigDecimal.TEN, "EUR", "rage", 0.9, "/checkout", null, "clicks", T, "user", Duration.ofMinutes(5),
        Duration.ofMinutes(30), List.of());
    return new EventEnvelope(Offset.sequence(seqNr), "Incident|acme/" + incident, 1, e, T.toEpochMilli(),
        scala.Option.empty());
  }

  @Test
  void theIncidentsLeaveOutAnErasedPerson() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.h2()) {
      erase(db, "her", List.of(), List.of());
      IncidentProjectionHandler handler = new IncidentProjectionHandler();
      inTransaction(db, session -> handler.process(session, opened("her", "i-her", 1)));
      inTransaction(db, session -> handler.process(session, opened("him", "i-him", 2)));
      assertEquals(List.of(List.of("him")), db.rows("SELECT user_id FROM incidents"));
      assertEquals(0, db.count("SELECT COUNT(*) FROM incident_timeline WHERE incident_id = 'i-her'"));
    }
  }
}
