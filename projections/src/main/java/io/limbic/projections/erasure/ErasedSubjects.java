package io.limbic.projections.erasure;

import io.limbic.projections.db.UniqueViolations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The erasure markers (table {@code erased_subjects}): each erased person, with their sessions and anonymous ids.
 * Written before anything is deleted and never removed, so projections and rebuilds can leave the person out.
 */
public final class ErasedSubjects {
  public static final String USER = "user";
  public static final String SESSION = "session";
  public static final String VISITOR = "visitor";

  private ErasedSubjects() {}

  /** Which of {@code ids} (of {@code kind}, in {@code tenant}) are erased. */
  public static Set<String> among(Connection c, String tenant, String kind, Collection<String> ids)
      throws SQLException {
    Set<String> erased = new HashSet<>();
    if (ids.isEmpty()) return erased;
    String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement s = c.prepareStatement("SELECT subject_id FROM erased_subjects WHERE tenant = ?"
        + " AND kind = ? AND subject_id IN (" + marks + ")")) {
      s.setString(1, tenant);
      s.setString(2, kind);
      int i = 3;
      for (String id : ids) s.setString(i++, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) erased.add(r.getString(1));
      }
    }
    return erased;
  }

  /**
   * Marks each subject erased, keeping the first instant of any already marked, also of those a concurrent erasure
   * of the same person marks between our read and our insert.
   */
  public static void mark(Connection c, String tenant, String userId, String kind, Collection<String> ids,
      Instant at) throws SQLException {
    Set<String> already = among(c, tenant, kind, ids);
    List<String> added = ids.stream().filter(id -> !already.contains(id)).distinct().toList();
    if (added.isEmpty()) return;
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO erased_subjects (tenant, kind, subject_id, user_id, erased_at) VALUES (?, ?, ?, ?, ?)")) {
      UniqueViolations.eachUnlessPresent(c, added, rows -> insert(s, tenant, userId, kind, rows, at));
    }
  }

  private static void insert(PreparedStatement s, String tenant, String userId, String kind, List<String> ids,
      Instant at) throws SQLException {
    s.clearBatch();
    for (String id : ids) {
      s.setString(1, tenant);
      s.setString(2, kind);
      s.setString(3, id);
      s.setString(4, userId);
      s.setTimestamp(5, Timestamp.from(at));
      s.addBatch();
    }
    s.executeBatch();
  }

  /** When the user was erased, if they were. */
  public static Optional<Instant> erasedAt(Connection c, String tenant, String userId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT erased_at FROM erased_subjects WHERE tenant = ?"
        + " AND kind = ? AND subject_id = ?")) {
      s.setString(1, tenant);
      s.setString(2, USER);
      s.setString(3, userId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getTimestamp(1).toInstant()) : Optional.empty();
      }
    }
  }

  /** The ids of {@code kind} marked with the user's erasure (their sessions, their anonymous ids). */
  public static List<String> ofUser(Connection c, String tenant, String userId, String kind) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT subject_id FROM erased_subjects WHERE tenant = ?"
        + " AND user_id = ? AND kind = ?")) {
      s.setString(1, tenant);
      s.setString(2, userId);
      s.setString(3, kind);
      List<String> ids = new java.util.ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) ids.add(r.getString(1));
      }
      return ids;
    }
  }
}
