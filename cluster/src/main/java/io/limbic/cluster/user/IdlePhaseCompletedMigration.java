package io.limbic.cluster.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * {@link io.limbic.protocol.user.UserEvent.IdlePhaseCompleted} version 1 held its {@code result} as a flat map;
 * version 2 holds a typed {@link io.limbic.protocol.user.PhaseResult} ({@link PhaseResultUpcast}).
 */
public final class IdlePhaseCompletedMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion >= 2 || !(json instanceof ObjectNode event)) return json;
    if (event.has("result")) event.set("result", PhaseResultUpcast.nested(event.get("result")));
    return event;
  }
}
