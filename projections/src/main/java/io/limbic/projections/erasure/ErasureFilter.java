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
 * Applied to every group a user or session read model (and the event chain, and each incident event) handles, inside the group's transaction: erased people's
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
    // (tenant, erased person) -> other users whose event named them: holders the erasure may not have found
    Map<List<String>, Set<String>> holders = new HashMap<>();
    for (EventEnvelope<UserEvent> e : group) {
      Set<String> gone = erased.getOrDefault(e.event().tenant(), Set.of());
      Optional<UserEvent> seen = Redaction.redact(e.event(), gone::contains);
      seen.ifPresent(event -> kept.add(event == e.event() ? e
          : EventEnvelope.create(e.offset(), e.persistenceId(), e.sequenceNr(), event, e.timestamp())));
      if (gone.isEmpty() || gone.contains(e.event().userId())) continue;
      for (String person : Redaction.named(e.event())) {
        if (gone.contains(person)) {
          holders.computeIfAbsent(List.of(e.event().tenant(), person), k -> new HashSet<>()).add(e.event().userId());
        }
      }
    }
    if (!holders.isEmpty()) session.withConnection(c -> record(c, holders));
    return kept;
  }

  /**
   * Another user's event that named an erased person reached a read model after the erasure (a deep phase that
   * was running, a match not yet projected): that user is stored as a holder (V45), so the erasure's later look and
   * any repeat tell them to forget the person.
   */
  private static Void record(Connection c, Map<List<String>, Set<String>> holders) {
    try {
      for (Map.Entry<List<String>, Set<String>> h : holders.entrySet()) {
        ErasureHoldings.record(c, h.getKey().get(0), h.getKey().get(1), ErasureHoldings.HOLDER, h.getValue());
      }
      return null;
    } catch (SQLException e) {
      throw new IllegalStateException("could not record who holds an erased person", e);
    }
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

  /** The kind of erasure marker that names an entity type's ids; null for types that are nobody's own. */
  private static final Map<String, String> KIND_OF_TYPE =
      Map.of("User", ErasedSubjects.USER, "Session", ErasedSubjects.SESSION, "Visitor", ErasedSubjects.VISITOR);

  /**
   * Of untyped envelopes of any entity (the event chain): those written by an erased person's user, session or
   * visitor entity are dropped. Persistence ids are {@code Type|tenant/id}.
   */
  public static List<org.apache.pekko.persistence.query.EventEnvelope> entities(
      Connection c, List<org.apache.pekko.persistence.query.EventEnvelope> group) throws SQLException {
    Map<String, Map<String, Set<String>>> byKind = new HashMap<>();
    for (var e : group) {
      Owner owner = Owner.of(e.persistenceId());
      if (owner == null) continue;
      byKind.computeIfAbsent(owner.kind(), k -> new HashMap<>())
          .computeIfAbsent(owner.tenant(), t -> new HashSet<>()).add(owner.id());
    }
    if (byKind.isEmpty()) return group;
    Map<String, Map<String, Set<String>>> erased = new HashMap<>();
    for (Map.Entry<String, Map<String, Set<String>>> kind : byKind.entrySet()) {
      erased.put(kind.getKey(), erasedIn(c, kind.getKey(), kind.getValue()));
    }
    List<org.apache.pekko.persistence.query.EventEnvelope> kept = new ArrayList<>(group.size());
    for (var e : group) {
      Owner owner = Owner.of(e.persistenceId());
      boolean gone = owner != null
          && erased.get(owner.kind()).getOrDefault(owner.tenant(), Set.of()).contains(owner.id());
      if (!gone) kept.add(e);
    }
    return kept;
  }

  /** Whether {@code userId} of {@code tenant} was erased (an incident about them, say, is then left out). */
  public static boolean erased(Connection c, String tenant, String userId) throws SQLException {
    return userId != null && !ErasedSubjects.among(c, tenant, ErasedSubjects.USER, List.of(userId)).isEmpty();
  }

  /** The erasure marker kind, tenant and id an entity's persistence id names, if its type is someone's own. */
  private record Owner(String kind, String tenant, String id) {
    static Owner of(String persistenceId) {
      int bar = persistenceId.indexOf('|');
      if (bar < 0) return null;
      String kind = KIND_OF_TYPE.get(persistenceId.substring(0, bar));
      int slash = persistenceId.indexOf('/', bar + 1);
      if (kind == null || slash < 0) return null;
      return new Owner(kind, persistenceId.substring(bar + 1, slash), persistenceId.substring(slash + 1));
    }
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
