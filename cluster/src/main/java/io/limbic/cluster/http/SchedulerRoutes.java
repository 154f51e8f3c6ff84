package io.limbic.cluster.http;

import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.GovernorStatus;
import io.limbic.projections.http.ApiDirectives;
import io.limbic.projections.http.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/scheduler/status}: idle-phase work per phase (queued, running, completed, halted, refused, failed,
 * and the lag from falling due to starting) for this node, every node, and the cluster.
 */
public final class SchedulerRoutes {
  private final ActorSystem<?> system;
  private final ActorRef<GovernorCommand> local;
  private final Duration timeout;

  public SchedulerRoutes(ActorSystem<?> system, ActorRef<GovernorCommand> local, Duration timeout) {
    this.system = system;
    this.local = local;
    this.timeout = timeout;
  }

  public Route routes(String tenant) {
    return Directives.path(
        PathMatchers.segment("scheduler").slash("status"), () -> Directives.get(() -> ApiDirectives.onResult(status(), Json::ok)));
  }

  private CompletionStage<Map<String, Object>> status() {
    CompletionStage<Receptionist.Listing> listing =
        AskPattern.ask(system.receptionist(), r -> Receptionist.find(GovernorCommand.SERVICE, r), timeout, system.scheduler());
    return listing.thenCompose(found -> {
      List<CompletableFuture<GovernorStatus>> asks = new ArrayList<>();
      for (ActorRef<GovernorCommand> governor : found.getServiceInstances(GovernorCommand.SERVICE)) {
        asks.add(ask(governor).toCompletableFuture());
      }
      CompletableFuture<GovernorStatus> mine = ask(local).toCompletableFuture();
      return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenCombine(mine, (done, node) -> {
        List<GovernorStatus> nodes = asks.stream().map(CompletableFuture::join).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", view(node));
        body.put("cluster", view(GovernorStatus.sum("cluster", nodes)));
        body.put("nodes", nodes.stream().map(SchedulerRoutes::view).toList());
        return body;
      });
    });
  }

  private CompletionStage<GovernorStatus> ask(ActorRef<GovernorCommand> governor) {
    return AskPattern.ask(governor, GovernorCommand.GetStatus::new, timeout, system.scheduler());
  }

  private static Map<String, Object> view(GovernorStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("node", status.node());
    body.put("concurrency", status.concurrency());
    body.put("queueCapacity", status.queueCapacity());
    body.put("peakConcurrent", status.peakConcurrent());
    List<Map<String, Object>> phases = new ArrayList<>();
    for (GovernorStatus.PhaseStatus p : status.phases()) {
      Map<String, Object> phase = new LinkedHashMap<>();
      phase.put("phase", p.phase());
      phase.put("name", p.name());
      phase.put("queued", p.queued());
      phase.put("running", p.running());
      phase.put("completed", p.completed());
      phase.put("halted", p.halted());
      phase.put("refused", p.rejected());
      phase.put("failed", p.failed());
      phase.put("lagP50Ms", p.lag().percentile(0.50));
      phase.put("lagP99Ms", p.lag().percentile(0.99));
      phases.add(phase);
    }
    body.put("phases", phases);
    return body;
  }
}
