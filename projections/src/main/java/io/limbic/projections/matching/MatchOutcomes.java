package io.limbic.projections.matching;

import io.limbic.analytics.matching.scoring.FittedWeights;
import io.limbic.analytics.matching.scoring.WeightFitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A tenant's logged matches with an outcome, as {@link WeightFitter} takes them: the features each was scored with
 * and whether it became mutual. Only matches of users who acted on at least one match (like, message or pass) count,
 * as in {@link MatchQuality}: silence from someone who never opened their matches is no outcome. Rows logged before
 * V20 have no features and are skipped. The latest {@code limit} matches, by when they were generated. Blocking.
 */
public final class MatchOutcomes {
  private static final String OUTCOMES =
      "SELECT " + prefixed() + ", l.mutual FROM match_log l WHERE l.tenant = ? "
          + "AND l.compat_forward IS NOT NULL AND EXISTS (SELECT 1 FROM match_log a WHERE a.tenant = l.tenant "
          + "AND a.user_id = l.user_id AND (a.liked OR a.messaged OR a.passed)) "
          + "ORDER BY l.generated_at DESC, l.match_id LIMIT ?";

  private final DataSource dataSource;

  private static String prefixed() {
    return String.join(", ", LoggedFeatures.COLUMNS.stream().map(c -> "l." + c).toList());
  }

  public MatchOutcomes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<WeightFitter.Outcome> latest(String tenant, int limit) throws SQLException {
    int d = FittedWeights.FEATURES.size();
    List<WeightFitter.Outcome> outcomes = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try (PreparedStatement stmt = connection.prepareStatement(OUTCOMES)) {
        stmt.setString(1, tenant);
        stmt.setInt(2, limit);
        try (ResultSet rs = stmt.executeQuery()) {
          while (rs.next()) {
            Map<String, Double> features = new LinkedHashMap<>();
            boolean complete = true;
            for (int i = 0; i < d; i++) {
              double v = rs.getDouble(i + 1);
              if (rs.wasNull()) complete = false;
              features.put(FittedWeights.FEATURES.get(i), v);
            }
            if (complete) outcomes.add(new WeightFitter.Outcome(features, rs.getBoolean(d + 1)));
          }
        }
      } finally {
        connection.rollback();
      }
    }
    return outcomes;
  }
}
