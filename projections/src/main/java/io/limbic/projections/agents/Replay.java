package io.limbic.projections.agents;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;

/**
 * One replay of a dead letter: claimed first (so two replays never both deliver it), delivered once to the agent
 * on this node with its original idempotency key, then marked replayed. In sequence mode the entity's letters
 * that waited behind it follow in order, until one fails and becomes the new head.
 */
final class Replay {
  private final AgentRuntime runtime;
  private final String tenant;
  private final long id;
  private final Function<String, Optional<Agent>> agents;
  private final Function<String, FailureMode> modes;

  Replay(AgentRuntime runtime, String tenant, long id, Function<String, Optional<Agent>> agents,
      Function<String, FailureMode> modes) {
    this.runtime = runtime;
    this.tenant = tenant;
    this.id = id;
    this.agents = agents;
    this.modes = modes;
  }

  CompletionStage<ReplayOutcome> run() {
    return runtime.jdbc(() -> runtime.deadLetters.find(tenant, id)).thenCompose(found -> {
      if (found.isEmpty()) return done(new ReplayOutcome.NotFound());
      DeadLetter letter = found.get().letter();
      if (letter.replayedAt() != null) return done(new ReplayOutcome.AlreadyReplayed(letter));
      if (letter.blockedBy() == null) return claimed(found.get());
      return runtime.jdbc(() -> runtime.deadLetters.find(tenant, letter.blockedBy())).thenCompose(head ->
          head.isPresent() && head.get().letter().replayedAt() == null
              ? done(new ReplayOutcome.BlockedBehind(letter, letter.blockedBy()))
              : claimed(found.get()));
    });
  }

  private CompletionStage<ReplayOutcome> claimed(DeadLetterStore.Parked parked) {
    DeadLetter letter = parked.letter();
    return runtime.jdbc(() -> runtime.deadLetters.claim(letter.id(), runtime.clock.instant())).thenCompose(claimed ->
        claimed ? deliver(parked).thenCompose(error -> error.isPresent()
                ? done(new ReplayOutcome.Failed(letter, error.get()))
                : drained(letter, 1))
            : done(new ReplayOutcome.AlreadyReplayed(letter)));
  }

  /** Sequence mode: the letters that waited behind, in order. */
  private CompletionStage<ReplayOutcome> drained(DeadLetter head, int delivered) {
    if (modes.apply(head.agent()) != FailureMode.SEQUENCE) {
      return done(new ReplayOutcome.Delivered(head, delivered));
    }
    return runtime.jdbc(() -> runtime.deadLetters.nextQueued(head.agent(), head.persistenceId())).thenCompose(next -> {
      if (next.isEmpty()) return done(new ReplayOutcome.Delivered(head, delivered));
      long nextId = next.get().letter().id();
      return runtime.jdbc(() -> runtime.deadLetters.claim(nextId, runtime.clock.instant())).thenCompose(claimed ->
          !claimed ? done(new ReplayOutcome.Delivered(head, delivered))
              : deliver(next.get()).thenCompose(error -> error.isPresent()
                  ? done(new ReplayOutcome.Delivered(head, delivered))
                  : drained(head, delivered + 1)));
    });
  }

  /** Delivers once; empty when it succeeded (and the letter is marked replayed), else the error. */
  private CompletionStage<Optional<String>> deliver(DeadLetterStore.Parked parked) {
    DeadLetter letter = parked.letter();
    Optional<Agent> agent = agents.apply(letter.agent());
    CompletionStage<Done> reaction;
    if (agent.isEmpty()) {
      reaction = CompletableFuture.failedFuture(new IllegalStateException("agent " + letter.agent() + " is not running"));
    } else {
      AgentEvent event;
      try {
        event = new AgentEvent(letter.persistenceId(), letter.sequenceNr(), letter.tenant(),
            runtime.restore(parked.event()), parked.event().at(), letter.idempotencyKey(), null);
        reaction = Reactions.of(agent.get(), event);
      } catch (RuntimeException e) {
        reaction = CompletableFuture.failedFuture(e);
      }
    }
    return reaction.handle((done, failure) -> failure).thenCompose(failure -> {
      if (failure == null) {
        return runtime.jdbc(() -> {
          runtime.deadLetters.markReplayed(letter.id(), runtime.clock.instant());
          return Optional.<String>empty();
        });
      }
      String error = Reactions.describe(failure);
      return runtime.jdbc(() -> {
        runtime.deadLetters.replayFailed(letter, error, runtime.clock.instant());
        runtime.figures.countFailure(letter.agent(), letter.tenant());
        return Optional.of(error);
      });
    });
  }

  private static CompletionStage<ReplayOutcome> done(ReplayOutcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }
}
