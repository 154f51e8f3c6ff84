package io.limbic.projections.idle;

import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Moves a user's row of {@code idle_schedule} along their idle period:
 *
 * <ul>
 *   <li>an activity event at or after the stored idle_since starts a new idle period at its time (phase 1 due
 *       after the first threshold); an older one, delivered late, changes nothing;
 *   <li>{@code IdlePhaseCompleted} of the stored idle period schedules the next phase at idleSince plus its
 *       threshold, or removes the row after the last phase; one of an earlier idle period, or of a phase before the
 *       last one completed, is stale and changes nothing (a repeat of the last one rewrites the same values).
 * </ul>
 *
 * Thresholds are idle time since idleSince, not time since the previous phase. Times are compared at the
 * databases' microsecond precision, so a value read back equals the one written.
 */
public final class IdleScheduleProjectionHandler
    extends JdbcHandler<EventEnvelope<UserEvent>, PlainJdbcSession> {
  private static final String SELECT =
      "SELECT idle_since, next_phase FROM idle_schedule WHERE tenant = ? AND user_id = ? FOR UPDATE";
  private static final String INSERT =
      "INSERT INTO idle_schedule (idle_since, next_phase, due_at, tenant, user_id) VALUES (?, ?, ?, ?, ?)";
  private static final String UPDATE =
      "UPDATE idle_schedule SET idle_since = ?, next_phase = ?, due_at = ? WHERE tenant = ? AND user_id = ?";

  private record Stored(Instant idleSince, int nextPhase) {}

  private final List<Duration> thresholds;

  public IdleScheduleProjectionHandler(List<Duration> phaseThresholds) {
    if (phaseThresholds.isEmpty()) throw new IllegalArgumentException("at least one idle phase threshold");
    this.thresholds = List.copyOf(phaseThresholds);
  }

  @Override
  public void process(PlainJdbcSession session, EventEnvelope<UserEvent> envelope) throws Exception {
    UserEvent event = envelope.event();
    if (event instanceof UserEvent.Activity activity) {
      session.withConnection(connection -> onActivity(connection, activity));
    } else if (event instanceof UserEvent.IdlePhaseCompleted completed) {
      session.withConnection(connection -> onPhaseCompleted(connection, completed));
    }
  }

  private Void onActivity(Connection connection, UserEvent.Activity event) throws SQLException {
    Instant at = micros(event.at());
    Stored stored = stored(connection, event);
    if (stored == null) {
      write(connection, INSERT, event, at, 1, at.plus(thresholds.get(0)));
    } else if (!at.isBefore(stored.idleSince())) {
      write(connection, UPDATE, event, at, 1, at.plus(thresholds.get(0)));
    }
    return null;
  }

  private Void onPhaseCompleted(Connection connection, UserEvent.IdlePhaseCompleted event) throws SQLException {
    Stored stored = stored(connection, event);
    if (stored == null || event.idleSince() == null) return null;
    Instant idleSince = micros(event.idleSince());
    int phase = event.phase();
    if (!idleSince.equals(stored.idleSince()) || phase < stored.nextPhase() - 1) return null;
    if (phase < thresholds.size()) {
      write(connection, UPDATE, event, idleSince, phase + 1, idleSince.plus(thresholds.get(phase)));
    } else {
      // Kept, not deleted: the row remembers the period is done, so a late activity event older than it is ignored.
      write(connection, UPDATE, event, idleSince, phase + 1, IdleScheduleRepository.NOTHING_DUE);
    }
    return null;
  }

  private static Stored stored(Connection connection, UserEvent event) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(SELECT)) {
      stmt.setString(1, event.tenant());
      stmt.setString(2, event.userId());
      try (ResultSet rs = stmt.executeQuery()) {
        if (!rs.next()) return null;
        return new Stored(micros(rs.getObject(1, OffsetDateTime.class).toInstant()), rs.getInt(2));
      }
    }
  }

  private static void write(Connection connection, String sql, UserEvent event, Instant idleSince, int nextPhase,
      Instant dueAt) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(sql)) {
      stmt.setObject(1, idleSince.atOffset(ZoneOffset.UTC));
      stmt.setInt(2, nextPhase);
      stmt.setObject(3, micros(dueAt).atOffset(ZoneOffset.UTC));
      stmt.setString(4, event.tenant());
      stmt.setString(5, event.userId());
      stmt.executeUpdate();
    }
  }

  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
