package io.limbic.projections.agents;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import io.limbic.protocol.trace.Trace;
import io.limbic.projections.tracing.TraceParents;
import io.opentelemetry.api.trace.SpanKind;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent on one tag: calls {@link Agent#react} for each event it handles, retries a failure with backoff and
 * parks the event after the last attempt. The returned stage completes only then, so the at-least-once projection
 * commits the offset only after the reaction succeeded or the event was parked.
 */
final class AgentHandler extends Handler<EventEnvelope> {
  private static final Logger log = LoggerFactory.getLogger(AgentHandler.class);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

  private final Agent agent;
  private final FailureMode mode;
  private final RetrySchedule retries;
  private final String tag;
  private final AgentRuntime runtime;
  private final EventRate rate = new EventRate();
  private Cancellable progressWriter;

  AgentHandler(Agent agent, FailureMode mode, RetrySchedule retries, String tag, AgentRuntime runtime) {
    this.agent = agent;
    this.mode = mode;
    this.retries = retries;
    this.tag = tag;
    this.runtime = runtime;
  }

  @Override
  public CompletionStage<Done> start() {
    progressWriter =
        runtime.system.scheduler().scheduleWithFixedDelay(
            PROGRESS_EVERY, PROGRESS_EVERY, this::writeProgress, runtime.system.executionContext());
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  @Override
  public CompletionStage<Done> stop() {
    if (progressWriter != null) progressWriter.cancel();
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  private void writeProgress() {
    Instant now = runtime.clock.instant();
    runtime.jdbc(() -> {
      runtime.figures.saveProgress(agent.name(), tag, rate.lastEventAt(), rate.lastMinute(now), now);
      return Done.getInstance();
    }).exceptionally(e -> {
      log.warn("Agent {} could not save its progress on {}: {}", agent.name(), tag, e.getMessage());
      return Done.getInstance();
    });
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope envelope) {
    Instant at = Instant.ofEpochMilli(envelope.timestamp());
    rate.record(at, runtime.clock.instant());
    Object event = envelope.event();
    if (!agent.handles(event)) return CompletableFuture.completedFuture(Done.getInstance());
    Trace trace = Trace.fromMetadata(scala.jdk.javaapi.OptionConverters.toJava(envelope.eventMetadata())).orElse(null);
    AgentEvent agentEvent =
        new AgentEvent(envelope.persistenceId(), envelope.sequenceNr(), EventTenant.of(event), event, at,
            AgentEvent.idempotencyKey(envelope.persistenceId(), envelope.sequenceNr()),
            trace == null ? null : trace.correlationId());
    // A traced chain continues in a span of this agent (README "Metrics and traces"), also when the event was
    // written on another node: then below the journal write span its metadata names.
    return TraceParents.continued(agentEvent.idempotencyKey(),
        trace == null ? null : trace.traceparent(), agentEvent.correlationId(),
        "agent " + agent.name() + " " + event.getClass().getSimpleName(), SpanKind.CONSUMER, () -> react(agentEvent));
  }

  private CompletionStage<Done> react(AgentEvent agentEvent) {
    if (mode == FailureMode.SKIP) return attempt(agentEvent, 1, null);
    return runtime.jdbc(() -> runtime.deadLetters.openHead(agent.name(), agentEvent.persistenceId(), agentEvent.sequenceNr()))
        .thenCompose(head -> head.isPresent() ? parkBehind(agentEvent, head.get()) : attempt(agentEvent, 1, null));
  }

  private CompletionStage<Done> attempt(AgentEvent event, int attempt, Instant firstFailure) {
    return Reactions.of(agent, event)
        .handle((done, error) -> error == null
            ? CompletableFuture.completedFuture(Done.getInstance())
            : failed(event, attempt, firstFailure == null ? runtime.clock.instant() : firstFailure, error))
        .thenCompose(stage -> stage);
  }

  private CompletionStage<Done> failed(AgentEvent event, int attempt, Instant firstFailure, Throwable error) {
    String reason = Reactions.describe(error);
    if (shuttingDown()) {
      // Entities an agent talks to stop during a shutdown too: such a failure says nothing about the event. Fail the
      // stream instead of parking, so the offset stays before this event and the next start delivers it again.
      log.info("Agent {} stops on {} during shutdown: {}", agent.name(), event.idempotencyKey(), reason);
      return CompletableFuture.failedFuture(error);
    }
    CompletionStage<Done> counted = runtime.jdbc(() -> {
      runtime.figures.countFailure(agent.name(), event.tenant());
      return Done.getInstance();
    });
    if (retries.retriesAfter(attempt)) {
      log.info("Agent {} failed on {} (attempt {}): {}", agent.name(), event.idempotencyKey(), attempt, reason);
      return counted.thenCompose(
          d -> runtime.after(retries.delayAfter(attempt), () -> attempt(event, attempt + 1, firstFailure)));
    }
    log.warn("Agent {} parks {} after {} attempts: {}", agent.name(), event.idempotencyKey(), attempt, reason);
    return counted.thenCompose(d -> park(event, reason, attempt, firstFailure, null));
  }

  private boolean shuttingDown() {
    return CoordinatedShutdown.get(runtime.system).getShutdownReason().isPresent();
  }

  private CompletionStage<Done> parkBehind(AgentEvent event, long head) {
    Instant now = runtime.clock.instant();
    return park(event, "waiting behind dead letter " + head + " of the same entity", 0, now, head);
  }

  private CompletionStage<Done> park(
      AgentEvent event, String reason, int attempts, Instant firstFailure, Long blockedBy) {
    StoredEvent stored = runtime.store(event.event(), event.at());
    Instant now = runtime.clock.instant();
    return runtime.jdbc(() -> {
      runtime.deadLetters.park(agent.name(), event, stored, reason, attempts, firstFailure, now, blockedBy);
      return Done.getInstance();
    });
  }
}
