package io.limbic.cluster.metrics;

import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.GovernorStatus;
import io.limbic.cluster.session.DetectionLatency;
import io.limbic.projections.agents.AgentPlatform;
import io.limbic.projections.agents.AgentStatus;
import io.limbic.projections.operations.ProjectionOperations;
import io.limbic.projections.operations.ProjectionStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The figures that other parts of the node already keep, sampled at each scrape: every read model's and agent's lag
 * (what {@code /v1/projections} and {@code /v1/agents} show), this node's idle-phase queue and lag (its share of
 * {@code /scheduler/status}), the entities live on this node per type, and emotion-detection latency (what
 * {@code /metrics/detection} shows).
 */
public final class NodeGauges {
  private final ActorSystem<?> system;
  private final Readings readings;
  private final Duration timeout;

  private NodeGauges(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.readings = LimbicMetrics.get(system).readings();
    this.timeout = timeout;
  }

  public static void install(
      ActorSystem<?> system, Duration timeout, ProjectionOperations projections, AgentPlatform agents,
      ActorRef<GovernorCommand> governor, List<EntityTypeKey<?>> entityTypes) {
    NodeGauges gauges = new NodeGauges(system, timeout);
    LimbicMetrics metrics = LimbicMetrics.get(system);
    metrics.sampleOnScrape(() -> projections.statuses().thenAccept(gauges::readModels));
    // Lag is the agent's across tenants; the tenant only scopes failures and parked counts, not read here.
    metrics.sampleOnScrape(() -> agents.statuses("limbic").thenAccept(gauges::agents));
    metrics.sampleOnScrape(() -> gauges.idle(governor));
    metrics.sampleOnScrape(() -> gauges.entities(ClusterSharding.get(system), entityTypes));
    gauges.detection(DetectionLatency.get(system));
  }

  private void readModels(List<ProjectionStatus> statuses) {
    for (ProjectionStatus s : statuses) {
      readings.set("limbic.read_model.lag", "How far the read model's projection is behind the journal", "seconds",
          Tags.of("read_model", s.name()), s.lagMs() / 1000.0);
    }
  }

  private void agents(List<AgentStatus> statuses) {
    for (AgentStatus s : statuses) {
      readings.set("limbic.agent.lag", "Now minus the time of the newest event the agent processed", "seconds",
          Tags.of("agent", s.name()), s.lagMs() / 1000.0);
    }
  }

  private CompletionStage<?> idle(ActorRef<GovernorCommand> governor) {
    CompletionStage<GovernorStatus> status =
        AskPattern.ask(governor, GovernorCommand.GetStatus::new, timeout, system.scheduler());
    return status.thenAccept(s -> {
      for (GovernorStatus.PhaseStatus p : s.phases()) {
        Tags phase = Tags.of("phase", p.name());
        readings.set("limbic.idle.queued", "Idle-phase jobs waiting on this node", null, phase, p.queued());
        readings.set("limbic.idle.running", "Idle-phase jobs running on this node", null, phase, p.running());
        readings.set("limbic.idle.lag.p50", "Median time from a phase falling due to its job starting", "seconds",
            phase, p.lag().percentile(0.50) / 1000.0);
        readings.set("limbic.idle.lag.p99", "99th percentile of the same", "seconds", phase,
            p.lag().percentile(0.99) / 1000.0);
      }
    });
  }

  private CompletionStage<?> entities(ClusterSharding sharding, List<EntityTypeKey<?>> types) {
    CompletableFuture<?>[] asked = types.stream().map(type -> {
      CompletionStage<ShardRegion.CurrentShardRegionState> state = AskPattern.ask(
          sharding.shardState(), replyTo -> new GetShardRegionState(type, replyTo), timeout, system.scheduler());
      return state.thenAccept(s -> {
        long live = s.getShards().stream().mapToLong(shard -> shard.getEntityIds().size()).sum();
        readings.set("limbic.entities.live", "Entities running on this node", null, Tags.of("type", type.name()),
            live);
      }).toCompletableFuture();
    }).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(asked);
  }

  private void detection(DetectionLatency latency) {
    FunctionCounter.builder("limbic.detections", latency, l -> l.summary().count())
        .description("Emotion detections on this node (GET /metrics/detection)")
        .register(LimbicMetrics.get(system).registry());
    LimbicMetrics.get(system).sampleOnScrape(() -> {
      DetectionLatency.Summary s = latency.summary();
      set("0.5", s.p50Ms());
      set("0.99", s.p99Ms());
      set("1.0", s.maxMs());
      return CompletableFuture.completedFuture(null);
    });
  }

  private void set(String quantile, double millis) {
    readings.set("limbic.detection.latency", "Sample received to EmotionDetected persisted (0.1 ms buckets)",
        "seconds", Tags.of("quantile", quantile), millis / 1000.0);
  }
}
