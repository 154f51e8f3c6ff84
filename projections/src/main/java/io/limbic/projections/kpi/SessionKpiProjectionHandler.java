package io.limbic.projections.kpi;

import io.limbic.analytics.forensics.EmotionVolatility;
import io.limbic.projections.forensics.EmotionCursors;
import io.limbic.analytics.forensics.EmotionVolatility.Delta;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SessionSummarized;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
    EmotionCursors cursors = new EmotionCursors(c, "kpi_session_cursor");
    KpiFacts facts = new KpiFacts();
    for (SessionEvent event : events) {
      if (event instanceof EmotionDetected d) {
        facts.count(d.tenant(), d.userId(), d.at(), KpiNames.EMOTIONS + d.state());
      }
      for (Delta delta : cursors.advance(event)) {
        facts.add(event.tenant(), event.userId(), event.at(), KpiNames.EVI_WEIGHT,
            BigDecimal.valueOf(delta.weightMilli()));
        facts.add(event.tenant(), event.userId(), event.at(), KpiNames.EVI_MILLIS, BigDecimal.valueOf(delta.millis()));
      }
    }
    cursors.save();
    KpiFactWriter.write(c, facts);
  }




}
