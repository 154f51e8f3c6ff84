package io.limbic.projections.matching;

import io.limbic.projections.matching.MatchQuality.CalibrationBin;
import io.limbic.protocol.user.DailyMatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Queries over {@code daily_matches} and the match quality read model. Blocking: call it on the blocking
 * dispatcher.
 */
public final class MatchesRepository {
  static final int BINS = 10;
  /** 95 % two-sided normal quantile, for the Wilson interval. */
  private static final double Z = 1.959964;

  private static final String DAILY =
      "SELECT match_id, candidate_id, score, breakdown, generated_at FROM daily_matches "
          + "WHERE tenant = ? AND user_id = ? ORDER BY rank";
  private static final String TOTALS =
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN viewed OR liked OR messaged OR passed OR mutual THEN 1 ELSE 0 END), 0) "
          + "FROM match_log WHERE tenant = ?";
  private static final String EVALUATED =
      "SELECT user_id, predicted_score, CASE WHEN liked OR messaged OR mutual THEN 1 ELSE 0 END FROM match_log "
          + "WHERE tenant = ? AND user_id IN "
          + "(SELECT user_id FROM match_log WHERE tenant = ? AND (liked OR messaged OR passed))";

  private static final String QUALITY_TOTALS =
      "SELECT COALESCE(SUM(matches_logged), 0), COALESCE(SUM(matches_with_outcome), 0), COALESCE(SUM(users_acted), 0) "
          + "FROM match_quality WHERE tenant = ?";
  private static final String QUALITY_BINS =
      "SELECT bin, SUM(matches), SUM(positive), SUM(predicted_sum) FROM match_quality_bins WHERE tenant = ? "
          + "GROUP BY bin";

  private final DataSource dataSource;

  public MatchesRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The user's latest daily matches, best first; empty when none were generated (or the last run found none). */
  public Optional<UserDailyMatches> daily(String tenant, String userId) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try (PreparedStatement stmt = connection.prepareStatement(DAILY)) {
        stmt.setString(1, tenant);
        stmt.setString(2, userId);
        try (ResultSet rs = stmt.executeQuery()) {
          List<DailyMatch> matches = new ArrayList<>();
          Instant generatedAt = null;
          while (rs.next()) {
            matches.add(new DailyMatch(
                rs.getString(1), rs.getString(2), rs.getDouble(3), ProfileCodec.breakdown(rs.getString(4))));
            generatedAt = rs.getObject(5, OffsetDateTime.class).toInstant();
          }
          return matches.isEmpty() ? Optional.empty() : Optional.of(new UserDailyMatches(generatedAt, matches));
        }
      } finally {
        connection.rollback();
      }
    }
  }

  /**
   * Online precision@10 and score calibration of the tenant's logged matches, from the {@code match_quality} read
   * model: a few rows per user tag, however long the log is. See {@link MatchQuality}.
   */
  public MatchQuality quality(String tenant) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try {
        long[] totals = new long[3];
        try (PreparedStatement stmt = connection.prepareStatement(QUALITY_TOTALS)) {
          stmt.setString(1, tenant);
          try (ResultSet rs = stmt.executeQuery()) {
            rs.next();
            for (int i = 0; i < 3; i++) totals[i] = rs.getLong(i + 1);
          }
        }
        Bins bins = new Bins();
        try (PreparedStatement stmt = connection.prepareStatement(QUALITY_BINS)) {
          stmt.setString(1, tenant);
          try (ResultSet rs = stmt.executeQuery()) {
            while (rs.next()) {
              int bin = rs.getInt(1);
              if (bin < 0 || bin >= BINS) continue;
              bins.count[bin] = rs.getLong(2);
              bins.positive[bin] = rs.getLong(3);
              bins.predicted[bin] = rs.getDouble(4);
            }
          }
        }
        return summarize(totals[0], totals[1], totals[2], bins);
      } finally {
        connection.rollback();
      }
    }
  }

  /**
   * The same figures computed by scanning {@code match_log}, as the report was before the read model: the
   * reference the read model is tested against. O(log size): not for requests.
   */
  public MatchQuality qualityFromLog(String tenant) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      try {
        long logged;
        long withOutcome;
        try (PreparedStatement stmt = connection.prepareStatement(TOTALS)) {
          stmt.setString(1, tenant);
          try (ResultSet rs = stmt.executeQuery()) {
            rs.next();
            logged = rs.getLong(1);
            withOutcome = rs.getLong(2);
          }
        }
        Bins bins = new Bins();
        Set<String> users = new HashSet<>();
        try (PreparedStatement stmt = connection.prepareStatement(EVALUATED)) {
          stmt.setString(1, tenant);
          stmt.setString(2, tenant);
          try (ResultSet rs = stmt.executeQuery()) {
            while (rs.next()) {
              users.add(rs.getString(1));
              double score = rs.getDouble(2);
              int bin = bin(score);
              bins.count[bin]++;
              bins.predicted[bin] += score;
              bins.positive[bin] += rs.getInt(3);
            }
          }
        }
        return summarize(logged, withOutcome, users.size(), bins);
      } finally {
        connection.rollback();
      }
    }
  }

  private static final class Bins {
    final long[] count = new long[BINS];
    final long[] positive = new long[BINS];
    final double[] predicted = new double[BINS];
  }

  private static MatchQuality summarize(long logged, long withOutcome, long usersActed, Bins bins) {
    long[] count = bins.count;
    long[] positive = bins.positive;
    double[] predicted = bins.predicted;
    long evaluated = 0;
    long positives = 0;
    List<CalibrationBin> calibration = new ArrayList<>(BINS);
    for (int i = 0; i < BINS; i++) {
      evaluated += count[i];
      positives += positive[i];
      boolean empty = count[i] == 0;
      calibration.add(new CalibrationBin(
          (double) i / BINS, (double) (i + 1) / BINS, count[i], positive[i],
          empty ? null : predicted[i] / count[i], empty ? null : (double) positive[i] / count[i]));
    }
    if (evaluated == 0) {
      return new MatchQuality(logged, withOutcome, 0, 0, 0, null, null, null, calibration);
    }
    double p = (double) positives / evaluated;
    double[] interval = wilson(positives, evaluated);
    return new MatchQuality(
        logged, withOutcome, usersActed, evaluated, positives, p, interval[0], interval[1], calibration);
  }

  static int bin(double score) {
    if (!(score > 0)) return 0; // also NaN
    return Math.min(BINS - 1, (int) Math.floor(score * BINS));
  }

  /** Wilson score interval: honest near 0 and 1 and for the small counts a new tenant has. */
  static double[] wilson(long successes, long n) {
    double p = (double) successes / n;
    double z2 = Z * Z;
    double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
    double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }
}
