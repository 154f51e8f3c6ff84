package io.limbic.cluster.erasure;

import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.escalation.IncidentCommand;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.visitor.VisitorCommand;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/** A person's entities as the journal names them, and what their own events say is theirs. */
final class PersonJournals {
  private final ActorSystem<?> system;
  private final JdbcReadJournal journal;

  PersonJournals(ActorSystem<?> system) {
    this.system = system;
    this.journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
  }

  static String userPid(String tenant, String userId) {
    return UserCommand.ENTITY_TYPE.name() + "|" + new TenantScopedId(tenant, userId).entityId();
  }

  static String sessionPid(String tenant, String sessionId) {
    return SessionCommand.ENTITY_TYPE.name() + "|" + new TenantScopedId(tenant, sessionId).entityId();
  }

  static String visitorPid(String tenant, String anonymousId) {
    return VisitorCommand.ENTITY_TYPE.name() + "|" + new TenantScopedId(tenant, anonymousId).entityId();
  }

  static String incidentPid(String tenant, String incidentId) {
    return IncidentCommand.ENTITY_TYPE.name() + "|" + new TenantScopedId(tenant, incidentId).entityId();
  }

  /** Every event still in the journal of one entity, oldest first. */
  CompletionStage<List<EventEnvelope>> events(String persistenceId) {
    return journal.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE).runWith(Sink.seq(), system);
  }

  /** The sessions the user's events name. */
  static Set<String> sessions(List<EventEnvelope> events) {
    Set<String> ids = new LinkedHashSet<>();
    for (EventEnvelope e : events) {
      Object event = e.event();
      String session = null;
      if (event instanceof UserEvent.BecameActive a) session = a.sessionId();
      if (event instanceof UserEvent.HeartbeatRecorded h) session = h.sessionId();
      if (event instanceof UserEvent.EmotionObserved o) session = o.sessionId();
      if (event instanceof UserEvent.Identified i) session = i.sessionId();
      if (event instanceof UserEvent.InterventionDecided d) session = d.sessionId();
      if (session != null) ids.add(session);
    }
    return ids;
  }

  /** The anonymous ids the user was identified from (their visitor holds). */
  static Set<String> anonymousIds(List<EventEnvelope> events) {
    Set<String> ids = new LinkedHashSet<>();
    for (EventEnvelope e : events) {
      if (e.event() instanceof UserEvent.Identified i && i.anonymousId() != null) ids.add(i.anonymousId());
    }
    return ids;
  }

  /** The other people the user interacted with: their entities recorded the same interaction. */
  static Set<String> counterparts(String userId, List<EventEnvelope> events) {
    Set<String> ids = new LinkedHashSet<>();
    for (EventEnvelope e : events) {
      if (e.event() instanceof UserEvent.InteractionRecorded r) {
        ids.add(r.interaction().from());
        ids.add(r.interaction().to());
      }
    }
    ids.remove(userId);
    ids.remove(null);
    return ids;
  }
}
