package io.limbic.projections.agents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code agent_dead_letters} table. Blocking JDBC on the read-model pool (auto-commit off: every write
 * commits itself); callers run it on the blocking dispatcher.
 */
public final class DeadLetterStore {
  private static final int MAX_ERROR = 1000;
  /** A replay claim older than this is taken to have died with its node. */
  private static final Duration STALE_CLAIM = Duration.ofMinutes(5);
  private static final String COLUMNS =
      "id, agent, tenant, persistence_id, sequence_nr, event_type, error, attempts, first_failure, last_failure,"
          + " blocked_by, replayed_at";

  /** A parked event with what it takes to deliver it again. */
  record Parked(DeadLetter letter, StoredEvent event) {}

  private final DataSource dataSource;

  public DeadLetterStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Parks an event, or updates the letter of the same event if it is parked already (a redelivery after a
   * restart): one letter per agent and event. Returns its id.
   */
  long park(
      String agent, AgentEvent event, StoredEvent stored, String error, int attempts, Instant firstFailure,
      Instant lastFailure, Long blockedBy) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE agent_dead_letters SET error = ?, attempts = attempts + ?, last_failure = ?, blocked_by = ?,"
                  + " replay_claimed_at = NULL, replayed_at = NULL"
                  + " WHERE agent = ? AND persistence_id = ? AND sequence_nr = ?")) {
        update.setString(1, truncate(error));
        update.setInt(2, attempts);
        update.setObject(3, utc(lastFailure));
        setNullableLong(update, 4, blockedBy);
        update.setString(5, agent);
        update.setString(6, event.persistenceId());
        update.setLong(7, event.sequenceNr());
        if (update.executeUpdate() == 0) insert(c, agent, event, stored, error, attempts, firstFailure, lastFailure,
            blockedBy);
      }
      long id = idOf(c, agent, event.persistenceId(), event.sequenceNr());
      c.commit();
      return id;
    }
  }

  private static void insert(
      Connection c, String agent, AgentEvent event, StoredEvent stored, String error, int attempts,
      Instant firstFailure, Instant lastFailure, Long blockedBy) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO agent_dead_letters (agent, tenant, persistence_id, sequence_nr, event_type, event_at,"
                + " serializer_id, serializer_manifest, event_bytes, error, attempts, first_failure, last_failure,"
                + " blocked_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, agent);
      insert.setString(2, event.tenant());
      insert.setString(3, event.persistenceId());
      insert.setLong(4, event.sequenceNr());
      insert.setString(5, event.event().getClass().getSimpleName());
      insert.setObject(6, utc(stored.at()));
      insert.setInt(7, stored.serializerId());
      insert.setString(8, stored.manifest());
      insert.setBytes(9, stored.bytes());
      insert.setString(10, truncate(error));
      insert.setInt(11, attempts);
      insert.setObject(12, utc(firstFailure));
      insert.setObject(13, utc(lastFailure));
      setNullableLong(insert, 14, blockedBy);
      insert.executeUpdate();
    }
  }

  private static long idOf(Connection c, String agent, String persistenceId, long sequenceNr) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id FROM agent_dead_letters WHERE agent = ? AND persistence_id = ? AND sequence_nr = ?")) {
      s.setString(1, agent);
      s.setString(2, persistenceId);
      s.setLong(3, sequenceNr);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The first parked letter of this entity for the agent, if any: what later events wait behind. */
  Optional<Long> openHead(String agent, String persistenceId, long beforeSequenceNr) throws SQLException {
    // Only letters of earlier events: an event delivered again after it was parked (its offset was not committed
    // yet when the node stopped) must not be parked behind its own letter.
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT MIN(id) FROM agent_dead_letters"
                    + " WHERE agent = ? AND persistence_id = ? AND sequence_nr < ? AND replayed_at IS NULL")) {
      s.setString(1, agent);
      s.setString(2, persistenceId);
      s.setLong(3, beforeSequenceNr);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(id);
      }
    }
  }

  /** The tenant's letters, newest first; of one agent when given. */
  public List<DeadLetter> list(String tenant, Optional<String> agent, int limit) throws SQLException {
    String sql =
        "SELECT " + COLUMNS + " FROM agent_dead_letters WHERE tenant = ?" + (agent.isPresent() ? " AND agent = ?" : "")
            + " ORDER BY id DESC";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setMaxRows(limit);
      s.setString(1, tenant);
      if (agent.isPresent()) s.setString(2, agent.get());
      List<DeadLetter> letters = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) letters.add(letter(rs));
      }
      return letters;
    }
  }

  /** The letter {@code id} if it belongs to {@code tenant}. */
  Optional<Parked> find(String tenant, long id) throws SQLException {
    return one("SELECT " + COLUMNS + ", serializer_id, serializer_manifest, event_bytes, event_at"
        + " FROM agent_dead_letters WHERE id = ? AND tenant = ?", s -> {
          s.setLong(1, id);
          s.setString(2, tenant);
        });
  }

  /** Sequence mode: the earliest letter of the entity still waiting behind another. */
  Optional<Parked> nextQueued(String agent, String persistenceId) throws SQLException {
    return one("SELECT " + COLUMNS + ", serializer_id, serializer_manifest, event_bytes, event_at"
        + " FROM agent_dead_letters WHERE agent = ? AND persistence_id = ? AND replayed_at IS NULL"
        + " AND blocked_by IS NOT NULL ORDER BY sequence_nr", s -> {
          s.setString(1, agent);
          s.setString(2, persistenceId);
        });
  }

  /**
   * Takes the letter for one replay. False when it was replayed already or another replay holds it: a replay is
   * delivered at most once by this path.
   */
  boolean claim(long id, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE agent_dead_letters SET replay_claimed_at = ? WHERE id = ? AND replayed_at IS NULL"
                    + " AND (replay_claimed_at IS NULL OR replay_claimed_at < ?)")) {
      s.setObject(1, utc(now));
      s.setLong(2, id);
      s.setObject(3, utc(now.minus(STALE_CLAIM)));
      boolean claimed = s.executeUpdate() == 1;
      c.commit();
      return claimed;
    }
  }

  void markReplayed(long id, Instant now) throws SQLException {
    update("UPDATE agent_dead_letters SET replayed_at = ?, blocked_by = NULL WHERE id = ?", s -> {
      s.setObject(1, utc(now));
      s.setLong(2, id);
    });
  }

  /** A replay failed: the letter stays parked, one attempt more, and becomes the head of its entity's queue. */
  void replayFailed(DeadLetter letter, String error, Instant now) throws SQLException {
    update("UPDATE agent_dead_letters SET error = ?, attempts = attempts + 1, last_failure = ?,"
        + " replay_claimed_at = NULL, blocked_by = NULL WHERE id = ?", s -> {
          s.setString(1, truncate(error));
          s.setObject(2, utc(now));
          s.setLong(3, letter.id());
        });
    update("UPDATE agent_dead_letters SET blocked_by = ? WHERE agent = ? AND persistence_id = ?"
        + " AND replayed_at IS NULL AND id <> ? AND blocked_by IS NOT NULL", s -> {
          s.setLong(1, letter.id());
          s.setString(2, letter.agent());
          s.setString(3, letter.persistenceId());
          s.setLong(4, letter.id());
        });
  }

  /** Letters still parked, of one agent and tenant. */
  public long parked(String agent, String tenant) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*) FROM agent_dead_letters WHERE agent = ? AND tenant = ? AND replayed_at IS NULL")) {
      s.setString(1, agent);
      s.setString(2, tenant);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private Optional<Parked> one(String sql, Binder binder) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setMaxRows(1);
      binder.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        StoredEvent stored =
            new StoredEvent(rs.getInt(13), rs.getString(14), rs.getBytes(15),
                rs.getObject(16, OffsetDateTime.class).toInstant());
        return Optional.of(new Parked(letter(rs), stored));
      }
    }
  }

  private void update(String sql, Binder binder) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      s.executeUpdate();
      c.commit();
    }
  }

  private static DeadLetter letter(ResultSet rs) throws SQLException {
    long blockedBy = rs.getLong(11);
    Long blocked = rs.wasNull() ? null : blockedBy;
    OffsetDateTime replayed = rs.getObject(12, OffsetDateTime.class);
    return new DeadLetter(
        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
        rs.getString(7), rs.getInt(8), rs.getObject(9, OffsetDateTime.class).toInstant(),
        rs.getObject(10, OffsetDateTime.class).toInstant(), blocked, replayed == null ? null : replayed.toInstant());
  }

  private static void setNullableLong(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) s.setNull(index, Types.BIGINT);
    else s.setLong(index, value);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String error) {
    String text = error == null ? "unknown error" : error;
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
  }
}
