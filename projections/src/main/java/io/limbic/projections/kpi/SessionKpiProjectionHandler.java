package io.limbic.projections.kpi;

import io.limbic.analytics.forensics.EmotionVolatility;
import io.limbic.analytics.forensics.EmotionVolatility.Cursor;
import io.limbic.analytics.forensics.EmotionVolatility.Delta;
import io.limbic.analytics.forensics.ForensicPage;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SessionSummarized;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * The KPI facts of the sessions' events: {@code emotions.<state>} per emotion change, and EVI's parts (change
 * weights and session time, {@link EmotionVolatility}, the definition the EVI forensics uses) in the hour of the
 * event that completes them. Facts go to the session's user at the time of the event; those of anonymous sessions
 * count for the tenant (segment {@code all}) only. Each session's cursor is kept in {@code kpi_session_cursor}.
 */
public final class SessionKpiProjectionHandler
    extends JdbcHandler<List<EventEnvelope<SessionEvent>>, PlainJdbcSession> {
  private static final String CURSOR =
      "SELECT state, page, last_at FROM kpi_session_cursor WHERE tenant = ? AND session_id = ?";
  private static final String SAVE_CURSOR =
      "MERGE INTO kpi_session_cursor k USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, "
          + "CAST(? AS VARCHAR(255)) AS session_id, CAST(? AS VARCHAR(32)) AS state, CAST(? AS VARCHAR(500)) AS page, "
          + "CAST(? AS TIMESTAMP WITH TIME ZONE) AS last_at) s ON k.tenant = s.tenant AND k.session_id = s.session_id "
          + "WHEN MATCHED THEN UPDATE SET state = s.state, page = s.page, last_at = s.last_at "
          + "WHEN NOT MATCHED THEN INSERT (tenant, session_id, state, page, last_at) "
          + "VALUES (s.tenant, s.session_id, s.state, s.page, s.last_at)";

  private record SessionKey(String tenant, String sessionId) {}

  @Override
  public void process(PlainJdbcSession session, List<EventEnvelope<SessionEvent>> envelopes) throws Exception {
    List<SessionEvent> used = new ArrayList<>(envelopes.size());
    for (EventEnvelope<SessionEvent> e : envelopes) {
      if (e.event() instanceof EmotionDetected || e.event() instanceof SessionSummarized) used.add(e.event());
    }
    if (used.isEmpty()) return;
    session.withConnection(connection -> {
      apply(connection, used);
      return null;
    });
  }

  private static void apply(Connection c, List<SessionEvent> events) throws SQLException {
    Map<SessionKey, Optional<Cursor>> cursors = new HashMap<>();
    Map<SessionKey, Cursor> moved = new LinkedHashMap<>();
    KpiFacts facts = new KpiFacts();
    for (SessionEvent event : events) {
      SessionKey key = new SessionKey(event.tenant(), event.sessionId());
      Cursor before = cursors.computeIfAbsent(key, k -> load(c, k)).orElse(null);
      List<Delta> deltas;
      Cursor after;
      if (event instanceof EmotionDetected d) {
        String page = ForensicPage.of(d.url(), d.section());
        facts.count(d.tenant(), d.userId(), d.at(), KpiNames.EMOTIONS + d.state());
        deltas = EmotionVolatility.emotion(before, d.state(), page, d.at());
        after = new Cursor(d.state(), page, d.at());
      } else {
        if (before == null) continue;
        deltas = EmotionVolatility.tick(before, event.at());
        after = new Cursor(before.state(), before.page(), event.at());
      }
      cursors.put(key, Optional.of(after));
      moved.put(key, after);
      for (Delta delta : deltas) {
        facts.add(event.tenant(), event.userId(), event.at(), KpiNames.EVI_WEIGHT,
            BigDecimal.valueOf(delta.weightMilli()));
        facts.add(event.tenant(), event.userId(), event.at(), KpiNames.EVI_MILLIS, BigDecimal.valueOf(delta.millis()));
      }
    }
    saveCursors(c, moved);
    KpiFactWriter.write(c, facts);
  }

  private static Optional<Cursor> load(Connection c, SessionKey key) {
    try (PreparedStatement ps = c.prepareStatement(CURSOR)) {
      ps.setString(1, key.tenant());
      ps.setString(2, key.sessionId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new Cursor(rs.getString(1), rs.getString(2),
            rs.getObject(3, OffsetDateTime.class).toInstant()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void saveCursors(Connection c, Map<SessionKey, Cursor> moved) throws SQLException {
    if (moved.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement(SAVE_CURSOR)) {
      for (Map.Entry<SessionKey, Cursor> e : moved.entrySet()) {
        ps.setString(1, e.getKey().tenant());
        ps.setString(2, e.getKey().sessionId());
        ps.setString(3, e.getValue().state());
        ps.setString(4, e.getValue().page());
        ps.setObject(5, KpiFactWriter.time(e.getValue().at()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
