package io.limbic.projections.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Deletes the journal rows (their tags go with them: ON DELETE CASCADE) and snapshots of sessions that ended before
 * a cutoff, i.e. wrote nothing since. Only sessions every projection of their tag has read past: each projection
 * (read model or agent) that has an offset for any session tag must have one for the session's tag at or above the
 * session's newest row, so none can still need one of its events (a later rebuild starts without them: that is the
 * point). A projection that never recorded an offset for the tag holds the tag's sessions back; with no projection
 * of session tags at all, nothing is deleted. A session whose person was erased keeps its erasure marker (it keeps
 * refusing writes). Read models are not touched: their rows outlive the journal's.
 *
 * <p>Quoted names are pekko-persistence-jdbc's and pekko-projection's tables, as H2 and PostgreSQL both hold them.
 */
public final class SessionRetention {
  /** Sessions deleted per transaction, so one run never holds a long lock on the journal. */
  static final int BATCH = 200;
  private static final String OFFSETS =
      "SELECT \"projection_name\", \"projection_key\", \"current_offset\" FROM \"pekko_projection_offset_store\" "
          + "WHERE \"manifest\" = 'SEQ'";
  private static final String ENDED =
      "SELECT \"persistence_id\", MAX(\"ordering\") FROM \"event_journal\" WHERE \"persistence_id\" LIKE ? "
          + "ESCAPE '!' GROUP BY \"persistence_id\" HAVING MAX(\"write_timestamp\") < ? AND MAX(\"ordering\") <= ? "
          + "AND SUM(CASE WHEN \"event_ser_manifest\" LIKE '%SessionErased%' THEN 1 ELSE 0 END) = 0";
  private static final String DELETE_ROWS = "DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ?";
  private static final String DELETE_SNAPSHOTS = "DELETE FROM \"snapshot\" WHERE \"persistence_id\" = ?";

  /**
   * @param sessions sessions deleted
   * @param rows journal rows deleted
   * @param snapshots snapshots deleted
   * @param slowestOffset the lowest offset of a session tag among the projections; -1 when none (nothing deleted)
   */
  public record Outcome(int sessions, int rows, int snapshots, long slowestOffset) {}

  private final DataSource dataSource;
  private final Collection<String> tags;
  private final UnaryOperator<String> tagOf;

  /**
   * @param tags every tag sessions' events carry
   * @param tagOf a session's tag, from its persistence id
   */
  public SessionRetention(DataSource dataSource, Collection<String> tags, UnaryOperator<String> tagOf) {
    this.dataSource = dataSource;
    this.tags = List.copyOf(tags);
    this.tagOf = tagOf;
  }

  /**
   * @param pidPrefix the persistence ids' common start ({@code Session|<tenant>/} for one tenant's sessions)
   * @param endedBefore a session whose newest row was written before this has ended
   * @param maxSessions sessions deleted at most in this run (the next run goes on)
   */
  public Outcome deleteEnded(String pidPrefix, Instant endedBefore, int maxSessions) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Map<String, Long> passed = passedPerTag(c);
      if (passed.isEmpty()) return new Outcome(0, 0, 0, -1);
      long slowest = passed.values().stream().mapToLong(Long::longValue).min().orElse(-1);
      long fastest = passed.values().stream().mapToLong(Long::longValue).max().orElse(-1);
      List<String> ended = ended(c, pidPrefix, endedBefore, fastest, passed, maxSessions);
      int rows = 0;
      int snapshots = 0;
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement r = c.prepareStatement(DELETE_ROWS);
          PreparedStatement s = c.prepareStatement(DELETE_SNAPSHOTS)) {
        for (int i = 0; i < ended.size(); i++) {
          r.setString(1, ended.get(i));
          rows += r.executeUpdate();
          s.setString(1, ended.get(i));
          snapshots += s.executeUpdate();
          if ((i + 1) % BATCH == 0) c.commit();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
      return new Outcome(ended.size(), rows, snapshots, slowest);
    }
  }

  /**
   * Per session tag, the offset every projection of session tags has passed: the lowest of theirs for the tag, -1
   * when one of them has none for it. Empty when no projection reads session tags.
   */
  private Map<String, Long> passedPerTag(Connection c) throws SQLException {
    Map<String, Map<String, Long>> byProjection = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(OFFSETS); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        if (!tags.contains(r.getString(2))) continue;
        byProjection.computeIfAbsent(r.getString(1), n -> new HashMap<>())
            .put(r.getString(2), Long.parseLong(r.getString(3).strip()));
      }
    }
    Map<String, Long> passed = new HashMap<>();
    if (byProjection.isEmpty()) return passed;
    for (String tag : tags) {
      long lowest = Long.MAX_VALUE;
      for (Map<String, Long> offsets : byProjection.values()) lowest = Math.min(lowest, offsets.getOrDefault(tag, -1L));
      passed.put(tag, lowest);
    }
    return passed;
  }

  private List<String> ended(Connection c, String prefix, Instant before, long fastest, Map<String, Long> passed,
      int max) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(ENDED)) {
      s.setString(1, likePrefix(prefix));
      s.setLong(2, before.toEpochMilli());
      s.setLong(3, fastest);
      try (ResultSet r = s.executeQuery()) {
        while (r.next() && ids.size() < max) {
          String pid = r.getString(1);
          if (r.getLong(2) <= passed.getOrDefault(tagOf.apply(pid), -1L)) ids.add(pid);
        }
      }
    }
    return ids;
  }

  static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }
}
