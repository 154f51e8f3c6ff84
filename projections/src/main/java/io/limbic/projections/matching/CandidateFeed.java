package io.limbic.projections.matching;

import io.limbic.projections.erasure.ErasedSubjects;
import io.limbic.protocol.user.ProfileData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * What a node's in-memory candidate table is fed from: the stored profiles (all, or those written since an instant
 * by {@code user_profile.written_at}, V52, the database's time of the write), later activity
 * ({@code user_activity.last_active_at}), who decided or was decided on ({@code user_decision.written_at}, V52) and
 * erasures ({@code erased_subjects}). Rows are streamed to a sink, not
 * collected. Blocking: call it off the actors' threads.
 */
public final class CandidateFeed {
  private static final String PROFILES =
      "SELECT p.tenant, p.user_id, p.profile, p.updated_at, p.written_at, a.last_active_at FROM user_profile p "
          + "LEFT JOIN user_activity a ON a.tenant = p.tenant AND a.user_id = p.user_id";
  private static final String PROFILES_SINCE = PROFILES + " WHERE p.written_at >= ?";
  private static final String ACTIVITY_SINCE =
      "SELECT tenant, user_id, last_active_at FROM user_activity WHERE last_active_at >= ?";
  private static final String ERASED_SINCE =
      "SELECT tenant, subject_id, erased_at FROM erased_subjects WHERE kind = ? AND erased_at >= ?";
  private static final String DECISIONS = "SELECT tenant, user_id, target_id FROM user_decision";
  private static final String DECISIONS_SINCE = DECISIONS + " WHERE written_at >= ?";
  private static final int FETCH = 1000;

  /**
   * A stored profile, as JSON ({@link #parse} it only if needed: most rows of an overlapping read are held
   * already); {@code lastActiveAt} null if never active.
   */
  public interface ProfileSink {
    void profile(String tenant, String userId, String profileJson, Instant updatedAt, Instant lastActiveAt);
  }

  /** A decision between two people (either may then have a history). */
  public interface DecisionSink {
    void decision(String tenant, String userId, String targetId);
  }

  /** A person's last activity, or their erasure. */
  public interface PersonSink {
    void person(String tenant, String userId, Instant at);
  }

  private final DataSource dataSource;

  public CandidateFeed(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Every stored profile, or with {@code since} only those written at or after it (in the database's time).
   *
   * @return the database's time just before the read: every write committed by then whose transaction started
   *     before it minus the longest transaction has been read
   */
  public Instant profiles(Instant since, ProfileSink sink) throws SQLException {
    Instant[] now = new Instant[1];
    read("SELECT CURRENT_TIMESTAMP", null, null, rs -> now[0] = instant(rs, 1));
    read(since == null ? PROFILES : PROFILES_SINCE, since, null, rs -> sink.profile(rs.getString(1),
        rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 6)));
    return now[0];
  }

  /** A profile as {@code user_profile} stores it. */
  public static ProfileData parse(String profileJson) {
    return ProfileCodec.profile(profileJson);
  }

  /** Activity last seen at or after {@code since}. */
  public void activity(Instant since, PersonSink sink) throws SQLException {
    read(ACTIVITY_SINCE, since, null, rs -> sink.person(rs.getString(1), rs.getString(2), instant(rs, 3)));
  }

  /**
   * Every decision ({@code user_decision}), or with {@code since} those written at or after it (V52, the
   * database's time).
   *
   * @return the database's time just before the read, as {@link #profiles}
   */
  public Instant decisions(Instant since, DecisionSink sink) throws SQLException {
    Instant[] now = new Instant[1];
    read("SELECT CURRENT_TIMESTAMP", null, null, rs -> now[0] = instant(rs, 1));
    read(since == null ? DECISIONS : DECISIONS_SINCE, since, null,
        rs -> sink.decision(rs.getString(1), rs.getString(2), rs.getString(3)));
    return now[0];
  }

  /** Users erased at or after {@code since}. */
  public void erased(Instant since, PersonSink sink) throws SQLException {
    read(ERASED_SINCE, since, ErasedSubjects.USER,
        rs -> sink.person(rs.getString(1), rs.getString(2), instant(rs, 3)));
  }

  private interface Row {
    void take(ResultSet rs) throws SQLException;
  }

  private void read(String sql, Instant since, String kind, Row row) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      boolean auto = connection.getAutoCommit();
      connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (PreparedStatement stmt = connection.prepareStatement(sql)) {
        stmt.setFetchSize(FETCH);
        int i = 1;
        if (kind != null) stmt.setString(i++, kind);
        if (since != null) stmt.setTimestamp(i, Timestamp.from(since));
        try (ResultSet rs = stmt.executeQuery()) {
          while (rs.next()) row.take(rs);
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(auto);
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
