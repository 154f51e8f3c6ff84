package io.limbic.projections.erasure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a person's data lives in the read models, the one list both the export and the erasure go by, so they
 * cannot drift apart. Rows are found by the user id, by their sessions, their incidents, and (for the journal-keyed
 * tables) by the persistence ids of their entities. Aggregates over many people (match quality, tenant KPI facts,
 * emotion volatility per page) hold no row of theirs and stay.
 */
public final class PersonalData {
  /** The person and everything found to be theirs. */
  public record Subject(
      String tenant, String userId, Set<String> sessions, Set<String> incidents, Set<String> persistenceIds) {
    public Subject {
      sessions = Set.copyOf(sessions);
      incidents = Set.copyOf(incidents);
      persistenceIds = Set.copyOf(persistenceIds);
    }
  }

  private enum Key { USER, SESSIONS, INCIDENTS, PERSISTENCE_IDS }

  /** A table, the column that names the person (or their sessions, incidents, entities) and how it is found. */
  private record Place(String table, String column, Key key) {}

  /** Rows about the person themselves: exported, then erased. */
  private static final List<Place> OWN = List.of(
      new Place("user_activity", "user_id", Key.USER),
      new Place("user_profile", "user_id", Key.USER),
      new Place("candidate_index", "user_id", Key.USER),
      new Place("idle_schedule", "user_id", Key.USER),
      new Place("daily_matches", "user_id", Key.USER),
      new Place("match_log", "user_id", Key.USER),
      new Place("user_decision", "user_id", Key.USER),
      new Place("product_outcomes", "user_id", Key.USER),
      new Place("emotion_readings", "user_id", Key.USER),
      new Place("emotion_readings", "session_id", Key.SESSIONS),
      new Place("emotion_session_cursor", "session_id", Key.SESSIONS),
      new Place("kpi_session_cursor", "session_id", Key.SESSIONS),
      new Place("intervention_decisions", "user_id", Key.USER),
      new Place("intervention_feedback", "user_id", Key.USER),
      new Place("incidents", "user_id", Key.USER),
      new Place("incident_timeline", "incident_id", Key.INCIDENTS),
      new Place("kpi_user_facts", "user_id", Key.USER),
      new Place("kpi_user_traits", "user_id", Key.USER),
      new Place("event_chain", "persistence_id", Key.PERSISTENCE_IDS));

  /** Rows of other people that name the person: erased, never exported (they are the others' data). */
  private static final List<Place> MENTIONS = List.of(
      new Place("daily_matches", "candidate_id", Key.USER),
      new Place("match_log", "candidate_id", Key.USER),
      new Place("user_decision", "target_id", Key.USER),
      new Place("agent_dead_letters", "persistence_id", Key.PERSISTENCE_IDS));

  private PersonalData() {}

  /** The incidents opened about the user. */
  public static Set<String> incidentsOf(Connection c, String tenant, String userId) throws SQLException {
    return column(c, "SELECT incident_id FROM incidents WHERE tenant = ? AND user_id = ?", tenant, userId);
  }

  /** Other users whose matches or decisions name the user: they are told to forget them. */
  public static Set<String> holdersOf(Connection c, String tenant, String userId) throws SQLException {
    Set<String> holders = new LinkedHashSet<>();
    holders.addAll(column(c, "SELECT user_id FROM daily_matches WHERE tenant = ? AND candidate_id = ?", tenant, userId));
    holders.addAll(column(c, "SELECT user_id FROM match_log WHERE tenant = ? AND candidate_id = ?", tenant, userId));
    holders.addAll(column(c, "SELECT user_id FROM user_decision WHERE tenant = ? AND target_id = ?", tenant, userId));
    holders.remove(userId);
    return holders;
  }

  /** The person's own read-model rows, per table. */
  public static Map<String, List<Map<String, Object>>> export(Connection c, Subject subject) throws SQLException {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    for (Place place : OWN) {
      List<Map<String, Object>> rows = rows(c, place, subject);
      if (!rows.isEmpty()) tables.computeIfAbsent(place.table(), t -> new ArrayList<>()).addAll(rows);
    }
    return tables;
  }

  /** Deletes every row about or naming the person; returns how many. */
  public static int erase(Connection c, Subject subject) throws SQLException {
    int deleted = 0;
    for (List<Place> places : List.of(OWN, MENTIONS)) {
      for (Place place : places) {
        Collection<String> ids = ids(place.key(), subject);
        if (ids.isEmpty()) continue;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + place.table() + " WHERE tenant = ? AND "
            + place.column() + " IN (" + marks(ids.size()) + ")")) {
          bind(s, subject.tenant(), ids);
          deleted += s.executeUpdate();
        }
      }
    }
    return deleted;
  }

  /**
   * Hard-deletes the journal rows and snapshots of the person's entities (their tags go with them: ON DELETE
   * CASCADE). The journals of {@code keepLast} (the user, their sessions and visitors) keep their last event, the
   * erasure, which keeps each entity refusing writes and its sequence numbers from being reused.
   */
  public static int eraseJournals(Connection c, Collection<String> keepLast, Collection<String> others)
      throws SQLException {
    int deleted = 0;
    try (PreparedStatement s = c.prepareStatement("DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ?"
        + " AND \"sequence_number\" < (SELECT MAX(\"sequence_number\") FROM \"event_journal\""
        + " WHERE \"persistence_id\" = ?)")) {
      for (String id : keepLast) {
        s.setString(1, id);
        s.setString(2, id);
        deleted += s.executeUpdate();
      }
    }
    List<String> all = new ArrayList<>(others);
    all.addAll(keepLast);
    if (!others.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM \"event_journal\" WHERE \"persistence_id\" IN (" + marks(others.size()) + ")")) {
        int i = 1;
        for (String id : others) s.setString(i++, id);
        deleted += s.executeUpdate();
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "DELETE FROM \"snapshot\" WHERE \"persistence_id\" IN (" + marks(all.size()) + ")")) {
      int i = 1;
      for (String id : all) s.setString(i++, id);
      deleted += s.executeUpdate();
    }
    return deleted;
  }

  private static List<Map<String, Object>> rows(Connection c, Place place, Subject subject) throws SQLException {
    Collection<String> ids = ids(place.key(), subject);
    List<Map<String, Object>> rows = new ArrayList<>();
    if (ids.isEmpty()) return rows;
    try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + place.table() + " WHERE tenant = ? AND "
        + place.column() + " IN (" + marks(ids.size()) + ")")) {
      bind(s, subject.tenant(), ids);
      try (ResultSet r = s.executeQuery()) {
        ResultSetMetaData meta = r.getMetaData();
        while (r.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), plain(r.getObject(i)));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** A JDBC value as JSON can carry it: times and decimals as text, bytes as base64. */
  private static Object plain(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
        || value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof byte[] bytes) return Base64.getEncoder().encodeToString(bytes);
    if (value instanceof java.sql.Timestamp t) return t.toInstant().toString();
    if (value instanceof java.time.OffsetDateTime t) return t.toInstant().toString();
    return value.toString();
  }

  private static Collection<String> ids(Key key, Subject subject) {
    return switch (key) {
      case USER -> List.of(subject.userId());
      case SESSIONS -> subject.sessions();
      case INCIDENTS -> subject.incidents();
      case PERSISTENCE_IDS -> subject.persistenceIds();
    };
  }

  private static void bind(PreparedStatement s, String tenant, Collection<String> ids) throws SQLException {
    s.setString(1, tenant);
    int i = 2;
    for (String id : ids) s.setString(i++, id);
  }

  private static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  private static Set<String> column(Connection c, String sql, String tenant, String userId) throws SQLException {
    Set<String> values = new LinkedHashSet<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant);
      s.setString(2, userId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) values.add(r.getString(1));
      }
    }
    return values;
  }
}
