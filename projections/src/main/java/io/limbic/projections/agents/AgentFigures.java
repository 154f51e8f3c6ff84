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
import javax.sql.DataSource;

/**
 * Agents' figures shared by the cluster: failed attempts per agent and tenant ({@code agent_failures}) and each
 * projection instance's progress ({@code agent_progress}). Blocking JDBC.
 */
public final class AgentFigures {
  /** A progress row not written for this long belongs to an instance that stopped: its rate no longer counts. */
  static final Duration STALE_PROGRESS = Duration.ofSeconds(10);

  /** The cluster's figures of one agent: its newest processed event and the events of the last minute. */
  public record Progress(Instant lastEventAt, long eventsLastMinute) {}

  private final DataSource dataSource;

  public AgentFigures(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void countFailure(String agent, String tenant) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (incremented(c, agent, tenant)) {
        c.commit();
        return;
      }
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO agent_failures (agent, tenant, failures) VALUES (?, ?, 1)")) {
        insert.setString(1, agent);
        insert.setString(2, tenant);
        insert.executeUpdate();
      } catch (SQLException raced) {
        // Another tag's instance inserted the row first.
        c.rollback();
        if (!incremented(c, agent, tenant)) throw raced;
      }
      c.commit();
    }
  }

  private static boolean incremented(Connection c, String agent, String tenant) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE agent_failures SET failures = failures + 1 WHERE agent = ? AND tenant = ?")) {
      update.setString(1, agent);
      update.setString(2, tenant);
      return update.executeUpdate() == 1;
    }
  }

  public long failures(String agent, String tenant) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT failures FROM agent_failures WHERE agent = ? AND tenant = ?")) {
      s.setString(1, agent);
      s.setString(2, tenant);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** Only the instance of this agent and tag writes the row. */
  void saveProgress(String agent, String tag, Instant lastEventAt, long eventsLastMinute, Instant now)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE agent_progress SET last_event_at = COALESCE(?, last_event_at), events_last_minute = ?,"
                  + " updated_at = ? WHERE agent = ? AND tag = ?")) {
        setInstant(update, 1, lastEventAt);
        update.setLong(2, eventsLastMinute);
        update.setObject(3, now.atOffset(ZoneOffset.UTC));
        update.setString(4, agent);
        update.setString(5, tag);
        if (update.executeUpdate() == 1) {
          c.commit();
          return;
        }
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO agent_progress (agent, tag, last_event_at, events_last_minute, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, agent);
        insert.setString(2, tag);
        setInstant(insert, 3, lastEventAt);
        insert.setLong(4, eventsLastMinute);
        insert.setObject(5, now.atOffset(ZoneOffset.UTC));
        insert.executeUpdate();
      }
      c.commit();
    }
  }

  public Progress progress(String agent, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT MAX(last_event_at), COALESCE(SUM(CASE WHEN updated_at >= ? THEN events_last_minute"
                    + " ELSE 0 END), 0) FROM agent_progress WHERE agent = ?")) {
      s.setObject(1, now.minus(STALE_PROGRESS).atOffset(ZoneOffset.UTC));
      s.setString(2, agent);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        OffsetDateTime last = rs.getObject(1, OffsetDateTime.class);
        return new Progress(last == null ? null : last.toInstant(), rs.getLong(2));
      }
    }
  }

  /** Whether pekko-projection holds any instance of this projection paused (its management table). */
  public boolean paused(String projectionName) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*) FROM \"pekko_projection_management\""
                    + " WHERE \"projection_name\" = ? AND \"paused\" = TRUE")) {
      s.setString(1, projectionName);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  private static void setInstant(PreparedStatement s, int index, Instant at) throws SQLException {
    if (at == null) s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    else s.setObject(index, at.atOffset(ZoneOffset.UTC));
  }
}
