package io.limbic.cluster;

import java.util.Map;

/**
 * The read models' contract (status, pause, resume, rebuild, the same rows after a rebuild) with the shared tag feed
 * off (limbic.projections.tag-feed.enabled = false): every projection polls the journal with its own query.
 */
class ProjectionsPollingH2IT extends ProjectionsContract {
  @Override
  String database() {
    return "h2";
  }

  @Override
  Map<String, Object> settings() {
    return Map.of("limbic.projections.tag-feed.enabled", "false");
  }
}
