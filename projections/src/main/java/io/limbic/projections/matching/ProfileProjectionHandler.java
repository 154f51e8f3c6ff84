package io.limbic.projections.matching;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.index.CandidateIndex;
import io.limbic.analytics.matching.index.CandidateKey;
import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.projections.db.UserKey;
import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * On {@code ProfileUpdated}: stores the profile and replaces the user's candidate index rows with the keys the
 * analytics index scheme gives for it (age bands as of the event's year). A profile without a usable location has
 * no keys, so the user drops out of the index until they give one.
 *
 * <p>{@code written_at} (V52) is the database's time of the write, which nodes' candidate tables poll by.
 *
 * <p>Each update replaces everything the previous one wrote, so of a group only each user's last update is
 * written: one batched upsert of the profiles, one batched delete and one batched insert of their index keys.
 */
public final class ProfileProjectionHandler extends UserEventGroupHandler {
  private static final String UPSERT =
      "MERGE INTO user_profile t USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, CAST(? AS VARCHAR(128)) AS user_id, "
          + "CAST(? AS VARCHAR(65536)) AS profile, CAST(? AS DOUBLE PRECISION) AS completeness, "
          + "CAST(? AS TIMESTAMP WITH TIME ZONE) AS updated_at) s "
          + "ON t.tenant = s.tenant AND t.user_id = s.user_id "
          + "WHEN MATCHED THEN UPDATE SET profile = s.profile, completeness = s.completeness, updated_at = s.updated_at, "
          + "written_at = CURRENT_TIMESTAMP "
          + "WHEN NOT MATCHED THEN INSERT (tenant, user_id, profile, completeness, updated_at, written_at) "
          + "VALUES (s.tenant, s.user_id, s.profile, s.completeness, s.updated_at, CURRENT_TIMESTAMP)";
  private static final String DELETE_KEYS = "DELETE FROM candidate_index WHERE tenant = ? AND user_id = ?";
  private static final String INSERT_KEY =
      "INSERT INTO candidate_index (tenant, index_key, user_id) VALUES (?, ?, ?)";

  @Override
  protected boolean uses(UserEvent event) {
    return event instanceof UserEvent.ProfileUpdated;
  }

  @Override
  protected void apply(Connection connection, List<UserEvent> events) throws SQLException {
    Map<UserKey, UserEvent.ProfileUpdated> latest = new LinkedHashMap<>();
    for (UserEvent event : events) latest.put(new UserKey(event.tenant(), event.userId()), (UserEvent.ProfileUpdated) event);
    store(connection, latest.values());
    replaceKeys(connection, latest.values());
  }

  private static void store(Connection connection, Iterable<UserEvent.ProfileUpdated> updates) throws SQLException {
    try (PreparedStatement stmt = connection.prepareStatement(UPSERT)) {
      for (UserEvent.ProfileUpdated event : updates) {
        Profile profile = ProfileCodec.toProfile(event.profile());
        stmt.setString(1, event.tenant());
        stmt.setString(2, event.userId());
        stmt.setString(3, ProfileCodec.profileJson(event.profile()));
        stmt.setDouble(4, profile.completeness());
        stmt.setObject(5, event.at().atOffset(ZoneOffset.UTC));
        stmt.addBatch();
      }
      stmt.executeBatch();
    }
  }

  private static void replaceKeys(Connection connection, Iterable<UserEvent.ProfileUpdated> updates)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(DELETE_KEYS);
        PreparedStatement insert = connection.prepareStatement(INSERT_KEY)) {
      boolean anyKey = false;
      for (UserEvent.ProfileUpdated event : updates) {
        delete.setString(1, event.tenant());
        delete.setString(2, event.userId());
        delete.addBatch();
        for (String key : keys(event)) {
          insert.setString(1, event.tenant());
          insert.setString(2, key);
          insert.setString(3, event.userId());
          insert.addBatch();
          anyKey = true;
        }
      }
      delete.executeBatch();
      if (anyKey) insert.executeBatch();
    }
  }

  private static Set<String> keys(UserEvent.ProfileUpdated event) {
    int year = event.at().atOffset(ZoneOffset.UTC).getYear();
    Set<String> keys = new LinkedHashSet<>();
    for (CandidateKey key : CandidateIndex.keysFor(event.tenant(), ProfileCodec.toProfile(event.profile()), year)) {
      keys.add(key.asString());
    }
    return keys;
  }
}
