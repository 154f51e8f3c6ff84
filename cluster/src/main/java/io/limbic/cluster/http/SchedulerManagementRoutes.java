package io.limbic.cluster.http;

import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.GovernorStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/**
 * {@code GET /scheduler/status} on the management port, for operators: idle-phase work of all tenants together, for
 * this node, each node (with its address, concurrency, queue capacity, peak concurrency and how many tenants' figures
 * it holds) and the cluster. Tenants see only their own figures, at {@code /v1/scheduler/status}.
 */
public final class SchedulerManagementRoutes implements ManagementRouteProvider {
  private final Governors governors;

  public SchedulerManagementRoutes(ExtendedActorSystem classic) {
    ActorSystem<?> system = Adapter.toTyped(classic);
    Duration timeout = HttpSettings.from(system.settings().config()).askTimeout();
    this.governors = new Governors(system, timeout);
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return Directives.path(
        PathMatchers.segment("scheduler").slash("status"),
        () -> Directives.get(() -> ApiDirectives.onResult(status(), Json::ok)));
  }

  private CompletionStage<Map<String, Object>> status() {
    return governors.all().thenCompose(found -> {
      boolean localFirst = !found.isEmpty() && Governors.isLocal(found.get(0));
      return governors.<GovernorStatus>ask(found, GovernorCommand.GetStatus::new).thenApply(nodes -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", localFirst ? view(nodes.get(0)) : null);
        body.put("cluster", view(GovernorStatus.sum("cluster", nodes)));
        body.put("nodes", nodes.stream().map(SchedulerManagementRoutes::view).toList());
        return body;
      });
    });
  }

  private static Map<String, Object> view(GovernorStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("node", status.node());
    body.put("concurrency", status.concurrency());
    body.put("queueCapacity", status.queueCapacity());
    body.put("peakConcurrent", status.peakConcurrent());
    body.put("tenantsTracked", status.tenantsTracked());
    body.put("phases", Governors.phasesView(status.phases()));
    return body;
  }
}
