package io.limbic.cluster.fuzz;

import java.util.List;
import java.util.function.Function;

/**
 * A route that takes a JSON body. A single-object route is sent one broken object; a batch route ({@code items} is
 * the array's field) a batch whose every item is broken, or a broken batch. {@code limit} is its body limit in bytes.
 */
record WriteRoute(
    String route, String method, Function<FuzzIds, String> path, BodyTemplate template, String items, long limit) {

  boolean batch() {
    return items != null;
  }

  static final List<WriteRoute> ALL = List.of(
      new WriteRoute("POST /v1/heartbeat", "POST", ids -> "/v1/heartbeat", Templates.HEARTBEAT, null, 64 * 1024),
      new WriteRoute("POST /v1/heartbeat/validate", "POST", ids -> "/v1/heartbeat/validate", Templates.HEARTBEAT,
          null, 64 * 1024),
      new WriteRoute("POST /v1/heartbeats", "POST", ids -> "/v1/heartbeats", Templates.HEARTBEAT, "heartbeats",
          1024 * 1024),
      new WriteRoute("POST /v1/sessions/{id}/telemetry", "POST", ids -> "/v1/sessions/" + ids.session() + "/telemetry",
          Templates.SAMPLE, "samples", 256 * 1024),
      new WriteRoute("PUT /v1/config/signals", "PUT", ids -> "/v1/config/signals", Templates.THRESHOLDS, null,
          64 * 1024),
      new WriteRoute("POST /v1/identify", "POST", ids -> "/v1/identify", Templates.IDENTIFY, null, 64 * 1024),
      new WriteRoute("POST /v1/events", "POST", ids -> "/v1/events", Templates.EVENT, "events", 1024 * 1024),
      new WriteRoute("PUT /v1/users/{id}/profile", "PUT", ids -> "/v1/users/" + ids.user() + "/profile",
          Templates.PROFILE, null, 64 * 1024),
      new WriteRoute("POST /v1/interactions", "POST", ids -> "/v1/interactions", Templates.INTERACTION,
          "interactions", 1024 * 1024),
      new WriteRoute("POST /v1/matches/{id}/action", "POST", ids -> "/v1/matches/" + ids.matchId() + "/action",
          Templates.MATCH_ACTION, null, 64 * 1024));
}
