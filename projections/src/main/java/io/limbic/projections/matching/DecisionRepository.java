package io.limbic.projections.matching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads candidates' histories from {@code user_decision} for a deep phase: plain columns (ids, a verdict, a number,
 * a time), two queries per 500 candidates, no JSON. Blocking: call it on the blocking dispatcher or a job thread.
 */
public final class DecisionRepository {
  /** Decisions per candidate that feed their learned preferences; the counts of the history include all. */
  public static final int MAX_GIVEN = 500;
  /** Deciders read per target for the lean of like-deciding people: the latest this many. */
  public static final int MAX_DECIDERS = 100;
  // The latest rows per person are picked in the database (ROW_NUMBER, on H2 2.x and PostgreSQL alike), so a
  // popular target or a prolific decider costs no more than the limit.
  private static final String DECIDERS =
      "SELECT target_id, user_id, says_yes FROM (SELECT target_id, user_id, says_yes, ROW_NUMBER() OVER "
          + "(PARTITION BY target_id ORDER BY decided_at DESC, user_id) AS n FROM user_decision "
          + "WHERE tenant = ? AND target_id IN (%s)) latest WHERE n <= " + MAX_DECIDERS + " ORDER BY target_id, n";
  private static final String GIVEN =
      "SELECT user_id, target_id, says_yes, evidence, decided_at FROM (SELECT user_id, target_id, says_yes, evidence,"
          + " decided_at, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY decided_at DESC, target_id) AS n"
          + " FROM user_decision WHERE tenant = ? AND user_id IN (%s)) latest WHERE n <= " + MAX_GIVEN
          + " ORDER BY user_id, n";
  private static final String GIVEN_COUNTS =
      "SELECT user_id, COUNT(*), SUM(CASE WHEN says_yes THEN 1 ELSE 0 END) FROM user_decision "
          + "WHERE tenant = ? AND user_id IN (%s) GROUP BY user_id";
  private static final String RECEIVED =
      "SELECT target_id, COUNT(*), SUM(CASE WHEN says_yes THEN 1 ELSE 0 END) FROM user_decision "
          + "WHERE tenant = ? AND target_id IN (%s) GROUP BY target_id";

  private final DataSource dataSource;

  public DecisionRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Each of these users' history; users with none are absent from the map. */
  public Map<String, CandidateDecisions> histories(String tenant, Collection<String> userIds) throws SQLException {
    List<String> ids = List.copyOf(new LinkedHashSet<>(userIds));
    if (ids.isEmpty()) return Map.of();
    Map<String, List<CandidateDecisions.Given>> given = new HashMap<>();
    Map<String, int[]> counts = new HashMap<>(); // yes given, given, yes received, received
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try {
        for (int from = 0; from < ids.size(); from += CandidateRepository.CHUNK) {
          List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CandidateRepository.CHUNK));
          String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
          try (PreparedStatement stmt = connection.prepareStatement(String.format(GIVEN, in))) {
            bind(stmt, tenant, chunk);
            try (ResultSet rs = stmt.executeQuery()) {
              while (rs.next()) {
                given.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new CandidateDecisions.Given(
                    rs.getString(2), rs.getBoolean(3), rs.getDouble(4), rs.getObject(5, OffsetDateTime.class).toInstant()));
              }
            }
          }
          try (PreparedStatement stmt = connection.prepareStatement(String.format(GIVEN_COUNTS, in))) {
            bind(stmt, tenant, chunk);
            try (ResultSet rs = stmt.executeQuery()) {
              while (rs.next()) {
                int[] c = counts.computeIfAbsent(rs.getString(1), k -> new int[4]);
                c[1] = rs.getInt(2);
                c[0] = rs.getInt(3);
              }
            }
          }
          try (PreparedStatement stmt = connection.prepareStatement(String.format(RECEIVED, in))) {
            bind(stmt, tenant, chunk);
            try (ResultSet rs = stmt.executeQuery()) {
              while (rs.next()) {
                int[] c = counts.computeIfAbsent(rs.getString(1), k -> new int[4]);
                c[3] = rs.getInt(2);
                c[2] = rs.getInt(3);
              }
            }
          }
        }
      } finally {
        connection.rollback();
      }
    }
    Map<String, CandidateDecisions> histories = new HashMap<>();
    counts.forEach((user, c) -> histories.put(user,
        new CandidateDecisions(given.getOrDefault(user, List.of()), c[0], c[1], c[2], c[3])));
    return histories;
  }

  /**
   * Who decided on each of these targets and what they said: target -> (decider -> said yes), the latest
   * {@link #MAX_DECIDERS} deciders per target. The peers whose agreement with a searcher or a candidate
   * {@code PeerLean} weighs.
   */
  public Map<String, Map<String, Boolean>> deciders(String tenant, Collection<String> targets) throws SQLException {
    List<String> ids = List.copyOf(new LinkedHashSet<>(targets));
    Map<String, Map<String, Boolean>> byTarget = new HashMap<>();
    if (ids.isEmpty()) return byTarget;
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try {
        for (int from = 0; from < ids.size(); from += CandidateRepository.CHUNK) {
          List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CandidateRepository.CHUNK));
          String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
          try (PreparedStatement stmt = connection.prepareStatement(String.format(DECIDERS, in))) {
            bind(stmt, tenant, chunk);
            try (ResultSet rs = stmt.executeQuery()) {
              while (rs.next()) {
                byTarget.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getBoolean(3));
              }
            }
          }
        }
      } finally {
        connection.rollback();
      }
    }
    return byTarget;
  }

  private static void bind(PreparedStatement stmt, String tenant, List<String> ids) throws SQLException {
    int i = 1;
    stmt.setString(i++, tenant);
    for (String id : ids) stmt.setString(i++, id);
  }
}
