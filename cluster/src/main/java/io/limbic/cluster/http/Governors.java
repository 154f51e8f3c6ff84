package io.limbic.cluster.http;

import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.GovernorStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** The work governors of the cluster, found through the receptionist, asked all at once. */
final class Governors {
  private final ActorSystem<?> system;
  private final Duration timeout;

  Governors(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  /** Every governor registered in the cluster, this node's ones first. */
  CompletionStage<List<ActorRef<GovernorCommand>>> all() {
    CompletionStage<Receptionist.Listing> listing = AskPattern.ask(
        system.receptionist(), r -> Receptionist.find(GovernorCommand.SERVICE, r), timeout, system.scheduler());
    return listing.thenApply(found -> {
      List<ActorRef<GovernorCommand>> local = new ArrayList<>();
      List<ActorRef<GovernorCommand>> remote = new ArrayList<>();
      for (ActorRef<GovernorCommand> g : found.getServiceInstances(GovernorCommand.SERVICE)) {
        (isLocal(g) ? local : remote).add(g);
      }
      local.addAll(remote);
      return local;
    });
  }

  static boolean isLocal(ActorRef<?> ref) {
    return ref.path().address().hasLocalScope();
  }

  /** The answers of {@code governors}, each asked once however often it is listed, in their first order. */
  <T> CompletionStage<List<T>> ask(
      List<ActorRef<GovernorCommand>> governors, Function<ActorRef<T>, GovernorCommand> message) {
    Set<ActorRef<GovernorCommand>> targets = new LinkedHashSet<>(governors);
    List<CompletableFuture<T>> asks = new ArrayList<>();
    for (ActorRef<GovernorCommand> g : targets) {
      asks.add(AskPattern.<GovernorCommand, T>ask(g, message::apply, timeout, system.scheduler()).toCompletableFuture());
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
  }

  static List<Map<String, Object>> phasesView(List<GovernorStatus.PhaseStatus> phases) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (GovernorStatus.PhaseStatus p : phases) {
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
      phase.put("lagSamples", p.lag().count());
      list.add(phase);
    }
    return list;
  }
}
