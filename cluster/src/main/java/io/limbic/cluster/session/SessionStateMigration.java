package io.limbic.cluster.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * {@link SessionState} version 1 held {@code physics} as a JSON-like map, empty before the first summary; version 2
 * holds a {@link io.limbic.protocol.session.PhysicsSummary} with the same field names, null before the first
 * summary. A full map reads as the record as it is; an empty one becomes null (not a summary of zeros).
 */
public final class SessionStateMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion >= 2 || !(json instanceof ObjectNode state)) return json;
    JsonNode physics = state.get("physics");
    if (physics != null && (!physics.isObject() || physics.isEmpty())) state.putNull("physics");
    return state;
  }
}
