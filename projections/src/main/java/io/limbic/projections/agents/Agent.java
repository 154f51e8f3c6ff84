package io.limbic.projections.agents;

/** A named consumer of the tagged journal that reacts to chosen events; effects outside the process are
 *  at-least-once and carry the idempotency key. */
public interface Agent {
  String name();                                   // e.g. "notifications", "user-engagement"
  java.util.List<String> entityTypes();            // tag prefixes it reads, e.g. List.of("user", "session")
  boolean handles(Object event);                   // which events it reacts to (others are skipped, offset moves on)
  FailureMode failureMode();                       // SKIP (default) or SEQUENCE
  java.util.concurrent.CompletionStage<org.apache.pekko.Done> react(AgentEvent event);  // fails -> retried
}
