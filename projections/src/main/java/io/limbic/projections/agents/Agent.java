package io.limbic.projections.agents;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * A named consumer of the tagged journal that reacts to chosen events; effects outside the process are
 * at-least-once and carry the idempotency key.
 */
public interface Agent {
  /** Unique among agents, e.g. "notifications", "user-engagement"; names its projection and its settings. */
  String name();

  /** Tag prefixes it reads, e.g. {@code List.of("user", "session")}. */
  List<String> entityTypes();

  /** Which events it reacts to; others are skipped and the offset moves on. */
  boolean handles(Object event);

  /** {@link FailureMode#SKIP} by default. */
  FailureMode failureMode();

  /** A failed stage (or a thrown exception) is retried with backoff, then the event is parked. */
  CompletionStage<Done> react(AgentEvent event);
}
