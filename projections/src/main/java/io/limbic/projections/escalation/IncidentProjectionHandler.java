package io.limbic.projections.escalation;

import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.projections.erasure.ErasureFilter;
import io.limbic.protocol.escalation.IncidentEvent;
import io.limbic.protocol.escalation.IncidentEvent.ChainEnded;
import io.limbic.protocol.escalation.IncidentEvent.ContactPaged;
import io.limbic.protocol.escalation.IncidentEvent.IncidentAcknowledged;
import io.limbic.protocol.escalation.IncidentEvent.IncidentOpened;
import io.limbic.protocol.escalation.IncidentEvent.NoticeDelivered;
import io.limbic.protocol.escalation.IncidentEvent.NoticeFailed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * One incident event into the read model: the incident's row moves (status, contacts paged, next deadline,
 * acknowledgement) and the timeline gains its rows. A redelivered event (after a rebuild) rewrites the same values:
 * the timeline's key is the event's, and the row's updates only set what the event says.
 */
public final class IncidentProjectionHandler extends JdbcHandler<EventEnvelope, PlainJdbcSession> {
  private static final String INSERT_INCIDENT =
      "INSERT INTO incidents (tenant, incident_id, user_id, emotion_id, session_id, company, lifetime_value, currency,"
          + " emotion, confidence, page, evidence, source, detected_at, opened_at, status, contacts, contacts_paged)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, 0)";
  private static final String PAGED =
      "UPDATE incidents SET contacts_paged = GREATEST(contacts_paged, ?), next_deadline_at = ?"
          + " WHERE tenant = ? AND incident_id = ? AND status = 'open'";
  private static final String ACKNOWLEDGED =
      "UPDATE incidents SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, next_deadline_at = NULL"
          + " WHERE tenant = ? AND incident_id = ?";
  private static final String ENDED =
      "UPDATE incidents SET status = CASE WHEN status = 'open' THEN 'unacknowledged' ELSE status END, ended_at = ?,"
          + " next_deadline_at = NULL WHERE tenant = ? AND incident_id = ?";
  private static final String TIMELINE =
      "INSERT INTO incident_timeline (persistence_id, sequence_nr, kind, tenant, incident_id, event_at, contact_index,"
          + " contact, channel, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Override
  public void process(PlainJdbcSession session, EventEnvelope envelope) throws Exception {
    if (!(envelope.event() instanceof IncidentEvent event)) return;
    session.withConnection(c -> {
      // An erased person's incidents are left out, so neither a late event nor a rebuild writes them back.
      if (!ErasureFilter.erased(c, event.tenant(), event.userId())) apply(c, envelope, event);
      return null;
    });
  }

  private static void apply(Connection c, EventEnvelope env, IncidentEvent event) throws SQLException {
    if (event instanceof IncidentOpened e) {
      if (!exists(c, e.tenant(), e.incidentId())) insertIncident(c, e);
      timeline(c, env, "detected", e, e.detectedAt(), null, null, null,
          e.emotion() + " at " + e.confidence() + (e.evidence() == null ? "" : ": " + e.evidence()));
      timeline(c, env, "decided", e, e.at(), null, null, null,
          "lifetime value " + e.lifetimeValue() + " " + e.currency() + ", " + e.contacts().size()
              + " contact(s), by the " + e.source());
    } else if (event instanceof ContactPaged e) {
      update(c, PAGED, s -> {
        s.setInt(1, e.contactIndex() + 1);
        s.setObject(2, utc(e.deadline()));
        s.setString(3, e.tenant());
        s.setString(4, e.incidentId());
      });
      timeline(c, env, "paged", e, e.at(), e.contactIndex(), e.contact(), null, "next step at " + e.deadline());
    } else if (event instanceof NoticeDelivered e) {
      timeline(c, env, "delivered", e, e.at(), e.contactIndex(), null, e.channelType(),
          e.reference() == null ? "accepted" : "accepted as " + e.reference());
    } else if (event instanceof NoticeFailed e) {
      timeline(c, env, "failed", e, e.at(), e.contactIndex(), null, e.channelType(),
          e.error() + (e.retryable() ? "" : " (not retryable)"));
    } else if (event instanceof IncidentAcknowledged e) {
      update(c, ACKNOWLEDGED, s -> {
        s.setObject(1, utc(e.at()));
        s.setString(2, e.by());
        s.setString(3, e.tenant());
        s.setString(4, e.incidentId());
      });
      timeline(c, env, "acknowledged", e, e.at(), e.contactIndex(), e.by(), null, null);
    } else if (event instanceof ChainEnded e) {
      update(c, ENDED, s -> {
        s.setObject(1, utc(e.at()));
        s.setString(2, e.tenant());
        s.setString(3, e.incidentId());
      });
      timeline(c, env, "chain_ended", e, e.at(), null, null, null, "no acknowledgement");
    }
  }

  private static boolean exists(Connection c, String tenant, String incidentId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM incidents WHERE tenant = ? AND incident_id = ?")) {
      s.setString(1, tenant);
      s.setString(2, incidentId);
      try (var rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void insertIncident(Connection c, IncidentOpened e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_INCIDENT)) {
      s.setString(1, e.tenant());
      s.setString(2, e.incidentId());
      s.setString(3, e.userId());
      s.setString(4, e.emotionId());
      s.setString(5, e.sessionId());
      s.setString(6, e.company());
      s.setBigDecimal(7, e.lifetimeValue());
      s.setString(8, e.currency());
      s.setString(9, e.emotion());
      s.setDouble(10, e.confidence());
      s.setString(11, truncate(e.url() != null ? e.url() : e.section()));
      s.setString(12, truncate(e.evidence()));
      s.setString(13, e.source());
      s.setObject(14, utc(e.detectedAt() != null ? e.detectedAt() : e.at()));
      s.setObject(15, utc(e.at()));
      s.setInt(16, e.contacts().size());
      s.executeUpdate();
    }
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private static void update(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      s.executeUpdate();
    }
  }

  private static void timeline(
      Connection c, EventEnvelope env, String kind, IncidentEvent e, Instant at, Integer contactIndex, String contact,
      String channel, String detail) throws SQLException {
    try (PreparedStatement del = c.prepareStatement(
        "DELETE FROM incident_timeline WHERE persistence_id = ? AND sequence_nr = ? AND kind = ?")) {
      del.setString(1, env.persistenceId());
      del.setLong(2, env.sequenceNr());
      del.setString(3, kind);
      del.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(TIMELINE)) {
      s.setString(1, env.persistenceId());
      s.setLong(2, env.sequenceNr());
      s.setString(3, kind);
      s.setString(4, e.tenant());
      s.setString(5, e.incidentId());
      s.setObject(6, utc(at != null ? at : e.at()));
      if (contactIndex == null) s.setNull(7, Types.INTEGER); else s.setInt(7, contactIndex);
      s.setString(8, contact);
      s.setString(9, channel);
      s.setString(10, truncate(detail));
      s.executeUpdate();
    }
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
  }

  private static java.time.OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }
}
