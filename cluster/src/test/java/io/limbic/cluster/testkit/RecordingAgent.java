package io.limbic.cluster.testkit;

import io.limbic.projections.agents.Agent;
import io.limbic.projections.agents.AgentEvent;
import io.limbic.projections.agents.FailureMode;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.Done;

/**
 * A test agent on users' product events: records what it was given and fails, while {@link #failing} is set, for
 * events that hold a product event whose id contains "poison".
 */
public final class RecordingAgent implements Agent {
  private final String name;
  private final FailureMode mode;
  private final List<AgentEvent> seen = new CopyOnWriteArrayList<>();
  public volatile boolean failing = true;

  public RecordingAgent(String name, FailureMode mode) {
    this.name = name;
    this.mode = mode;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> entityTypes() {
    return List.of("user");
  }

  @Override
  public boolean handles(Object event) {
    return event instanceof ProductEventsRecorded;
  }

  @Override
  public FailureMode failureMode() {
    return mode;
  }

  @Override
  public CompletionStage<Done> react(AgentEvent event) {
    if (failing && ids(event).stream().anyMatch(id -> id.contains("poison"))) {
      return CompletableFuture.failedFuture(new IllegalStateException("poisoned " + event.idempotencyKey()));
    }
    seen.add(event);
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  /** The product event ids of every event it reacted to successfully, in order, for one user. */
  public List<String> deliveredIds(String userId) {
    return seen.stream()
        .filter(e -> ((ProductEventsRecorded) e.event()).userId().equals(userId))
        .flatMap(e -> ids(e).stream())
        .toList();
  }

  public List<AgentEvent> seen() {
    return List.copyOf(seen);
  }

  private static List<String> ids(AgentEvent event) {
    return ((ProductEventsRecorded) event.event()).events().stream().map(ProductEvent::id).toList();
  }
}
