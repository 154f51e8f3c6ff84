package io.limbic.projections.interventions;

import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.InterventionDecided;
import io.limbic.protocol.user.UserEvent.InterventionDelivered;
import io.limbic.protocol.user.UserEvent.InterventionEvent;
import io.limbic.protocol.user.UserEvent.InterventionFeedbackGiven;
import io.limbic.protocol.user.UserEvent.InterventionOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One row per decision: inserted once (a replay finds it and leaves it), then marked delivered (a later report that
 * it was delivered wins over one that it was not) and given its first outcome. Feedback keeps the latest verdict.
 */
public final class InterventionDecisionsProjectionHandler extends UserEventGroupHandler {
  private static final String INSERT_DECISION =
      "MERGE INTO intervention_decisions t USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, "
          + "CAST(? AS VARCHAR(64)) AS decision_id) s ON t.tenant = s.tenant AND t.decision_id = s.decision_id "
          + "WHEN NOT MATCHED THEN INSERT (tenant, decision_id, user_id, session_id, context_id, variant_id, holdout, "
          + "reason, emotion, confidence, emotion_id, channel, cost, lifetime_value, decided_at, window_ends_at, "
          + "delivered) VALUES (s.tenant, s.decision_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)";
  private static final String DELIVERED =
      "UPDATE intervention_decisions SET delivered = ?, delivery_detail = ?, delivered_at = ? "
          + "WHERE tenant = ? AND decision_id = ? AND delivered = FALSE";
  private static final String OUTCOME =
      "UPDATE intervention_decisions SET outcome = ?, outcome_event_id = ?, outcome_at = ? "
          + "WHERE tenant = ? AND decision_id = ? AND outcome IS NULL";
  private static final String FEEDBACK =
      "MERGE INTO intervention_feedback t USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, "
          + "CAST(? AS VARCHAR(64)) AS decision_id, CAST(? AS VARCHAR(128)) AS user_id, "
          + "CAST(? AS BOOLEAN) AS false_positive, CAST(? AS VARCHAR(2000)) AS note, "
          + "CAST(? AS TIMESTAMP WITH TIME ZONE) AS given_at) s "
          + "ON t.tenant = s.tenant AND t.decision_id = s.decision_id "
          + "WHEN MATCHED THEN UPDATE SET false_positive = s.false_positive, note = s.note, given_at = s.given_at "
          + "WHEN NOT MATCHED THEN INSERT (tenant, decision_id, user_id, false_positive, note, given_at) "
          + "VALUES (s.tenant, s.decision_id, s.user_id, s.false_positive, s.note, s.given_at)";

  @Override
  protected boolean uses(UserEvent event) {
    return event instanceof InterventionEvent;
  }

  @Override
  protected void apply(Connection connection, List<UserEvent> events) throws SQLException {
    for (UserEvent event : events) {
      if (event instanceof InterventionDecided d) decided(connection, d);
      else if (event instanceof InterventionDelivered d) delivered(connection, d);
      else if (event instanceof InterventionOutcome o) outcome(connection, o);
      else if (event instanceof InterventionFeedbackGiven f) feedback(connection, f);
    }
  }

  private static void decided(Connection c, InterventionDecided d) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_DECISION)) {
      ps.setString(1, d.tenant());
      ps.setString(2, d.decisionId());
      ps.setString(3, d.userId());
      ps.setString(4, d.sessionId());
      ps.setString(5, d.contextId());
      ps.setString(6, d.variantId());
      ps.setBoolean(7, d.holdout());
      ps.setString(8, d.reason());
      ps.setString(9, d.emotion());
      ps.setDouble(10, d.confidence());
      ps.setString(11, d.emotionId());
      if (d.channel() == null) ps.setNull(12, Types.VARCHAR);
      else ps.setString(12, d.channel());
      ps.setDouble(13, d.cost());
      ps.setDouble(14, d.lifetimeValue());
      ps.setObject(15, time(d.at()));
      ps.setObject(16, time(d.until()));
      ps.executeUpdate();
    }
  }

  private static void delivered(Connection c, InterventionDelivered d) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DELIVERED)) {
      ps.setBoolean(1, d.delivered());
      ps.setString(2, d.detail() == null ? null : truncate(d.detail(), 500));
      ps.setObject(3, time(d.at()));
      ps.setString(4, d.tenant());
      ps.setString(5, d.decisionId());
      ps.executeUpdate();
    }
  }

  private static void outcome(Connection c, InterventionOutcome o) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(OUTCOME)) {
      ps.setString(1, o.outcome());
      ps.setString(2, o.productEventId());
      ps.setObject(3, time(o.at()));
      ps.setString(4, o.tenant());
      ps.setString(5, o.decisionId());
      ps.executeUpdate();
    }
  }

  private static void feedback(Connection c, InterventionFeedbackGiven f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FEEDBACK)) {
      ps.setString(1, f.tenant());
      ps.setString(2, f.decisionId());
      ps.setString(3, f.userId());
      ps.setBoolean(4, f.falsePositive());
      ps.setString(5, f.note() == null ? null : truncate(f.note(), 2000));
      ps.setObject(6, time(f.at()));
      ps.executeUpdate();
    }
  }

  private static java.time.OffsetDateTime time(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
