package io.limbic.projections.operations;

import io.limbic.projections.operations.ProjectionStatus.Instance;
import io.limbic.projections.operations.ProjectionStatus.Rebuild;
import io.limbic.projections.operations.ProjectionStatus.State;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads a read model's status from the tables the projections keep: offsets and paused flags (pekko-projection's
 * offset and management tables), the journal's tags and write times, and {@code projection_rebuild}. Every node
 * answers the same, since all of it is in the database. Quoted names are pekko's tables, as H2 holds them.
 */
public final class ProjectionStatusRepository {
  private static final String OFFSETS =
      "SELECT \"projection_key\", \"current_offset\", \"manifest\" FROM \"pekko_projection_offset_store\" "
          + "WHERE \"projection_name\" = ?";
  private static final String PAUSED =
      "SELECT \"projection_key\" FROM \"pekko_projection_management\" WHERE \"projection_name\" = ? AND \"paused\"";
  // The oldest event of the tag past the offset: lookups on the journal's (event_id, tag) key from the offset on.
  private static final String OLDEST_UNPROCESSED =
      "SELECT j.\"write_timestamp\" FROM \"event_journal\" j WHERE j.\"ordering\" = "
          + "(SELECT MIN(t.\"event_id\") FROM \"event_tag\" t WHERE t.\"tag\" = ? AND t.\"event_id\" > ?)";
  private static final String REBUILD =
      "SELECT projection_key, started_at, target_offset, events FROM projection_rebuild WHERE projection_name = ?";
  private static final String EVENTS_UP_TO =
      "SELECT COUNT(*) FROM \"event_tag\" WHERE \"tag\" = ? AND \"event_id\" <= ?";
  /** pekko-projection's manifest of a Sequence offset, the JDBC read journal's kind. */
  private static final String SEQUENCE = "SEQ";

  private final DataSource dataSource;
  private final Clock clock;

  public ProjectionStatusRepository(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public ProjectionStatus status(ReadModel model) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      Map<String, Long> offsets = offsets(connection, model.name());
      List<String> paused = paused(connection, model.name());
      Map<String, Target> targets = targets(connection, model.name());
      long now = clock.millis();
      List<Instance> instances = new ArrayList<>();
      long lag = 0;
      Long lowest = null;
      boolean anyNone = false;
      for (String tag : model.tags()) {
        Long offset = offsets.get(tag);
        long instanceLag = lag(connection, tag, offset == null ? 0 : offset, now);
        lag = Math.max(lag, instanceLag);
        if (offset == null) anyNone = true;
        else lowest = lowest == null ? offset : Math.min(lowest, offset);
        instances.add(new Instance(tag, paused.contains(tag) ? State.paused : State.running, offset, instanceLag));
      }
      Rebuild rebuild = targets.isEmpty() ? null : rebuild(connection, targets, offsets);
      State state = !paused.isEmpty() ? State.paused
          : rebuild != null && !rebuild.done() ? State.rebuilding : State.running;
      return new ProjectionStatus(model.name(), state, lag, anyNone ? null : lowest, instances, rebuild);
    }
  }

  private record Target(Instant startedAt, long offset, long events) {}

  private static Map<String, Long> offsets(Connection connection, String name) throws SQLException {
    Map<String, Long> offsets = new HashMap<>();
    try (PreparedStatement stmt = connection.prepareStatement(OFFSETS)) {
      stmt.setString(1, name);
      try (ResultSet rs = stmt.executeQuery()) {
        while (rs.next()) {
          if (SEQUENCE.equals(rs.getString(3))) offsets.put(rs.getString(1), Long.parseLong(rs.getString(2)));
        }
      }
    }
    return offsets;
  }

  private static List<String> paused(Connection connection, String name) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement stmt = connection.prepareStatement(PAUSED)) {
      stmt.setString(1, name);
      try (ResultSet rs = stmt.executeQuery()) {
        while (rs.next()) keys.add(rs.getString(1));
      }
    }
    return keys;
  }

  private static long lag(Connection connection, String tag, long offset, long now) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(OLDEST_UNPROCESSED)) {
      stmt.setString(1, tag);
      stmt.setLong(2, offset);
      try (ResultSet rs = stmt.executeQuery()) {
        return rs.next() ? Math.max(0, now - rs.getLong(1)) : 0;
      }
    }
  }

  private static Map<String, Target> targets(Connection connection, String name) throws SQLException {
    Map<String, Target> targets = new HashMap<>();
    try (PreparedStatement stmt = connection.prepareStatement(REBUILD)) {
      stmt.setString(1, name);
      try (ResultSet rs = stmt.executeQuery()) {
        while (rs.next()) {
          Instant started = rs.getObject(2, OffsetDateTime.class).toInstant();
          targets.put(rs.getString(1), new Target(started, rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return targets;
  }

  /** Replayed events are those of each tag up to both the instance's offset and the tag's target. */
  private static Rebuild rebuild(Connection connection, Map<String, Target> targets, Map<String, Long> offsets)
      throws SQLException {
    long processed = 0;
    long total = 0;
    boolean done = true;
    Instant startedAt = null;
    for (Map.Entry<String, Target> entry : targets.entrySet()) {
      Target target = entry.getValue();
      startedAt = target.startedAt();
      total += target.events();
      long offset = offsets.getOrDefault(entry.getKey(), 0L);
      if (offset >= target.offset()) {
        processed += target.events();
      } else {
        done = false;
        processed += eventsUpTo(connection, entry.getKey(), offset);
      }
    }
    return new Rebuild(startedAt, processed, total, done);
  }

  static long eventsUpTo(Connection connection, String tag, long ordering) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(EVENTS_UP_TO)) {
      stmt.setString(1, tag);
      stmt.setLong(2, ordering);
      try (ResultSet rs = stmt.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
