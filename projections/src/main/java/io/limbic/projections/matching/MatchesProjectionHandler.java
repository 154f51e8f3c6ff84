package io.limbic.projections.matching;

import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.MatchAction;
import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.protocol.Tags;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.UserCommand;
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

/**
 * Keeps each user's latest daily matches and the log of every match generated, with the outcomes joined to it.
 *
 * <ul>
 *   <li>{@code IdlePhaseCompleted} of the deep phase (3) replaces the user's daily matches with the event's, in
 *       its order (rank 1 best), and logs each match once by its id, with the features it was scored with
 *       ({@link LoggedFeatures}) so the tenant's P(mutual) can be fitted on the decisions that followed;
 *   <li>{@code MatchActionRecorded} marks the match liked, messaged or passed;
 *   <li>{@code InteractionRecorded}, on the sender's side only (so each interaction counts once), is an outcome of
 *       the sender's latest match with the receiver generated before it: view marks it viewed, favorite liked,
 *       message and reply messaged, pass passed. People met through a suggestion often act from the profile page rather than
 *       from the match card, and those actions are the outcome the score predicted. Other types say nothing here.
 * </ul>
 *
 * A like or message makes a match mutual when the other person liked or messaged this user in a match of their
 * own; both rows are then marked. The other person's rows belong to another tag's projection, so both rows of the
 * pair are locked in one fixed order before either is read or written: whichever of two concurrent likes commits
 * second sees the first. A group holds these locks until it commits; should two groups still deadlock, the
 * database aborts one, which rolls back and is retried (see UserEventProjections).
 *
 * <p>The same transaction keeps {@code match_quality} and {@code match_quality_bins}, the figures of
 * {@code GET /v1/matches/quality}, in step with the log (see {@link QualityDelta}).
 */
public final class MatchesProjectionHandler extends UserEventGroupHandler {
  static final int DEEP_PHASE = 3;
  /** The entity type name of users, whose events this handler reads (User.TAG_PREFIX in cluster/). */
  private static final String USER_TYPE = UserCommand.ENTITY_TYPE.name();

  private static final String DELETE_DAILY = "DELETE FROM daily_matches WHERE tenant = ? AND user_id = ?";
  private static final String INSERT_DAILY =
      "INSERT INTO daily_matches (tenant, user_id, rank, match_id, candidate_id, score, breakdown, generated_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LOGGED = "SELECT 1 FROM match_log WHERE tenant = ? AND match_id = ?";
  private static final String INSERT_LOG =
      "INSERT INTO match_log (tenant, match_id, user_id, candidate_id, predicted_score, generated_at, "
          + LoggedFeatures.columnList() + ") VALUES (?, ?, ?, ?, ?, ?, "
          + String.join(", ", java.util.Collections.nCopies(LoggedFeatures.COLUMNS.size(), "?")) + ")";
  private static final String CANDIDATE_OF =
      "SELECT candidate_id FROM match_log WHERE tenant = ? AND match_id = ? AND user_id = ?";
  private static final String LATEST_WITH =
      "SELECT match_id FROM match_log WHERE tenant = ? AND user_id = ? AND candidate_id = ? AND generated_at <= ? "
          + "ORDER BY generated_at DESC, match_id LIMIT 1";
  private static final String LOCK_PAIR =
      "SELECT match_id, user_id, liked, messaged, viewed, passed, mutual, predicted_score FROM match_log WHERE tenant = ? "
          + "AND ((user_id = ? AND candidate_id = ?) OR (user_id = ? AND candidate_id = ?)) "
          + "ORDER BY user_id, match_id FOR UPDATE";
  private static final String ACTED =
      "SELECT 1 FROM match_log WHERE tenant = ? AND user_id = ? AND (liked OR messaged OR passed) LIMIT 1";
  private static final String USER_MATCHES =
      "SELECT predicted_score, liked OR messaged OR mutual FROM match_log WHERE tenant = ? AND user_id = ?";
  private static final String MARK = "UPDATE match_log SET %s = TRUE WHERE tenant = ? AND match_id = ?";
  private static final String MARK_MUTUAL =
      "UPDATE match_log SET mutual = TRUE WHERE tenant = ? AND (match_id = ? "
          + "OR (user_id = ? AND candidate_id = ? AND (liked OR messaged)))";

  /** A logged match's outcomes before an event changes them, and its score. */
  private record Before(boolean any, boolean positive, double score) {}

  /** The other side's reaction and this match's state, read under the pair's locks. */
  private record Pair(boolean reciprocated, Before match) {}

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

    /** A like, message or pass: the user looked at their matches, so all of them are evaluated from now on. */
    boolean acts() {
      return this != VIEWED;
    }
  }

  @Override
  protected boolean uses(UserEvent event) {
    return event instanceof UserEvent.IdlePhaseCompleted completed && completed.phase() == DEEP_PHASE
        || event instanceof UserEvent.MatchActionRecorded
        || event instanceof UserEvent.InteractionRecorded interaction && interaction.outgoing();
  }

  /**
   * One event after the other, in journal order: each reads what the ones before it wrote (the log, the other
   * side's reaction), so unlike the other read models a group cannot be folded per user first. These events are
   * rare next to heartbeats, which cost this read model nothing.
   */
  @Override
  protected void apply(Connection connection, List<UserEvent> events) throws SQLException {
    for (UserEvent event : events) {
      if (event instanceof UserEvent.IdlePhaseCompleted completed) {
        onMatchesGenerated(connection, completed);
      } else if (event instanceof UserEvent.MatchActionRecorded action) {
        onAction(connection, action);
      } else if (event instanceof UserEvent.InteractionRecorded interaction) {
        onInteraction(connection, interaction);
      }
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
    QualityDelta quality = new QualityDelta(event.tenant(), userTag(event.tenant(), event.userId()));
    boolean acted = acted(connection, event.tenant(), event.userId());
    for (DailyMatch match : matches) {
      // only this user's projection inserts this user's matches, so check-then-insert cannot race
      if (logged(connection, event.tenant(), match.matchId())) continue;
      log(connection, event, match, generatedAt);
      quality.logged();
      if (acted) quality.evaluated(match.score(), false);
    }
    quality.apply(connection);
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
    Pair pair = lockPair(connection, tenant, userId, candidateId, matchId);
    boolean actedBefore = acted(connection, tenant, userId);
    try (PreparedStatement stmt = connection.prepareStatement(String.format(MARK, outcome.column))) {
      stmt.setString(1, tenant);
      stmt.setString(2, matchId);
      stmt.executeUpdate();
    }
    if (outcome.positive() && pair.reciprocated()) {
      // Marks rows that are liked or messaged already: no match's outcome changes from negative to positive.
      try (PreparedStatement stmt = connection.prepareStatement(MARK_MUTUAL)) {
        stmt.setString(1, tenant);
        stmt.setString(2, matchId);
        stmt.setString(3, candidateId);
        stmt.setString(4, userId);
        stmt.executeUpdate();
      }
    }
    quality(connection, tenant, userId, pair.match(), outcome, actedBefore);
  }

  /** Keeps match_quality equal to what a scan of match_log would find (see MatchQuality for the definitions). */
  private static void quality(Connection connection, String tenant, String userId, Before match, Outcome outcome,
      boolean actedBefore) throws SQLException {
    if (match == null) return;
    QualityDelta quality = new QualityDelta(tenant, userTag(tenant, userId));
    if (!match.any()) quality.gotFirstOutcome();
    if (!actedBefore && outcome.acts()) {
      quality.userActed();
      try (PreparedStatement stmt = connection.prepareStatement(USER_MATCHES)) {
        stmt.setString(1, tenant);
        stmt.setString(2, userId);
        try (ResultSet rs = stmt.executeQuery()) {
          while (rs.next()) quality.evaluated(rs.getDouble(1), rs.getBoolean(2));
        }
      }
    } else if (actedBefore && !match.positive() && outcome.positive()) {
      quality.turnedPositive(match.score());
    }
    quality.apply(connection);
  }

  /** The tag of the user's events: the one projection that processes them, and so the owner of their rows. */
  static String userTag(String tenant, String userId) {
    return Tags.forEntity(USER_TYPE, new TenantScopedId(tenant, userId).entityId());
  }

  private static boolean acted(Connection connection, String tenant, String userId) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(ACTED)) {
      stmt.setString(1, tenant);
      stmt.setString(2, userId);
      try (ResultSet rs = stmt.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Locks every logged match between the two, in a fixed order; whether the candidate liked or messaged back. */
  private static Pair lockPair(Connection connection, String tenant, String userId, String candidateId,
      String matchId) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(LOCK_PAIR)) {
      stmt.setString(1, tenant);
      stmt.setString(2, userId);
      stmt.setString(3, candidateId);
      stmt.setString(4, candidateId);
      stmt.setString(5, userId);
      boolean reciprocated = false;
      Before match = null;
      try (ResultSet rs = stmt.executeQuery()) {
        while (rs.next()) {
          boolean liked = rs.getBoolean(3);
          boolean messaged = rs.getBoolean(4);
          if (candidateId.equals(rs.getString(2)) && (liked || messaged)) reciprocated = true;
          if (matchId.equals(rs.getString(1))) {
            boolean mutual = rs.getBoolean(7);
            boolean any = liked || messaged || rs.getBoolean(5) || rs.getBoolean(6) || mutual;
            match = new Before(any, liked || messaged || mutual, rs.getDouble(8));
          }
        }
      }
      return new Pair(reciprocated, match);
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
      case PASS -> Outcome.PASSED;
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
      for (int i = 0; i < LoggedFeatures.COLUMNS.size(); i++) {
        Double value = LoggedFeatures.value(match.breakdown(), i);
        if (value == null) stmt.setNull(7 + i, java.sql.Types.DOUBLE);
        else stmt.setDouble(7 + i, value);
      }
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
