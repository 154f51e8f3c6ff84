package io.limbic.projections.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Empties a read model for a rebuild: its rows, its projection's stored offsets and the previous rebuild's record
 * go, and the new record (what the replay must reach) comes, in one transaction. Either the old read model with its
 * offsets stays or the empty one without them does, so a failure here never leaves rows the offsets do not
 * account for. Runs only while the projection is paused: a running instance would go on from its position in
 * memory, past the events whose rows were deleted.
 */
public final class ReadModelReset {
  private static final String DELETE_OFFSETS =
      "DELETE FROM \"pekko_projection_offset_store\" WHERE \"projection_name\" = ?";
  private static final String DELETE_REBUILD = "DELETE FROM projection_rebuild WHERE projection_name = ?";
  private static final String NEWEST = "SELECT MAX(\"event_id\") FROM \"event_tag\" WHERE \"tag\" = ?";
  private static final String INSERT_REBUILD =
      "INSERT INTO projection_rebuild (projection_name, projection_key, started_at, target_offset, events) "
          + "VALUES (?, ?, ?, ?, ?)";

  private final DataSource dataSource;

  public ReadModelReset(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void reset(ReadModel model, Instant startedAt) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (Statement stmt = connection.createStatement()) {
          // Table names come from ReadModel.ALL, never from a request.
          for (String table : model.tables()) stmt.executeUpdate("DELETE FROM " + table);
        }
        update(connection, DELETE_OFFSETS, model.name());
        update(connection, DELETE_REBUILD, model.name());
        for (String tag : model.tags()) record(connection, model.name(), tag, startedAt);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static void record(Connection connection, String name, String tag, Instant startedAt) throws SQLException {
    long newest;
    try (PreparedStatement stmt = connection.prepareStatement(NEWEST)) {
      stmt.setString(1, tag);
      try (ResultSet rs = stmt.executeQuery()) {
        rs.next();
        newest = rs.getLong(1);
      }
    }
    long events = ProjectionStatusRepository.eventsUpTo(connection, tag, newest);
    try (PreparedStatement stmt = connection.prepareStatement(INSERT_REBUILD)) {
      stmt.setString(1, name);
      stmt.setString(2, tag);
      stmt.setObject(3, startedAt.atOffset(ZoneOffset.UTC));
      stmt.setLong(4, newest);
      stmt.setLong(5, events);
      stmt.executeUpdate();
    }
  }

  private static void update(Connection connection, String sql, String name) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(sql)) {
      stmt.setString(1, name);
      stmt.executeUpdate();
    }
  }
}
