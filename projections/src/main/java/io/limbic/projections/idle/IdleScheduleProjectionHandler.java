package io.limbic.projections.idle;

import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.projections.db.UserKey;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>Per group: one query reads (and locks) the rows of every user the group touches, each user's events are
 * applied in order in memory, and the rows that changed are written in two batches (new rows, changed rows).
 */
public final class IdleScheduleProjectionHandler extends UserEventGroupHandler {
  /** Users per locking read; the query text depends on the count, so it is kept to a few shapes. */
  private static final int READ_CHUNK = 64;
  private static final String INSERT =
      "INSERT INTO idle_schedule (idle_since, next_phase, due_at, tenant, user_id) VALUES (?, ?, ?, ?, ?)";
  private static final String UPDATE =
      "UPDATE idle_schedule SET idle_since = ?, next_phase = ?, due_at = ? WHERE tenant = ? AND user_id = ?";

  private record Row(Instant idleSince, int nextPhase, Instant dueAt) {}

  /** One user's row as read, and as the group's events leave it. */
  private static final class Schedule {
    final boolean stored;
    Row row;
    boolean written;

    Schedule(Row row) {
      this.stored = row != null;
      this.row = row;
    }
  }

  private final List<Duration> thresholds;

  public IdleScheduleProjectionHandler(List<Duration> phaseThresholds) {
    if (phaseThresholds.isEmpty()) throw new IllegalArgumentException("at least one idle phase threshold");
    this.thresholds = List.copyOf(phaseThresholds);
  }

  @Override
  protected boolean uses(UserEvent event) {
    return event instanceof UserEvent.Activity || event instanceof UserEvent.IdlePhaseCompleted;
  }

  @Override
  protected void apply(Connection connection, List<UserEvent> events) throws SQLException {
    Map<UserKey, List<UserEvent>> byUser = new LinkedHashMap<>();
    for (UserEvent event : events) {
      byUser.computeIfAbsent(new UserKey(event.tenant(), event.userId()), k -> new ArrayList<>()).add(event);
    }
    Map<UserKey, Row> stored = read(connection, new ArrayList<>(byUser.keySet()));
    Map<UserKey, Schedule> schedules = new LinkedHashMap<>();
    for (Map.Entry<UserKey, List<UserEvent>> entry : byUser.entrySet()) {
      Schedule schedule = new Schedule(stored.get(entry.getKey()));
      for (UserEvent event : entry.getValue()) step(schedule, event);
      if (schedule.written) schedules.put(entry.getKey(), schedule);
    }
    write(connection, schedules);
  }

  private void step(Schedule schedule, UserEvent event) {
    if (event instanceof UserEvent.Activity activity) {
      Instant at = micros(activity.at());
      if (schedule.row == null || !at.isBefore(schedule.row.idleSince())) {
        put(schedule, new Row(at, 1, micros(at.plus(thresholds.get(0)))));
      }
    } else if (event instanceof UserEvent.IdlePhaseCompleted completed) {
      Row row = schedule.row;
      if (row == null || completed.idleSince() == null) return;
      Instant idleSince = micros(completed.idleSince());
      int phase = completed.phase();
      if (!idleSince.equals(row.idleSince()) || phase < row.nextPhase() - 1) return;
      // After the last phase the row is kept, not deleted: it remembers the period is done, so a late activity
      // event older than it is ignored.
      Instant due = phase < thresholds.size() ? idleSince.plus(thresholds.get(phase)) : IdleScheduleRepository.NOTHING_DUE;
      put(schedule, new Row(idleSince, phase + 1, due));
    }
  }

  private static void put(Schedule schedule, Row row) {
    schedule.row = new Row(row.idleSince(), row.nextPhase(), micros(row.dueAt()));
    schedule.written = true;
  }

  private static Map<UserKey, Row> read(Connection connection, List<UserKey> keys) throws SQLException {
    Map<UserKey, Row> rows = new HashMap<>();
    for (int from = 0; from < keys.size(); from += READ_CHUNK) {
      List<UserKey> chunk = keys.subList(from, Math.min(keys.size(), from + READ_CHUNK));
      StringBuilder sql = new StringBuilder(
          "SELECT tenant, user_id, idle_since, next_phase, due_at FROM idle_schedule WHERE (tenant, user_id) IN (");
      for (int i = 0; i < chunk.size(); i++) sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
      sql.append(") FOR UPDATE");
      try (PreparedStatement stmt = connection.prepareStatement(sql.toString())) {
        int p = 1;
        for (UserKey key : chunk) {
          stmt.setString(p++, key.tenant());
          stmt.setString(p++, key.userId());
        }
        try (ResultSet rs = stmt.executeQuery()) {
          while (rs.next()) {
            rows.put(new UserKey(rs.getString(1), rs.getString(2)), new Row(
                micros(rs.getObject(3, OffsetDateTime.class).toInstant()), rs.getInt(4),
                micros(rs.getObject(5, OffsetDateTime.class).toInstant())));
          }
        }
      }
    }
    return rows;
  }

  private static void write(Connection connection, Map<UserKey, Schedule> schedules) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT);
        PreparedStatement update = connection.prepareStatement(UPDATE)) {
      boolean inserts = false;
      boolean updates = false;
      for (Map.Entry<UserKey, Schedule> entry : schedules.entrySet()) {
        Schedule schedule = entry.getValue();
        PreparedStatement stmt = schedule.stored ? update : insert;
        stmt.setObject(1, schedule.row.idleSince().atOffset(ZoneOffset.UTC));
        stmt.setInt(2, schedule.row.nextPhase());
        stmt.setObject(3, schedule.row.dueAt().atOffset(ZoneOffset.UTC));
        stmt.setString(4, entry.getKey().tenant());
        stmt.setString(5, entry.getKey().userId());
        stmt.addBatch();
        if (schedule.stored) updates = true;
        else inserts = true;
      }
      if (inserts) insert.executeBatch();
      if (updates) update.executeBatch();
    }
  }

  // The years both databases can hold. Times are bounded at the API now, but journals written by older versions
  // may hold a heartbeat centuries away: clamped, it is overdue (or far off) as before, and the projection goes on
  // instead of failing on an insert or an Instant overflow for ever.
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private static Instant micros(Instant instant) {
    Instant storable = instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
    return storable.truncatedTo(ChronoUnit.MICROS);
  }
}
