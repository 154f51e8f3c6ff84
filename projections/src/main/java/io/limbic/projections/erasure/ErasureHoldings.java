package io.limbic.projections.erasure;

import io.limbic.projections.db.UniqueViolations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an erasure reaches beyond the person's marked subjects (table {@code erasure_holdings}): the incidents about
 * them and the other users who hold them. Both come from read models the erasure deletes, so they are stored with
 * the marker before anything is deleted; a repeat after a failure finds them here.
 */
public final class ErasureHoldings {
  public static final String INCIDENT = "incident";
  public static final String HOLDER = "holder";

  private ErasureHoldings() {}

  /**
   * Records each id of {@code kind} for the user's erasure; ids already recorded stay as they are, also those a
   * concurrent erasure of the same person records between our read and our insert.
   */
  public static void record(Connection c, String tenant, String userId, String kind, Collection<String> ids)
      throws SQLException {
    Set<String> already = of(c, tenant, userId, kind);
    List<String> added = ids.stream().filter(id -> !already.contains(id)).distinct().toList();
    if (added.isEmpty()) return;
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO erasure_holdings (tenant, user_id, kind, holding_id) VALUES (?, ?, ?, ?)")) {
      UniqueViolations.eachUnlessPresent(c, added, rows -> insert(s, tenant, userId, kind, rows));
    }
  }

  private static void insert(PreparedStatement s, String tenant, String userId, String kind, List<String> ids)
      throws SQLException {
    s.clearBatch();
    for (String id : ids) {
      s.setString(1, tenant);
      s.setString(2, userId);
      s.setString(3, kind);
      s.setString(4, id);
      s.addBatch();
    }
    s.executeBatch();
  }

  /** The ids of {@code kind} recorded for the user's erasure. */
  public static Set<String> of(Connection c, String tenant, String userId, String kind) throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT holding_id FROM erasure_holdings WHERE tenant = ? AND user_id = ? AND kind = ?")) {
      s.setString(1, tenant);
      s.setString(2, userId);
      s.setString(3, kind);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) ids.add(r.getString(1));
      }
    }
    return ids;
  }
}
