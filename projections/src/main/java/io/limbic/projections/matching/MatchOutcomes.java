package io.limbic.projections.matching;

import io.limbic.analytics.matching.scoring.MutualFitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A tenant's logged matches with the decisions that followed them, as {@link MutualFitter} takes them: the features
 * each match was scored with ({@link LoggedFeatures}), the searcher's verdict on the candidate and the candidate's
 * verdict on the searcher ({@code user_decision}), each only when the pair's first decision came after the match was
 * generated (a decision the features already knew about would explain itself; a later reply does not make it new).
 * A pair suggested on several days counts once, with its latest match before the decision. The latest {@code limit}
 * matches, by when they were generated; rows logged before V21 lack features and are skipped. Blocking.
 */
public final class MatchOutcomes {
  private static final String DECISIONS =
      "SELECT " + prefixed() + ", f.says_yes, f.first_decided_at > l.generated_at, b.says_yes,"
          + " b.first_decided_at > l.generated_at, l.user_id, l.candidate_id"
          + " FROM match_log l"
          + " LEFT JOIN user_decision f ON f.tenant = l.tenant AND f.user_id = l.user_id AND f.target_id = l.candidate_id"
          + " LEFT JOIN user_decision b ON b.tenant = l.tenant AND b.user_id = l.candidate_id AND b.target_id = l.user_id"
          + " WHERE l.tenant = ? AND l.peer_forward IS NOT NULL AND l.compat_forward IS NOT NULL"
          + " AND (f.says_yes IS NOT NULL OR b.says_yes IS NOT NULL)"
          + " ORDER BY l.generated_at DESC, l.match_id LIMIT ?";

  private final DataSource dataSource;

  private static String prefixed() {
    return String.join(", ", LoggedFeatures.COLUMNS.stream().map(c -> "l." + c).toList());
  }

  public MatchOutcomes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Decisions about logged matches: the searchers' (forward) and the candidates' (backward). */
  public record Decisions(List<MutualFitter.Decision> forward, List<MutualFitter.Decision> backward) {}

  public Decisions latest(String tenant, int limit) throws SQLException {
    int d = LoggedFeatures.COLUMNS.size();
    List<MutualFitter.Decision> forward = new ArrayList<>(), backward = new ArrayList<>();
    Set<String> seenForward = new HashSet<>(), seenBackward = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try (PreparedStatement stmt = connection.prepareStatement(DECISIONS)) {
        stmt.setString(1, tenant);
        stmt.setInt(2, limit);
        try (ResultSet rs = stmt.executeQuery()) {
          while (rs.next()) {
            Map<String, Double> features = new LinkedHashMap<>();
            boolean complete = true;
            for (int i = 0; i < d; i++) {
              double v = rs.getDouble(i + 1);
              if (rs.wasNull()) complete = false;
              features.put(LoggedFeatures.NAMES.get(i), v);
            }
            if (!complete) continue;
            // Newest first: the first row of a pair is its latest match before the decision.
            String pair = rs.getString(d + 5) + "\u0000" + rs.getString(d + 6);
            boolean saidYes = rs.getBoolean(d + 1);
            if (!rs.wasNull() && rs.getBoolean(d + 2) && seenForward.add(pair)) {
              forward.add(MutualFitter.Decision.forward(features, saidYes));
            }
            boolean heardYes = rs.getBoolean(d + 3);
            if (!rs.wasNull() && rs.getBoolean(d + 4) && seenBackward.add(pair)) {
              backward.add(MutualFitter.Decision.backward(features, heardYes));
            }
          }
        }
      } finally {
        connection.rollback();
      }
    }
    return new Decisions(forward, backward);
  }
}
