package io.limbic.cluster.http;

import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.TenantWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/scheduler/status}: the caller's tenant's idle-phase work per phase (queued, running, completed,
 * halted, refused, failed, and the lag from falling due to starting), summed over every node. Nothing of other
 * tenants, of the nodes or of their addresses: those are for operators, on the management port
 * ({@link SchedulerManagementRoutes}).
 */
public final class SchedulerRoutes {
  private final Governors governors;
  private final ActorRef<GovernorCommand> local;

  public SchedulerRoutes(ActorSystem<?> system, ActorRef<GovernorCommand> local, Duration timeout) {
    this.governors = new Governors(system, timeout);
    this.local = local;
  }

  public Route routes(String tenant) {
    return Directives.path(
        PathMatchers.segment("scheduler").slash("status"),
        () -> Directives.get(() -> ApiDirectives.onResult(status(tenant), Json::ok)));
  }

  private CompletionStage<Map<String, Object>> status(String tenant) {
    return governors.all()
        .thenCompose(found -> {
          // This node's governor even before the receptionist lists it.
          List<ActorRef<GovernorCommand>> targets = new ArrayList<>(List.of(local));
          targets.addAll(found);
          return governors.<TenantWork>ask(targets, replyTo -> new GovernorCommand.GetTenantStatus(tenant, replyTo));
        })
        .thenApply(nodes -> Map.of("phases", Governors.phasesView(TenantWork.sum(nodes).phases())));
  }
}
