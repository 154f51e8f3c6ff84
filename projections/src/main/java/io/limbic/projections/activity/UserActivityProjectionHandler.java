package io.limbic.projections.activity;

import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.projections.db.UserKey;
import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code user_activity} in step with the users' events. Runs inside the projection's transaction, so the rows
 * and the offset commit together: an event is counted exactly once even across restarts. A user always maps to the
 * same tag, so no two instances ever write the same row.
 *
 * <p>A group's activity events are folded per user in memory into one change, then written with one batched
 * upsert per group: {@code BecameActive} starts a new period (active since and last active at its time), a
 * heartbeat only moves last active forward, and every event adds its heartbeats.
 */
public final class UserActivityProjectionHandler extends UserEventGroupHandler {

  private static final String UPSERT =
      "MERGE INTO user_activity t USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, CAST(? AS VARCHAR(128)) AS user_id, "
          + "CAST(? AS BOOLEAN) AS new_period, CAST(? AS TIMESTAMP WITH TIME ZONE) AS active_since, "
          + "CAST(? AS TIMESTAMP WITH TIME ZONE) AS last_active_at, CAST(? AS BIGINT) AS heartbeats) s "
          + "ON t.tenant = s.tenant AND t.user_id = s.user_id "
          + "WHEN MATCHED THEN UPDATE SET "
          + "active_since = CASE WHEN s.new_period THEN s.active_since ELSE t.active_since END, "
          + "last_active_at = CASE WHEN s.new_period THEN s.last_active_at "
          + "ELSE GREATEST(t.last_active_at, s.last_active_at) END, "
          + "heartbeats = t.heartbeats + s.heartbeats "
          + "WHEN NOT MATCHED THEN INSERT (tenant, user_id, active_since, last_active_at, heartbeats) "
          + "VALUES (s.tenant, s.user_id, s.active_since, s.last_active_at, s.heartbeats)";

  /**
   * One user's activity in a group. Without a new period: last active moves to the latest time seen, and a new row
   * starts at the first event's time. With one: the last new period's start, and the latest time after it.
   */
  private static final class Change {
    boolean newPeriod;
    Instant activeSince;
    Instant lastActiveAt;
    long heartbeats;

    void add(UserEvent.Activity event) {
      Instant at = event.at();
      if (event instanceof UserEvent.BecameActive) {
        newPeriod = true;
        activeSince = at;
        lastActiveAt = at;
      } else {
        if (activeSince == null) activeSince = at;
        if (lastActiveAt == null || at.isAfter(lastActiveAt)) lastActiveAt = at;
      }
      heartbeats += event.heartbeats();
    }
  }

  @Override
  protected boolean uses(UserEvent event) {
    // Other user events (emotions, identity, purchases) are not about presence; their offset still advances.
    return event instanceof UserEvent.Activity;
  }

  @Override
  protected void apply(Connection connection, List<UserEvent> events) throws SQLException {
    Map<UserKey, Change> changes = new LinkedHashMap<>();
    for (UserEvent event : events) {
      changes.computeIfAbsent(new UserKey(event.tenant(), event.userId()), k -> new Change())
          .add((UserEvent.Activity) event);
    }
    try (PreparedStatement stmt = connection.prepareStatement(UPSERT)) {
      for (Map.Entry<UserKey, Change> entry : changes.entrySet()) {
        Change change = entry.getValue();
        stmt.setString(1, entry.getKey().tenant());
        stmt.setString(2, entry.getKey().userId());
        stmt.setBoolean(3, change.newPeriod);
        stmt.setObject(4, change.activeSince.atOffset(ZoneOffset.UTC));
        stmt.setObject(5, change.lastActiveAt.atOffset(ZoneOffset.UTC));
        stmt.setLong(6, change.heartbeats);
        stmt.addBatch();
      }
      stmt.executeBatch();
    }
  }
}
