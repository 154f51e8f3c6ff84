package io.limbic.cluster.http;

import io.limbic.projections.agents.AgentPlatform;
import io.limbic.projections.agents.AgentStatus;
import io.limbic.projections.agents.DeadLetter;
import io.limbic.projections.agents.ReplayOutcome;
import io.limbic.protocol.http.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Operating the agents (administrative): {@code GET /v1/agents}, {@code POST /v1/agents/{name}/pause|resume}
 * (cluster-wide, for every tenant), {@code GET /v1/dead-letters?agent=} and
 * {@code POST /v1/dead-letters/{id}/replay} (the caller's tenant's).
 */
public final class AgentRoutes {
  private final AgentPlatform agents;

  public AgentRoutes(AgentPlatform agents) {
    this.agents = agents;
  }

  /** Pausing and resuming an agent: cluster-wide, for every tenant (the operator role). */
  public Route operations(String tenant) {
    return Directives.concat(
        Directives.path(
            PathMatchers.segment("agents").slash(PathMatchers.segment()).slash("pause"),
            name -> Directives.post(() -> setPaused(name, true))),
        Directives.path(
            PathMatchers.segment("agents").slash(PathMatchers.segment()).slash("resume"),
            name -> Directives.post(() -> setPaused(name, false))));
  }

  /** The agents' figures and the caller's tenant's dead letters (the admin role). */
  public Route routes(String tenant) {
    return Directives.concat(
        Directives.path("agents", () -> Directives.get(() -> list(tenant))),
        Directives.path(
            "dead-letters",
            () -> Directives.get(() -> Directives.parameterOptional("agent", agent -> deadLetters(tenant, agent)))),
        Directives.path(
            PathMatchers.segment("dead-letters").slash(PathMatchers.longSegment()).slash("replay"),
            id -> Directives.post(() -> replay(tenant, id))));
  }

  private Route list(String tenant) {
    CompletionStage<List<AgentStatus>> statuses = agents.statuses(tenant);
    return ApiDirectives.onResult(statuses, s -> Json.ok(Map.of("agents", s)));
  }

  private Route setPaused(String name, boolean paused) {
    if (!agents.has(name)) return Directives.complete(Problems.notFound("no agent named " + name));
    CompletionStage<?> done = paused ? agents.pause(name) : agents.resume(name);
    return ApiDirectives.onResult(
        done, d -> Json.ok(Map.of("name", name, "state", paused ? "paused" : "running")));
  }

  private Route deadLetters(String tenant, Optional<String> agent) {
    if (agent.isPresent() && !agents.has(agent.get())) {
      return Directives.complete(Problems.badRequest("invalid_parameter", "no agent named " + agent.get()));
    }
    return ApiDirectives.onResult(
        agents.deadLetters(tenant, agent),
        letters -> Json.ok(Map.of("deadLetters", letters.stream().map(AgentRoutes::view).toList())));
  }

  private Route replay(String tenant, long id) {
    return ApiDirectives.onResult(agents.replay(tenant, id), AgentRoutes::replayed);
  }

  private static HttpResponse replayed(ReplayOutcome outcome) {
    if (outcome instanceof ReplayOutcome.Delivered d) {
      return Json.ok(Map.of(
          "id", d.letter().id(), "idempotencyKey", d.letter().idempotencyKey(), "delivered", d.delivered()));
    }
    if (outcome instanceof ReplayOutcome.AlreadyReplayed a) {
      return Problems.conflict("dead letter " + a.letter().id() + " was replayed already (or is being replayed)");
    }
    if (outcome instanceof ReplayOutcome.BlockedBehind b) {
      return Problems.conflict("dead letter " + b.letter().id() + " waits behind dead letter " + b.head()
          + " of the same entity; replay that one first");
    }
    if (outcome instanceof ReplayOutcome.Failed f) {
      return Problems.response(Problem.of(502, "replay_failed", "Bad gateway",
          "the agent failed again and the letter stays parked: " + f.error()));
    }
    return Problems.notFound("no dead letter with this id for this tenant");
  }

  private static Map<String, Object> view(DeadLetter d) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", d.id());
    view.put("agent", d.agent());
    view.put("persistenceId", d.persistenceId());
    view.put("sequenceNr", d.sequenceNr());
    view.put("idempotencyKey", d.idempotencyKey());
    view.put("eventType", d.eventType());
    view.put("error", d.error());
    view.put("attempts", d.attempts());
    view.put("firstFailure", d.firstFailure());
    view.put("lastFailure", d.lastFailure());
    view.put("blockedBy", d.blockedBy());
    view.put("replayedAt", d.replayedAt());
    return view;
  }
}
