package io.limbic.projections.matching;

import io.limbic.analytics.matching.index.CandidateKey;
import io.limbic.analytics.matching.index.CandidateQuery;
import io.limbic.projections.erasure.ErasedSubjects;
import io.limbic.protocol.user.ProfileData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads candidates through the candidate index: only rows under the keys asked for, never a scan of the tenant's
 * users. When more than {@code limit} people qualify, the most recently active come first (then by user id, so the
 * answer is repeatable). Blocking: call it on the blocking dispatcher.
 */
public final class CandidateRepository {
  /** Keys or ids per IN list: well inside every driver's parameter limit, and plans stay cacheable. */
  static final int CHUNK = 500;

  private static final String BY_KEYS =
      "SELECT p.user_id, p.profile, a.last_active_at FROM user_profile p "
          + "LEFT JOIN user_activity a ON a.tenant = p.tenant AND a.user_id = p.user_id "
          + "WHERE p.tenant = ? AND p.user_id <> ? AND p.user_id IN "
          + "(SELECT c.user_id FROM candidate_index c WHERE c.tenant = ? AND c.index_key IN (%s)) "
          + "ORDER BY a.last_active_at DESC NULLS LAST, p.user_id LIMIT ?";
  private static final String BY_IDS =
      "SELECT p.user_id, p.profile, a.last_active_at FROM user_profile p "
          + "LEFT JOIN user_activity a ON a.tenant = p.tenant AND a.user_id = p.user_id "
          + "WHERE p.tenant = ? AND p.user_id <> ? AND p.user_id IN (%s) "
          + "ORDER BY a.last_active_at DESC NULLS LAST, p.user_id LIMIT ?";
  private static final String KEY_RANGE =
      "SELECT index_key, user_id FROM candidate_index WHERE tenant = ? AND index_key >= ? AND index_key < ?";
  private static final String PROFILES =
      "SELECT user_id, profile FROM user_profile WHERE tenant = ? AND user_id IN (%s)";

  private static final Comparator<Candidate> MOST_RECENT_FIRST =
      Comparator.comparing(Candidate::lastActiveAt, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(Candidate::userId);

  private final DataSource dataSource;

  public CandidateRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * People of the tenant indexed under any of these keys ({@link CandidateKey#asString()}), each once, without
   * {@code excludeUserId}; at most {@code limit}, most recently active first.
   */
  public List<Candidate> candidates(String tenant, List<String> indexKeys, String excludeUserId, int limit)
      throws SQLException {
    List<String> keys = List.copyOf(new LinkedHashSet<>(indexKeys));
    if (keys.isEmpty() || limit <= 0) return List.of();
    return read(connection -> {
      Map<String, Candidate> found = new LinkedHashMap<>();
      for (List<String> chunk : chunks(keys)) {
        String sql = String.format(BY_KEYS, placeholders(chunk.size()));
        try (PreparedStatement stmt = connection.prepareStatement(sql)) {
          int i = 1;
          stmt.setString(i++, tenant);
          stmt.setString(i++, excludeUserId == null ? "" : excludeUserId);
          stmt.setString(i++, tenant);
          for (String key : chunk) stmt.setString(i++, key);
          stmt.setInt(i, limit);
          collect(stmt, found);
        }
      }
      return best(found, limit);
    });
  }

  /**
   * Candidates for an analytics query. With sought genders these are exactly {@link CandidateQuery#keys()}; for a
   * searcher open to any gender the index is read by key prefix (tenant, cell, age band) per cell and band and
   * filtered on what the candidates seek, since the tenant's genders cannot be enumerated.
   */
  public List<Candidate> candidates(CandidateQuery query, String excludeUserId, int limit) throws SQLException {
    if (!query.genders().isEmpty()) {
      return candidates(query.tenant(), query.keys().stream().map(CandidateKey::asString).toList(), excludeUserId,
          limit);
    }
    if (limit <= 0) return List.of();
    return read(connection -> {
      Set<String> ids = new LinkedHashSet<>();
      try (PreparedStatement stmt = connection.prepareStatement(KEY_RANGE)) {
        for (String cell : query.cells()) {
          for (int band : query.ageBands()) {
            String prefix = query.tenant() + "|" + cell + "|" + band + "|";
            stmt.setString(1, query.tenant());
            stmt.setString(2, prefix);
            // '}' follows '|': the range holds exactly the keys that start with the prefix
            stmt.setString(3, prefix.substring(0, prefix.length() - 1) + "}");
            try (ResultSet rs = stmt.executeQuery()) {
              while (rs.next()) {
                if (seeksOneOf(rs.getString(1), query.seeks())) ids.add(rs.getString(2));
              }
            }
          }
        }
      }
      ids.remove(excludeUserId);
      Map<String, Candidate> found = new LinkedHashMap<>();
      for (List<String> chunk : chunks(List.copyOf(ids))) {
        try (PreparedStatement stmt =
            connection.prepareStatement(String.format(BY_IDS, placeholders(chunk.size())))) {
          int i = 1;
          stmt.setString(i++, query.tenant());
          stmt.setString(i++, excludeUserId == null ? "" : excludeUserId);
          for (String id : chunk) stmt.setString(i++, id);
          stmt.setInt(i, limit);
          collect(stmt, found);
        }
      }
      return best(found, limit);
    });
  }

  /** Stored profiles of these users of the tenant; users without a profile are absent from the map. */
  public Map<String, ProfileData> profiles(String tenant, Collection<String> userIds) throws SQLException {
    List<String> ids = List.copyOf(new LinkedHashSet<>(userIds));
    if (ids.isEmpty()) return Map.of();
    return read(connection -> {
      Map<String, ProfileData> profiles = new LinkedHashMap<>();
      for (List<String> chunk : chunks(ids)) {
        try (PreparedStatement stmt =
            connection.prepareStatement(String.format(PROFILES, placeholders(chunk.size())))) {
          int i = 1;
          stmt.setString(i++, tenant);
          for (String id : chunk) stmt.setString(i++, id);
          try (ResultSet rs = stmt.executeQuery()) {
            while (rs.next()) profiles.put(rs.getString(1), ProfileCodec.profile(rs.getString(2)));
          }
        }
      }
      return Collections.unmodifiableMap(profiles);
    });
  }

  /** Which of these users of the tenant are erased (marked in {@code erased_subjects}). */
  public Set<String> erasedAmong(String tenant, Collection<String> userIds) throws SQLException {
    List<String> ids = List.copyOf(new LinkedHashSet<>(userIds));
    if (ids.isEmpty()) return Set.of();
    return read(connection -> {
      Set<String> erased = new java.util.HashSet<>();
      for (List<String> chunk : chunks(ids)) {
        erased.addAll(ErasedSubjects.among(connection, tenant, ErasedSubjects.USER, chunk));
      }
      return erased;
    });
  }

  private interface Query<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T read(Query<T> query) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try {
        return query.run(connection);
      } finally {
        connection.rollback();
      }
    }
  }

  private static void collect(PreparedStatement stmt, Map<String, Candidate> found) throws SQLException {
    try (ResultSet rs = stmt.executeQuery()) {
      while (rs.next()) {
        OffsetDateTime lastActive = rs.getObject(3, OffsetDateTime.class);
        Instant at = lastActive == null ? null : lastActive.toInstant();
        found.putIfAbsent(rs.getString(1), new Candidate(rs.getString(1), ProfileCodec.profile(rs.getString(2)), at));
      }
    }
  }

  /** Each chunk gave its own best {@code limit}, so the best of their union is the overall best. */
  private static List<Candidate> best(Map<String, Candidate> found, int limit) {
    List<Candidate> all = new ArrayList<>(found.values());
    all.sort(MOST_RECENT_FIRST);
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  private static boolean seeksOneOf(String indexKey, Set<String> seeks) {
    for (String sought : seeks) {
      if (indexKey.endsWith("|" + sought)) return true;
    }
    return false;
  }

  private static <T> List<List<T>> chunks(List<T> items) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += CHUNK) {
      chunks.add(items.subList(from, Math.min(items.size(), from + CHUNK)));
    }
    return chunks;
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
