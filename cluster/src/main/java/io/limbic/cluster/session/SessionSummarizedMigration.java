package io.limbic.cluster.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * {@link io.limbic.protocol.session.SessionEvent.SessionSummarized} version 1 held {@code physics} as a JSON-like
 * map of {@code PhysicsSnapshot}'s fields; version 2 holds a {@link io.limbic.protocol.session.PhysicsSummary} of
 * the same names, so a full map reads as it is. A value that is not a full object becomes null.
 */
public final class SessionSummarizedMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion >= 2 || !(json instanceof ObjectNode event)) return json;
    JsonNode physics = event.get("physics");
    if (physics != null && (!physics.isObject() || physics.isEmpty())) event.putNull("physics");
    return event;
  }
}
