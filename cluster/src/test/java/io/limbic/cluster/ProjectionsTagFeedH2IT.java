package io.limbic.cluster;

import java.util.Map;

/**
 * The read models' contract (status, pause, resume, rebuild, the same rows after a rebuild) with every projection
 * reading through the node's shared tag feed (limbic.projections.tag-feed, off by default).
 */
class ProjectionsTagFeedH2IT extends ProjectionsContract {
  @Override
  String database() {
    return "h2";
  }

  @Override
  Map<String, Object> settings() {
    return Map.of("limbic.projections.tag-feed.enabled", "true");
  }
}
