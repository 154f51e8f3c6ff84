package io.limbic.projections.matching;

import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.MatchAction;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Keeps each user's latest daily matches and the log of every match generated, with the outcomes joined to it.
 *
 * <ul>
 *   <li>{@code IdlePhaseCompleted} of the deep phase (3) replaces the user's daily matches with the event's, in
 *       its order (rank 1 best), and logs each match once by its id;
 *   <li>{@code MatchActionRecorded} marks the match liked, messaged or passed;
 *   <li>{@code InteractionRecorded}, on the sender's side only (so each interaction counts once), is an outcome of
 *       the sender's latest match with the receiver generated before it: view marks it viewed, favorite liked,
 *       message and reply messaged. People met through a suggestion often act from the profile page rather than
 *       from the match card, and those actions are the outcome the score predicted. Other types say nothing here.
 * </ul>
 *
 * A like or message makes a match mutual when the other person liked or messaged this user in a match of their
 * own; both rows are then marked. The other person's rows belong to another tag's projection, so both rows of the
 * pair are locked in one fixed order before either is read or written: whichever of two concurrent likes commits
 * second sees the first.
 */
public final class MatchesProjectionHandler extends JdbcHandler<EventEnvelope<UserEvent>, PlainJdbcSession> {
  static final int DEEP_PHASE = 3;

  private static final String DELETE_DAILY = "DELETE FROM daily_matches WHERE tenant = ? AND user_id = ?";
  private static final String INSERT_DAILY =
      "INSERT INTO daily_matches (tenant, user_id, rank, match_id, candidate_id, score, breakdown, generated_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LOGGED = "SELECT 1 FROM match_log WHERE tenant = ? AND match_id = ?";
  private static final String INSERT_LOG =
      "INSERT INTO match_log (tenant, match_id, user_id, candidate_id, predicted_score, generated_at) "
          + "VALUES (?, ?, ?, ?, ?, ?)";
  private static final String CANDIDATE_OF =
      "SELECT candidate_id FROM match_log WHERE tenant = ? AND match_id = ? AND user_id = ?";
  private static final String LATEST_WITH =
      "SELECT match_id FROM match_log WHERE tenant = ? AND user_id = ? AND candidate_id = ? AND generated_at <= ? "
          + "ORDER BY generated_at DESC, match_id LIMIT 1";
  private static final String LOCK_PAIR =
      "SELECT match_id, user_id, liked, messaged FROM match_log WHERE tenant = ? "
          + "AND ((user_id = ? AND candidate_id = ?) OR (user_id = ? AND candidate_id = ?)) "
          + "ORDER BY user_id, match_id FOR UPDATE";
  private static final String MARK = "UPDATE match_log SET %s = TRUE WHERE tenant = ? AND match_id = ?";
  private static final String MARK_MUTUAL =
      "UPDATE match_log SET mutual = TRUE WHERE tenant = ? AND (match_id = ? "
          + "OR (user_id = ? AND candidate_id = ? AND (liked OR messaged)))";

  /** The outcome columns; the column name goes into SQL, so it only ever comes from here. */
  private enum Outcome {
    VIEWED("viewed"), LIKED("liked"), MESSAGED("messaged"), PASSED("passed");

    final String column;

    Outcome(String column) {
      this.column = column;
    }

    boolean positive() {
      return this == LIKED || this == MESSAGED;
    }
  }

  @Override
  public void process(PlainJdbcSession session, EventEnvelope<UserEvent> envelope) throws Exception {
    UserEvent event = envelope.event();
    if (event instanceof UserEvent.IdlePhaseCompleted completed && completed.phase() == DEEP_PHASE) {
      session.withConnection(connection -> onMatchesGenerated(connection, completed));
    } else if (event instanceof UserEvent.MatchActionRecorded action) {
      session.withConnection(connection -> onAction(connection, action));
    } else if (event instanceof UserEvent.InteractionRecorded interaction && interaction.outgoing()) {
      session.withConnection(connection -> onInteraction(connection, interaction));
    }
  }

  private static Void onMatchesGenerated(Connection connection, UserEvent.IdlePhaseCompleted event)
      throws SQLException {
    List<DailyMatch> matches = event.matches() == null ? List.of() : event.matches();
    OffsetDateTime generatedAt = event.at().atOffset(ZoneOffset.UTC);
    try (PreparedStatement stmt = connection.prepareStatement(DELETE_DAILY)) {
      stmt.setString(1, event.tenant());
      stmt.setString(2, event.userId());
      stmt.executeUpdate();
    }
    try (PreparedStatement stmt = connection.prepareStatement(INSERT_DAILY)) {
      int rank = 1;
      for (DailyMatch match : matches) {
        stmt.setString(1, event.tenant());
        stmt.setString(2, event.userId());
        stmt.setInt(3, rank++);
        stmt.setString(4, match.matchId());
        stmt.setString(5, match.userId());
        stmt.setDouble(6, match.score());
        stmt.setString(7, ProfileCodec.breakdownJson(match.breakdown()));
        stmt.setObject(8, generatedAt);
        stmt.addBatch();
      }
      if (!matches.isEmpty()) stmt.executeBatch();
    }
    for (DailyMatch match : matches) {
      // only this user's projection inserts this user's matches, so check-then-insert cannot race
      if (!logged(connection, event.tenant(), match.matchId())) log(connection, event, match, generatedAt);
    }
    return null;
  }

  private static Void onAction(Connection connection, UserEvent.MatchActionRecorded event) throws SQLException {
    Outcome outcome = MatchAction.parse(event.action()).map(MatchesProjectionHandler::outcomeOf).orElse(null);
    if (outcome == null) return null;
    String candidate = candidateOf(connection, event.tenant(), event.matchId(), event.userId());
    if (candidate == null) return null; // not a match of this user's: nothing to join it to
    record(connection, event.tenant(), event.userId(), candidate, event.matchId(), outcome);
    return null;
  }

  private static Void onInteraction(Connection connection, UserEvent.InteractionRecorded event) throws SQLException {
    InteractionData interaction = event.interaction();
    if (interaction == null || interaction.to() == null) return null;
    Outcome outcome = InteractionType.parse(interaction.type()).map(MatchesProjectionHandler::outcomeOf).orElse(null);
    if (outcome == null) return null;
    Instant at = interaction.at() == null ? event.at() : interaction.at();
    String matchId = latestMatch(connection, event.tenant(), event.userId(), interaction.to(), at);
    if (matchId == null) return null;
    record(connection, event.tenant(), event.userId(), interaction.to(), matchId, outcome);
    return null;
  }

  private static void record(Connection connection, String tenant, String userId, String candidateId,
      String matchId, Outcome outcome) throws SQLException {
    boolean reciprocated = lockPair(connection, tenant, userId, candidateId);
    try (PreparedStatement stmt = connection.prepareStatement(String.format(MARK, outcome.column))) {
      stmt.setString(1, tenant);
      stmt.setString(2, matchId);
      stmt.executeUpdate();
    }
    if (!outcome.positive() || !reciprocated) return;
    try (PreparedStatement stmt = connection.prepareStatement(MARK_MUTUAL)) {
      stmt.setString(1, tenant);
      stmt.setString(2, matchId);
      stmt.setString(3, candidateId);
      stmt.setString(4, userId);
      stmt.executeUpdate();
    }
  }

  /** Locks every logged match between the two, in a fixed order; true when the candidate liked or messaged back. */
  private static boolean lockPair(Connection connection, String tenant, String userId, String candidateId)
      throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(LOCK_PAIR)) {
      stmt.setString(1, tenant);
      stmt.setString(2, userId);
      stmt.setString(3, candidateId);
      stmt.setString(4, candidateId);
      stmt.setString(5, userId);
      boolean reciprocated = false;
      try (ResultSet rs = stmt.executeQuery()) {
        while (rs.next()) {
          if (candidateId.equals(rs.getString(2)) && (rs.getBoolean(3) || rs.getBoolean(4))) reciprocated = true;
        }
      }
      return reciprocated;
    }
  }

  private static Outcome outcomeOf(MatchAction action) {
    return switch (action) {
      case LIKE -> Outcome.LIKED;
      case MESSAGE -> Outcome.MESSAGED;
      case PASS -> Outcome.PASSED;
    };
  }

  private static Outcome outcomeOf(InteractionType type) {
    return switch (type) {
      case VIEW -> Outcome.VIEWED;
      case FAVORITE -> Outcome.LIKED;
      case MESSAGE, REPLY -> Outcome.MESSAGED;
      default -> null;
    };
  }

  private static boolean logged(Connection connection, String tenant, String matchId) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(LOGGED)) {
      stmt.setString(1, tenant);
      stmt.setString(2, matchId);
      try (ResultSet rs = stmt.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void log(Connection connection, UserEvent.IdlePhaseCompleted event, DailyMatch match,
      OffsetDateTime generatedAt) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(INSERT_LOG)) {
      stmt.setString(1, event.tenant());
      stmt.setString(2, match.matchId());
      stmt.setString(3, event.userId());
      stmt.setString(4, match.userId());
      stmt.setDouble(5, match.score());
      stmt.setObject(6, generatedAt);
      stmt.executeUpdate();
    }
  }

  private static String candidateOf(Connection connection, String tenant, String matchId, String userId)
      throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(CANDIDATE_OF)) {
      stmt.setString(1, tenant);
      stmt.setString(2, matchId);
      stmt.setString(3, userId);
      try (ResultSet rs = stmt.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static String latestMatch(Connection connection, String tenant, String userId, String candidateId,
      Instant before) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(LATEST_WITH)) {
      stmt.setString(1, tenant);
      stmt.setString(2, userId);
      stmt.setString(3, candidateId);
      stmt.setObject(4, before.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = stmt.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
