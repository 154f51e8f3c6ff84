package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import io.limbic.protocol.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retention (README "Retention"): the {@code session_retention} job deletes the journal rows and snapshots of
 * sessions that ended more than {@code limbic.retention.session-days} ago, keeps recent ones, keeps an old one a
 * projection has not read past yet, and leaves the read models' rows as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionRetentionContract {
  static final String KEY = "acme-retention-0123456789ab";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String SLOW = "slow-read-model";
  static final long DAY_MS = 24 * 3600 * 1000L;

  TestDatabase db;
  LimbicNode node;

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + KEY + ":ingest+read+admin+operator",
        "limbic.retention.session-days", "30"));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  ApiClient api() {
    return new ApiClient(node.httpPort(), KEY);
  }

  static String pid(String session) {
    return "Session|acme/" + session;
  }

  @Test
  void endedSessionsGoRecentAndUnreadOnesStayAndReadModelsKeepTheirRows() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String old = "old-" + run;
    String recent = "recent-" + run;
    String unread = "unread-" + run;
    for (String s : List.of(old, recent, unread)) {
      for (String m : Traces.messages(11, EmotionalState.RAGE, "u-" + s)) {
        assertEquals(202, api().post("/v1/sessions/" + s + "/telemetry", m).status());
      }
    }
    // Every projection of the sessions' tags has read all three, and the emotion read model holds their readings.
    Eventually.within(WAIT, () -> {
      for (String s : List.of(old, recent, unread)) {
        assertTrue(db.journalRows(pid(s)) > 0, s);
        assertTrue(lowestOffset(tag(s)) >= newest(s), s + " not read by every projection yet");
      }
      assertTrue(readings(old, recent, unread) >= 3);
    });
    long readingsBefore = readings(old, recent, unread);
    long recentRows = db.journalRows(pid(recent));
    long unreadRows = db.journalRows(pid(unread));
    age(old, 40);
    age(unread, 40);
    holdBack(unread);
    try {
      JsonNode result = runRetention();
      assertTrue(result.get("sessions").asInt() >= 1, result.toString());
      assertEquals(30, result.get("days").asInt());
    } finally {
      try (Connection c = db.connect(); var s = c.prepareStatement(
          "DELETE FROM \"pekko_projection_offset_store\" WHERE \"projection_name\" = ?")) {
        s.setString(1, SLOW);
        s.executeUpdate();
      }
    }
    assertEquals(0, db.journalRows(pid(old)), "an ended session's rows are deleted");
    assertEquals(0, db.count("SELECT COUNT(*) FROM \"snapshot\" WHERE \"persistence_id\" = '" + pid(old) + "'"));
    assertEquals(recentRows, db.journalRows(pid(recent)), "a recent session is kept");
    assertEquals(unreadRows, db.journalRows(pid(unread)), "a session a projection has not read past is kept");
    assertEquals(readingsBefore, readings(old, recent, unread), "read models keep their rows");
  }

  private JsonNode runRetention() throws Exception {
    Reply submitted = api().post("/v1/jobs", "{\"kind\":\"session_retention\",\"request\":{}}");
    assertEquals(202, submitted.status(), submitted.raw().body());
    String location = submitted.header("Location");
    return Eventually.value(WAIT, () -> {
      JsonNode job = api().get(location).body();
      assertEquals("succeeded", job.get("state").asText(), job.toString());
      return job.get("result");
    });
  }

  private static String tag(String session) {
    return Tags.forEntity("Session", "acme/" + session);
  }

  private long newest(String session) throws Exception {
    return db.count("SELECT MAX(\"ordering\") FROM \"event_journal\" WHERE \"persistence_id\" = '" + pid(session) + "'");
  }

  /** The lowest offset of the tag among the projections that read session tags (-1: one has none). */
  private long lowestOffset(String tag) throws Exception {
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT \"projection_name\", \"projection_key\", \"current_offset\" FROM \"pekko_projection_offset_store\"");
        ResultSet r = s.executeQuery()) {
      Map<String, Long> byName = new java.util.HashMap<>();
      java.util.Set<String> readers = new java.util.HashSet<>();
      while (r.next()) {
        if (!r.getString(2).startsWith("session-")) continue;
        readers.add(r.getString(1));
        if (r.getString(2).equals(tag)) byName.put(r.getString(1), Long.parseLong(r.getString(3)));
      }
      if (readers.isEmpty()) return -1;
      long lowest = Long.MAX_VALUE;
      for (String n : readers) lowest = Math.min(lowest, byName.getOrDefault(n, -1L));
      return lowest;
    }
  }

  private long readings(String... sessions) throws Exception {
    String in = String.join(",", java.util.Arrays.stream(sessions).map(s -> "'" + s + "'").toList());
    return db.count("SELECT COUNT(*) FROM emotion_readings WHERE tenant = 'acme' AND session_id IN (" + in + ")");
  }

  /** As if the session had written its rows {@code days} ago. */
  private void age(String session, int days) throws Exception {
    try (Connection c = db.connect(); var s = c.prepareStatement(
        "UPDATE \"event_journal\" SET \"write_timestamp\" = \"write_timestamp\" - ? WHERE \"persistence_id\" = ?")) {
      s.setLong(1, days * DAY_MS);
      s.setString(2, pid(session));
      s.executeUpdate();
    }
  }

  /** A read model that has read the session's tag only up to just before the session's newest row. */
  private void holdBack(String session) throws Exception {
    try (Connection c = db.connect(); var s = c.prepareStatement(
        "INSERT INTO \"pekko_projection_offset_store\" (\"projection_name\", \"projection_key\", \"current_offset\", "
            + "\"manifest\", \"mergeable\", \"last_updated\") VALUES (?, ?, ?, 'SEQ', false, 0)")) {
      for (String tag : Tags.all("Session")) {
        s.setString(1, SLOW);
        s.setString(2, tag);
        s.setString(3, String.valueOf(tag.equals(tag(session)) ? newest(session) - 1 : Long.MAX_VALUE / 2));
        s.executeUpdate();
      }
    }
  }
}
