package io.limbic.cluster.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Version 1 of an idle phase's result was one flat JSON-like map; version 2 is a {@link
 * io.limbic.protocol.user.PhaseResult} with a part per kind of finding. The keys tell which parts a flat result
 * held (a light summary has {@code summarizedAt}, a learned model {@code learnedAt}, a matching run
 * {@code generatedAt} or {@code reason}); a key of none of them is dropped (nothing ever wrote one).
 */
final class PhaseResultUpcast {
  private PhaseResultUpcast() {}

  /** Already nested (a version-2 value), null or not an object: returned as it is. */
  static JsonNode nested(JsonNode flat) {
    if (!(flat instanceof ObjectNode old) || isNested(old)) return flat;
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    if (old.has("summarizedAt")) {
      ObjectNode i = result.putObject("interactions");
      copy(old, i, "summarizedAt", "windowDays", "sent", "received", "distinctPeople", "lastInteractionAt",
          "mostEngaged");
    }
    if (old.has("learnedAt")) {
      ObjectNode p = result.putObject("preferences");
      copy(old, p, "learnedAt");
      if (old.has("preferences")) p.set("described", old.get("preferences"));
    }
    if (old.has("generatedAt") || old.has("reason")) {
      ObjectNode m = result.putObject("matchRun");
      copy(old, m, "generatedAt", "matches", "candidatesConsidered", "reason");
    }
    return result;
  }

  private static boolean isNested(ObjectNode node) {
    return node.has("interactions") || node.has("matchRun")
        || (node.has("preferences") && node.get("preferences").isObject());
  }

  private static void copy(ObjectNode from, ObjectNode to, String... fields) {
    for (String f : fields) if (from.has(f)) to.set(f, from.get(f));
  }
}
