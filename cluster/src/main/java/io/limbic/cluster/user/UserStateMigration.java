package io.limbic.cluster.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.events.EventIdWindow;
import java.time.Instant;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Snapshots of {@link UserState} version 1 held the last 1,000 event ids as strings ({@code recentEventIds});
 * version 2 holds an {@link EventIdWindow}. Those ids become a window recorded "now" (when the snapshot is read):
 * their real recording times were not kept, and this errs on the side of recognising them for a full window.
 * Version 3 adds the ids of the latest emotions recorded ({@code emotionIds}); older snapshots start with none.
 * Version 4 types the idle phases' results ({@code matching.phaseResults}: flat maps become
 * {@link io.limbic.protocol.user.PhaseResult}, see {@link PhaseResultUpcast}).
 */
public final class UserStateMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 4;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (!(json instanceof ObjectNode state)) return json;
    if (fromVersion < 3 && !state.has("emotionIds")) state.putArray("emotionIds");
    if (fromVersion < 4) typePhaseResults(state);
    if (fromVersion >= 2) return state;
    JsonNode recent = state.remove("recentEventIds");
    if (recent == null || !recent.isArray() || state.has("eventIds")) return json;
    long[] hashes = new long[recent.size()];
    for (int i = 0; i < hashes.length; i++) hashes[i] = EventIdWindow.hash(recent.get(i).asText());
    EventIdWindow window = EventIdWindow.empty().record(hashes, Instant.now().toEpochMilli(), Long.MIN_VALUE);
    ObjectNode ids = state.putObject("eventIds");
    ArrayNode h = ids.putArray("hashes");
    ArrayNode t = ids.putArray("recordedAt");
    for (int i = 0; i < window.size(); i++) {
      h.add(window.hashes()[i]);
      t.add(window.recordedAt()[i]);
    }
    return state;
  }

  private static void typePhaseResults(ObjectNode state) {
    if (!(state.get("matching") instanceof ObjectNode matching)) return;
    if (!(matching.get("phaseResults") instanceof ObjectNode results)) return;
    results.fieldNames().forEachRemaining(name -> results.set(name, PhaseResultUpcast.nested(results.get(name))));
  }
}
