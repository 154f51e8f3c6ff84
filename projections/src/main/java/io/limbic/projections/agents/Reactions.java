package io.limbic.projections.agents;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/** Calls an agent so that a thrown exception and a failed stage look the same, and names a failure briefly. */
final class Reactions {
  private Reactions() {}

  static CompletionStage<Done> of(Agent agent, AgentEvent event) {
    try {
      CompletionStage<Done> reaction = agent.react(event);
      return reaction == null
          ? CompletableFuture.failedFuture(new IllegalStateException(agent.name() + " returned no reaction"))
          : reaction;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static String describe(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
