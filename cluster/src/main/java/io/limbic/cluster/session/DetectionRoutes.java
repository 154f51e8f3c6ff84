package io.limbic.cluster.session;

import io.limbic.cluster.http.Json;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/** {@code GET /metrics/detection} on the management port: this node's emotion-detection latency. */
public final class DetectionRoutes implements ManagementRouteProvider {
  private final DetectionLatency latency;

  public DetectionRoutes(ExtendedActorSystem system) {
    this.latency = DetectionLatency.get(Adapter.toTyped(system));
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return Directives.path(
        PathMatchers.segment("metrics").slash("detection"),
        () -> Directives.get(() -> Directives.complete(Json.ok(latency.summary()))));
  }
}
