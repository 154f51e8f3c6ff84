package io.limbic.projections.activity;

import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Keeps {@code user_activity} in step with the users' events. Runs inside the projection's transaction, so the row
 * and the offset commit together: an event is counted exactly once even across restarts. A user always maps to the
 * same tag, so no two instances ever write the same row.
 */
public final class UserActivityProjectionHandler extends JdbcHandler<EventEnvelope<UserEvent>, PlainJdbcSession> {

  private static final String NEW_PERIOD =
      "UPDATE user_activity SET active_since = ?, last_active_at = ?, heartbeats = heartbeats + ? "
          + "WHERE tenant = ? AND user_id = ?";
  private static final String SAME_PERIOD =
      "UPDATE user_activity SET last_active_at = GREATEST(last_active_at, ?), heartbeats = heartbeats + ? "
          + "WHERE tenant = ? AND user_id = ?";
  private static final String INSERT =
      "INSERT INTO user_activity (tenant, user_id, active_since, last_active_at, heartbeats) VALUES (?, ?, ?, ?, ?)";

  @Override
  public void process(PlainJdbcSession session, EventEnvelope<UserEvent> envelope) throws Exception {
    // Other user events (emotions, identity, purchases) are not about presence; their offset still advances.
    if (!(envelope.event() instanceof UserEvent.Activity event)) return;
    session.withConnection(
        connection -> {
          if (update(connection, event) == 0) insert(connection, event);
          return null;
        });
  }

  private static int update(Connection connection, UserEvent.Activity event) throws SQLException {
    OffsetDateTime at = utc(event);
    if (event instanceof UserEvent.BecameActive) {
      try (PreparedStatement stmt = connection.prepareStatement(NEW_PERIOD)) {
        stmt.setObject(1, at);
        stmt.setObject(2, at);
        stmt.setLong(3, event.heartbeats());
        stmt.setString(4, event.tenant());
        stmt.setString(5, event.userId());
        return stmt.executeUpdate();
      }
    }
    try (PreparedStatement stmt = connection.prepareStatement(SAME_PERIOD)) {
      stmt.setObject(1, at);
      stmt.setLong(2, event.heartbeats());
      stmt.setString(3, event.tenant());
      stmt.setString(4, event.userId());
      return stmt.executeUpdate();
    }
  }

  private static void insert(Connection connection, UserEvent.Activity event) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(INSERT)) {
      stmt.setString(1, event.tenant());
      stmt.setString(2, event.userId());
      stmt.setObject(3, utc(event));
      stmt.setObject(4, utc(event));
      stmt.setLong(5, event.heartbeats());
      stmt.executeUpdate();
    }
  }

  private static OffsetDateTime utc(UserEvent event) {
    return event.at().atOffset(ZoneOffset.UTC);
  }
}
