package io.limbic.projections.matching;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.index.CandidateIndex;
import io.limbic.analytics.matching.index.CandidateKey;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * On {@code ProfileUpdated}: stores the profile and replaces the user's candidate index rows with the keys the
 * analytics index scheme gives for it (age bands as of the event's year). A profile without a usable location has
 * no keys, so the user drops out of the index until they give one.
 */
public final class ProfileProjectionHandler extends JdbcHandler<EventEnvelope<UserEvent>, PlainJdbcSession> {
  private static final String UPDATE =
      "UPDATE user_profile SET profile = ?, completeness = ?, updated_at = ? WHERE tenant = ? AND user_id = ?";
  private static final String INSERT =
      "INSERT INTO user_profile (profile, completeness, updated_at, tenant, user_id) VALUES (?, ?, ?, ?, ?)";
  private static final String DELETE_KEYS = "DELETE FROM candidate_index WHERE tenant = ? AND user_id = ?";
  private static final String INSERT_KEY =
      "INSERT INTO candidate_index (tenant, index_key, user_id) VALUES (?, ?, ?)";

  @Override
  public void process(PlainJdbcSession session, EventEnvelope<UserEvent> envelope) throws Exception {
    if (!(envelope.event() instanceof UserEvent.ProfileUpdated event)) return;
    session.withConnection(
        connection -> {
          store(connection, event);
          replaceKeys(connection, event);
          return null;
        });
  }

  private static void store(Connection connection, UserEvent.ProfileUpdated event) throws SQLException {
    Profile profile = ProfileCodec.toProfile(event.profile());
    String json = ProfileCodec.profileJson(event.profile());
    if (write(connection, UPDATE, event, json, profile.completeness()) == 0) {
      write(connection, INSERT, event, json, profile.completeness());
    }
  }

  private static int write(Connection connection, String sql, UserEvent.ProfileUpdated event, String json,
      double completeness) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(sql)) {
      stmt.setString(1, json);
      stmt.setDouble(2, completeness);
      stmt.setObject(3, event.at().atOffset(ZoneOffset.UTC));
      stmt.setString(4, event.tenant());
      stmt.setString(5, event.userId());
      return stmt.executeUpdate();
    }
  }

  private static void replaceKeys(Connection connection, UserEvent.ProfileUpdated event) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(DELETE_KEYS)) {
      stmt.setString(1, event.tenant());
      stmt.setString(2, event.userId());
      stmt.executeUpdate();
    }
    int year = event.at().atOffset(ZoneOffset.UTC).getYear();
    Set<String> keys = new LinkedHashSet<>();
    for (CandidateKey key : CandidateIndex.keysFor(event.tenant(), ProfileCodec.toProfile(event.profile()), year)) {
      keys.add(key.asString());
    }
    if (keys.isEmpty()) return;
    try (PreparedStatement stmt = connection.prepareStatement(INSERT_KEY)) {
      for (String key : keys) {
        stmt.setString(1, event.tenant());
        stmt.setString(2, key);
        stmt.setString(3, event.userId());
        stmt.addBatch();
      }
      stmt.executeBatch();
    }
  }
}
