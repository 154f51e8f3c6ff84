package io.limbic.projections.matching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What one event changes in the {@code match_quality} read model of one tenant and user tag, applied in one go at
 * the end of the event's transaction (the totals row first, then the bins in ascending order, so that two
 * transactions always take these row locks in the same order).
 */
final class QualityDelta {
  private static final String UPDATE_TOTALS =
      "UPDATE match_quality SET matches_logged = matches_logged + ?, matches_with_outcome = matches_with_outcome + ?, "
          + "users_acted = users_acted + ? WHERE tenant = ? AND user_tag = ?";
  private static final String INSERT_TOTALS =
      "INSERT INTO match_quality (matches_logged, matches_with_outcome, users_acted, tenant, user_tag) "
          + "VALUES (?, ?, ?, ?, ?)";
  private static final String UPDATE_BIN =
      "UPDATE match_quality_bins SET matches = matches + ?, positive = positive + ?, predicted_sum = predicted_sum + ? "
          + "WHERE tenant = ? AND user_tag = ? AND bin = ?";
  private static final String INSERT_BIN =
      "INSERT INTO match_quality_bins (matches, positive, predicted_sum, tenant, user_tag, bin) VALUES (?, ?, ?, ?, ?, ?)";

  private final String tenant;
  private final String userTag;
  private long logged;
  private long withOutcome;
  private long usersActed;
  private final long[] matches = new long[MatchesRepository.BINS];
  private final long[] positive = new long[MatchesRepository.BINS];
  private final double[] predicted = new double[MatchesRepository.BINS];

  QualityDelta(String tenant, String userTag) {
    this.tenant = tenant;
    this.userTag = userTag;
  }

  void logged() {
    logged++;
  }

  void gotFirstOutcome() {
    withOutcome++;
  }

  void userActed() {
    usersActed++;
  }

  void evaluated(double score, boolean isPositive) {
    int bin = MatchesRepository.bin(score);
    matches[bin]++;
    predicted[bin] += score;
    if (isPositive) positive[bin]++;
  }

  void turnedPositive(double score) {
    positive[MatchesRepository.bin(score)]++;
  }

  void apply(Connection connection) throws SQLException {
    if (logged != 0 || withOutcome != 0 || usersActed != 0) {
      if (!write(connection, UPDATE_TOTALS)) write(connection, INSERT_TOTALS);
    }
    for (int bin = 0; bin < MatchesRepository.BINS; bin++) {
      if (matches[bin] == 0 && positive[bin] == 0) continue;
      if (!writeBin(connection, UPDATE_BIN, bin)) writeBin(connection, INSERT_BIN, bin);
    }
  }

  // Only this tag's projection writes these rows, so an update that finds no row can insert it without a race.
  private boolean write(Connection connection, String sql) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(sql)) {
      stmt.setLong(1, logged);
      stmt.setLong(2, withOutcome);
      stmt.setLong(3, usersActed);
      stmt.setString(4, tenant);
      stmt.setString(5, userTag);
      return stmt.executeUpdate() > 0;
    }
  }

  private boolean writeBin(Connection connection, String sql, int bin) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(sql)) {
      stmt.setLong(1, matches[bin]);
      stmt.setLong(2, positive[bin]);
      stmt.setDouble(3, predicted[bin]);
      stmt.setString(4, tenant);
      stmt.setString(5, userTag);
      stmt.setInt(6, bin);
      return stmt.executeUpdate() > 0;
    }
  }
}
