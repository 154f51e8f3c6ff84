package io.limbic.projections.forensics;

import io.limbic.analytics.forensics.EmotionVolatility;
import io.limbic.analytics.forensics.EmotionVolatility.Cursor;
import io.limbic.analytics.forensics.EmotionVolatility.Delta;
import io.limbic.analytics.forensics.ForensicPage;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each session's emotion cursor (the state it is in, on which page, since when) for one group of session events:
 * read once per session from its table, moved by each event ({@link EmotionVolatility}), written back in one batch.
 * The EVI forensics and the KPI read model each keep their own table of the same shape (tenant, session_id, state,
 * page, last_at), so either can be rebuilt alone.
 */
public final class EmotionCursors {
  private record SessionKey(String tenant, String sessionId) {}

  private final Connection connection;
  private final String select;
  private final String merge;
  private final Map<SessionKey, Optional<Cursor>> cursors = new HashMap<>();
  private final Map<SessionKey, Cursor> moved = new LinkedHashMap<>();

  /** @param table a table name from the code (never from input): it goes into SQL */
  public EmotionCursors(Connection connection, String table) {
    this.connection = connection;
    this.select = "SELECT state, page, last_at FROM " + table + " WHERE tenant = ? AND session_id = ?";
    this.merge = "MERGE INTO " + table + " t USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, "
        + "CAST(? AS VARCHAR(255)) AS session_id, CAST(? AS VARCHAR(32)) AS state, CAST(? AS VARCHAR(500)) AS page, "
        + "CAST(? AS TIMESTAMP WITH TIME ZONE) AS last_at) s ON t.tenant = s.tenant AND t.session_id = s.session_id "
        + "WHEN MATCHED THEN UPDATE SET state = s.state, page = s.page, last_at = s.last_at "
        + "WHEN NOT MATCHED THEN INSERT (tenant, session_id, state, page, last_at) "
        + "VALUES (s.tenant, s.session_id, s.state, s.page, s.last_at)";
  }

  /**
   * Moves the session's cursor by this event: an emotion change starts a new state on its page, any other event
   * times the state so far. The deltas of volatility and time it makes; none for a session with no state yet.
   */
  public List<Delta> advance(SessionEvent event) throws SQLException {
    SessionKey key = new SessionKey(event.tenant(), event.sessionId());
    Optional<Cursor> known = cursors.get(key);
    if (known == null) {
      known = load(key);
      cursors.put(key, known);
    }
    Cursor before = known.orElse(null);
    List<Delta> deltas;
    Cursor after;
    if (event instanceof EmotionDetected d) {
      String page = ForensicPage.of(d.url(), d.section());
      deltas = EmotionVolatility.emotion(before, d.state(), page, d.at());
      after = new Cursor(d.state(), page, d.at());
    } else {
      if (before == null) return List.of(); // no state yet: nothing to time
      deltas = EmotionVolatility.tick(before, event.at());
      after = new Cursor(before.state(), before.page(), event.at());
    }
    cursors.put(key, Optional.of(after));
    moved.put(key, after);
    return deltas;
  }

  /** Writes the cursors this group moved. */
  public void save() throws SQLException {
    if (moved.isEmpty()) return;
    try (PreparedStatement ps = connection.prepareStatement(merge)) {
      for (Map.Entry<SessionKey, Cursor> e : moved.entrySet()) {
        ps.setString(1, e.getKey().tenant());
        ps.setString(2, e.getKey().sessionId());
        ps.setString(3, e.getValue().state());
        ps.setString(4, e.getValue().page());
        ps.setObject(5, e.getValue().at().atOffset(ZoneOffset.UTC));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private Optional<Cursor> load(SessionKey key) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(select)) {
      ps.setString(1, key.tenant());
      ps.setString(2, key.sessionId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new Cursor(rs.getString(1), rs.getString(2),
            rs.getObject(3, OffsetDateTime.class).toInstant()));
      }
    }
  }
}
