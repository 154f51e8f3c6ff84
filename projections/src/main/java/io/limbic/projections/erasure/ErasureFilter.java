package io.limbic.projections.erasure;

import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * Applied to every group a user or session read model handles, inside the group's transaction: erased people's
 * events are dropped and other events are redacted ({@link Redaction}), so a late event or a rebuild never writes
 * an erased person back. One indexed query per tenant in the group.
 */
public final class ErasureFilter {
  private ErasureFilter() {}

  public static List<EventEnvelope<UserEvent>> users(PlainJdbcSession session, List<EventEnvelope<UserEvent>> group)
      throws Exception {
    Map<String, Set<String>> named = new HashMap<>();
    for (EventEnvelope<UserEvent> e : group) {
      named.computeIfAbsent(e.event().tenant(), t -> new HashSet<>()).addAll(Redaction.named(e.event()));
    }
    Map<String, Set<String>> erased = session.withConnection(c -> erasedIn(c, ErasedSubjects.USER, named));
    if (erased.values().stream().allMatch(Set::isEmpty)) return group;
    List<EventEnvelope<UserEvent>> kept = new ArrayList<>(group.size());
    for (EventEnvelope<UserEvent> e : group) {
      Set<String> gone = erased.getOrDefault(e.event().tenant(), Set.of());
      Optional<UserEvent> seen = Redaction.redact(e.event(), gone::contains);
      seen.ifPresent(event -> kept.add(event == e.event() ? e
          : EventEnvelope.create(e.offset(), e.persistenceId(), e.sequenceNr(), event, e.timestamp())));
    }
    return kept;
  }

  public static List<EventEnvelope<SessionEvent>> sessions(
      PlainJdbcSession session, List<EventEnvelope<SessionEvent>> group) throws Exception {
    Map<String, Set<String>> sessions = new HashMap<>();
    Map<String, Set<String>> users = new HashMap<>();
    for (EventEnvelope<SessionEvent> e : group) {
      sessions.computeIfAbsent(e.event().tenant(), t -> new HashSet<>()).add(e.event().sessionId());
      if (e.event().userId() != null) {
        users.computeIfAbsent(e.event().tenant(), t -> new HashSet<>()).add(e.event().userId());
      }
    }
    Map<String, Set<String>> erasedSessions =
        session.withConnection(c -> erasedIn(c, ErasedSubjects.SESSION, sessions));
    Map<String, Set<String>> erasedUsers = session.withConnection(c -> erasedIn(c, ErasedSubjects.USER, users));
    if (erasedSessions.values().stream().allMatch(Set::isEmpty)
        && erasedUsers.values().stream().allMatch(Set::isEmpty)) {
      return group;
    }
    List<EventEnvelope<SessionEvent>> kept = new ArrayList<>(group.size());
    for (EventEnvelope<SessionEvent> e : group) {
      Set<String> s = erasedSessions.getOrDefault(e.event().tenant(), Set.of());
      Set<String> u = erasedUsers.getOrDefault(e.event().tenant(), Set.of());
      if (Redaction.keeps(e.event(), s::contains, u::contains)) kept.add(e);
    }
    return kept;
  }

  private static Map<String, Set<String>> erasedIn(Connection c, String kind, Map<String, Set<String>> byTenant) {
    Map<String, Set<String>> erased = new HashMap<>();
    try {
      for (Map.Entry<String, Set<String>> t : byTenant.entrySet()) {
        erased.put(t.getKey(), ErasedSubjects.among(c, t.getKey(), kind, t.getValue()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the erasure markers", e);
    }
    return erased;
  }
}
