package io.limbic.cluster.metrics;

import java.time.Duration;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/** {@code GET /metrics} on the management port: this node's metrics in Prometheus' text format (version 0.0.4). */
public final class MetricsRoutes implements ManagementRouteProvider {
  private static final ContentType.WithCharset TEXT = ContentTypes.TEXT_PLAIN_UTF8;
  private final LimbicMetrics metrics;
  private final Duration patience;

  public MetricsRoutes(ExtendedActorSystem system) {
    this.metrics = LimbicMetrics.get(Adapter.toTyped(system));
    this.patience = system.settings().config().getDuration("limbic.metrics.sample-timeout");
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return Directives.path(PathMatchers.segment("metrics"), () -> Directives.get(() -> Directives.onSuccess(
        metrics.scrape(patience), text -> Directives.complete(HttpResponse.create()
            .withEntity(HttpEntities.create(TEXT, text))))));
  }
}
