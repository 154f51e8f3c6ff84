package io.limbic.projections.agents;

import com.typesafe.config.Config;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import io.limbic.projections.db.EnvelopesByTag;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Runs the agents: for each agent one at-least-once projection per tag of each entity type it reads (its own
 * projection id, so agents consume the same events in parallel), spread over the cluster by ShardedDaemonProcess.
 * Also what operators do with them: figures, pause and resume (cluster-wide), dead letters and their replay.
 */
public final class AgentPlatform {
  private static final int DEAD_LETTER_PAGE = 100;

  /** An agent as it runs here: its mode (settings over the agent's own choice) and its projection ids. */
  private record Running(Agent agent, FailureMode mode, RetrySchedule retries, List<ProjectionId> projections) {}

  private final ActorSystem<?> system;
  private final AgentRuntime runtime;
  private final Map<String, Running> agents;

  private AgentPlatform(ActorSystem<?> system, AgentRuntime runtime, Map<String, Running> agents) {
    this.system = system;
    this.runtime = runtime;
    this.agents = agents;
  }

  public static String projectionName(String agent) {
    return "agent-" + agent;
  }

  public static AgentPlatform start(
      ActorSystem<?> system, DataSource dataSource, Executor blocking, List<Agent> agents) {
    Config config = system.settings().config();
    AgentRuntime runtime =
        new AgentRuntime(system, new DeadLetterStore(dataSource), new AgentFigures(dataSource), blocking,
            Clock.systemUTC());
    Map<String, Running> running = new LinkedHashMap<>();
    for (Agent agent : agents) {
      if (running.containsKey(agent.name())) throw new IllegalArgumentException("two agents named " + agent.name());
      AgentSettings settings = AgentSettings.of(config, agent.name());
      Running r = run(system, dataSource, runtime, agent, settings);
      running.put(agent.name(), r);
    }
    return new AgentPlatform(system, runtime, running);
  }

  private static Running run(
      ActorSystem<?> system, DataSource dataSource, AgentRuntime runtime, Agent agent, AgentSettings settings) {
    FailureMode mode = settings.failureMode().orElse(agent.failureMode());
    List<String> tags = new ArrayList<>();
    for (String entityType : agent.entityTypes()) tags.addAll(Tags.all(entityType));
    String name = projectionName(agent.name());
    List<ProjectionId> ids = tags.stream().map(tag -> ProjectionId.of(name, tag)).toList();
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            name,
            tags.size(),
            i ->
                ProjectionBehavior.create(
                    JdbcProjection.atLeastOnceAsync(
                        ids.get(i),
                        // Metadata included: the trace's correlation id reaches the agent (EventSourcedProvider drops it).
                        new EnvelopesByTag(system, tags.get(i), dataSource),
                        () -> new PlainJdbcSession(dataSource),
                        () -> new AgentHandler(agent, mode, settings.retries(), tags.get(i), runtime),
                        system)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
    return new Running(agent, mode, settings.retries(), ids);
  }

  public List<String> names() {
    return List.copyOf(agents.keySet());
  }

  public boolean has(String name) {
    return agents.containsKey(name);
  }

  /** Every agent's figures; failures and parked of {@code tenant}. */
  public CompletionStage<List<AgentStatus>> statuses(String tenant) {
    return runtime.jdbc(() -> {
      Instant now = runtime.clock.instant();
      List<AgentStatus> statuses = new ArrayList<>();
      for (String name : agents.keySet()) {
        AgentFigures.Progress progress = runtime.figures.progress(name, now);
        long lag = progress.lastEventAt() == null ? 0 : Math.max(0, Duration.between(progress.lastEventAt(), now).toMillis());
        statuses.add(new AgentStatus(
            name,
            runtime.figures.paused(projectionName(name)) ? "paused" : "running",
            lag,
            progress.eventsLastMinute() / 60.0,
            runtime.figures.failures(name, tenant),
            runtime.deadLetters.parked(name, tenant)));
      }
      return statuses;
    });
  }

  /** Pauses every instance of the agent on every node; it stays paused across restarts until resumed. */
  public CompletionStage<Done> pause(String name) {
    return setPaused(name, true);
  }

  public CompletionStage<Done> resume(String name) {
    return setPaused(name, false);
  }

  private CompletionStage<Done> setPaused(String name, boolean paused) {
    ProjectionManagement management = ProjectionManagement.get(system);
    CompletableFuture<?>[] all =
        agents.get(name).projections().stream()
            .map(id -> (paused ? management.pause(id) : management.resume(id)).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all).thenApply(v -> Done.getInstance());
  }

  public CompletionStage<List<DeadLetter>> deadLetters(String tenant, Optional<String> agent) {
    return runtime.jdbc(() -> runtime.deadLetters.list(tenant, agent, DEAD_LETTER_PAGE));
  }

  public CompletionStage<ReplayOutcome> replay(String tenant, long id) {
    return new Replay(runtime, tenant, id, name -> Optional.ofNullable(agents.get(name)).map(Running::agent),
        name -> Optional.ofNullable(agents.get(name)).map(Running::mode).orElse(FailureMode.SKIP)).run();
  }
}
