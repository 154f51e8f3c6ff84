package io.limbic.projections.forensics;

import io.limbic.analytics.forensics.EmotionVolatility;
import io.limbic.analytics.forensics.EmotionVolatility.Delta;
import io.limbic.analytics.forensics.ForensicPage;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.projections.db.UniqueViolations;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SessionIdentified;
import io.limbic.protocol.session.SessionEvent.SessionSummarized;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Per group of session events: each emotion becomes a reading row (keyed by its event's
 * {@code persistenceId:sequenceNr}, so a replay adds nothing twice), an identification gives the session's earlier
 * anonymous readings their user, and emotions and summaries move each session's cursor, whose time and changes are
 * folded in memory ({@link EmotionVolatility}) and added to the day's and page's totals in one batch per table.
 */
public final class EmotionForensicsProjectionHandler
    extends JdbcHandler<List<EventEnvelope<SessionEvent>>, PlainJdbcSession> {
  private static final String INSERT_READING =
      "MERGE INTO emotion_readings t USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, "
          + "CAST(? AS VARCHAR(300)) AS reading_id) s ON t.tenant = s.tenant AND t.reading_id = s.reading_id "
          + "WHEN NOT MATCHED THEN INSERT (tenant, reading_id, session_id, user_id, state, confidence, page, read_at) "
          + "VALUES (s.tenant, s.reading_id, ?, ?, ?, ?, ?, ?)";
  private static final String IDENTIFY =
      "UPDATE emotion_readings SET user_id = ? WHERE tenant = ? AND session_id = ? AND user_id IS NULL";
  private static final String ADD_VOLATILITY =
      "MERGE INTO emotion_volatility t USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, CAST(? AS DATE) AS on_day, "
          + "CAST(? AS VARCHAR(500)) AS page, CAST(? AS VARCHAR(64)) AS segment, CAST(? AS BIGINT) AS changes, "
          + "CAST(? AS BIGINT) AS w, CAST(? AS BIGINT) AS ms) s "
          + "ON t.tenant = s.tenant AND t.on_day = s.on_day AND t.page = s.page AND t.segment = s.segment "
          + "WHEN MATCHED THEN UPDATE SET changes = t.changes + s.changes, "
          + "change_weight_milli = t.change_weight_milli + s.w, session_millis = t.session_millis + s.ms "
          + "WHEN NOT MATCHED THEN INSERT (tenant, on_day, page, segment, changes, change_weight_milli, "
          + "session_millis) VALUES (s.tenant, s.on_day, s.page, s.segment, s.changes, s.w, s.ms)";
  /**
   * ADD_VOLATILITY and ADD_TIME on PostgreSQL: every session-tag instance adds to a tenant's rows of the day, and a
   * MERGE that finds no row fails on the key when a concurrent transaction inserted it first: see
   * {@link UniqueViolations#addingUp}.
   */
  private static final String ADD_VOLATILITY_POSTGRES =
      "INSERT INTO emotion_volatility AS t (tenant, on_day, page, segment, changes, change_weight_milli, "
          + "session_millis) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, on_day, page, segment) DO UPDATE SET "
          + "changes = t.changes + EXCLUDED.changes, change_weight_milli = t.change_weight_milli "
          + "+ EXCLUDED.change_weight_milli, session_millis = t.session_millis + EXCLUDED.session_millis";
  private static final String ADD_TIME_POSTGRES =
      "INSERT INTO emotion_time AS t (tenant, on_day, page, state, session_millis) VALUES (?, ?, ?, ?, ?) "
          + "ON CONFLICT (tenant, on_day, page, state) DO UPDATE SET session_millis = t.session_millis "
          + "+ EXCLUDED.session_millis";
  /** Rows in key order, so two instances adding to the same rows lock them in the same order. */
  private static final Comparator<PageDay> PAGE_DAY_ORDER = Comparator.comparing(PageDay::tenant)
      .thenComparing(PageDay::day).thenComparing(PageDay::page);
  private static final Comparator<StateTime> STATE_TIME_ORDER = Comparator.comparing(StateTime::tenant)
      .thenComparing(StateTime::day).thenComparing(StateTime::page).thenComparing(StateTime::state);
  private static final String ADD_TIME =
      "MERGE INTO emotion_time t USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, CAST(? AS DATE) AS on_day, "
          + "CAST(? AS VARCHAR(500)) AS page, CAST(? AS VARCHAR(32)) AS state, CAST(? AS BIGINT) AS ms) s "
          + "ON t.tenant = s.tenant AND t.on_day = s.on_day AND t.page = s.page AND t.state = s.state "
          + "WHEN MATCHED THEN UPDATE SET session_millis = t.session_millis + s.ms "
          + "WHEN NOT MATCHED THEN INSERT (tenant, on_day, page, state, session_millis) "
          + "VALUES (s.tenant, s.on_day, s.page, s.state, s.ms)";

  record PageDay(String tenant, LocalDate day, String page) {}

  record StateTime(String tenant, LocalDate day, String page, String state) {}

  @Override
  public void process(PlainJdbcSession session, List<EventEnvelope<SessionEvent>> envelopes) throws Exception {
    List<EventEnvelope<SessionEvent>> used = new ArrayList<>(envelopes.size());
    for (EventEnvelope<SessionEvent> e : envelopes) {
      SessionEvent event = e.event();
      if (event instanceof EmotionDetected || event instanceof SessionSummarized
          || event instanceof SessionIdentified) {
        used.add(e);
      }
    }
    if (used.isEmpty()) return;
    session.withConnection(connection -> {
      apply(connection, used);
      return null;
    });
  }

  private void apply(Connection c, List<EventEnvelope<SessionEvent>> envelopes) throws SQLException {
    EmotionCursors cursors = new EmotionCursors(c, "emotion_session_cursor");
    Map<PageDay, long[]> volatility = new TreeMap<>(PAGE_DAY_ORDER);
    Map<StateTime, Long> time = new TreeMap<>(STATE_TIME_ORDER);
    for (EventEnvelope<SessionEvent> envelope : envelopes) {
      SessionEvent event = envelope.event();
      if (event instanceof SessionIdentified i) {
        identify(c, i);
        continue;
      }
      if (event instanceof EmotionDetected d) {
        insertReading(c, envelope.persistenceId() + ":" + envelope.sequenceNr(), d, ForensicPage.of(d.url(), d.section()));
      }
      for (Delta delta : cursors.advance(event)) {
        long[] v = volatility.computeIfAbsent(new PageDay(event.tenant(), delta.day(), delta.page()), k -> new long[3]);
        v[0] += delta.changes();
        v[1] += delta.weightMilli();
        v[2] += delta.millis();
        if (delta.state() != null && delta.millis() > 0) {
          time.merge(new StateTime(event.tenant(), delta.day(), delta.page(), delta.state()), delta.millis(), Long::sum);
        }
      }
    }
    cursors.save();
    addVolatility(c, volatility);
    addTime(c, time);
  }

  private static void insertReading(Connection c, String readingId, EmotionDetected d, String page)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_READING)) {
      ps.setString(1, d.tenant());
      ps.setString(2, readingId);
      ps.setString(3, d.sessionId());
      ps.setString(4, d.userId());
      ps.setString(5, d.state());
      ps.setDouble(6, d.confidence());
      ps.setString(7, page);
      ps.setObject(8, time(d.at()));
      ps.executeUpdate();
    }
  }

  private static void identify(Connection c, SessionIdentified i) throws SQLException {
    if (i.userId() == null) return;
    try (PreparedStatement ps = c.prepareStatement(IDENTIFY)) {
      ps.setString(1, i.userId());
      ps.setString(2, i.tenant());
      ps.setString(3, i.sessionId());
      ps.executeUpdate();
    }
  }

  static void addVolatility(Connection c, Map<PageDay, long[]> volatility) throws SQLException {
    if (volatility.isEmpty()) return;
    UniqueViolations.addingUp(c, ADD_VOLATILITY, ADD_VOLATILITY_POSTGRES, ps -> {
      for (Map.Entry<PageDay, long[]> e : volatility.entrySet()) {
        ps.setString(1, e.getKey().tenant());
        ps.setObject(2, e.getKey().day());
        ps.setString(3, e.getKey().page());
        ps.setString(4, EmotionVolatility.ALL_SEGMENT);
        ps.setLong(5, e.getValue()[0]);
        ps.setLong(6, e.getValue()[1]);
        ps.setLong(7, e.getValue()[2]);
        ps.addBatch();
      }
    });
  }

  static void addTime(Connection c, Map<StateTime, Long> time) throws SQLException {
    if (time.isEmpty()) return;
    UniqueViolations.addingUp(c, ADD_TIME, ADD_TIME_POSTGRES, ps -> {
      for (Map.Entry<StateTime, Long> e : time.entrySet()) {
        ps.setString(1, e.getKey().tenant());
        ps.setObject(2, e.getKey().day());
        ps.setString(3, e.getKey().page());
        ps.setString(4, e.getKey().state());
        ps.setLong(5, e.getValue());
        ps.addBatch();
      }
    });
  }

  private static OffsetDateTime time(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
