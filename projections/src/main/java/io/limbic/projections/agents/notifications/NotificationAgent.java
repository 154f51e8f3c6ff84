package io.limbic.projections.agents.notifications;

import io.limbic.projections.agents.Agent;
import io.limbic.projections.agents.AgentEvent;
import io.limbic.projections.agents.FailureMode;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.tenant.NotificationChannel;
import io.limbic.protocol.user.UserCommand;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Routes notable events ({@link NotableEvents}) to every channel the event's tenant configured. The reaction
 * fails when any channel fails, and is then retried as a whole: a channel that already got it gets it again, with
 * the same idempotency key.
 */
public final class NotificationAgent implements Agent {
  public static final String NAME = "notifications";

  private final ChannelDirectory directory;
  private final ChannelDelivery delivery;

  public NotificationAgent(ChannelDirectory directory, ChannelDelivery delivery) {
    this.directory = directory;
    this.delivery = delivery;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> entityTypes() {
    return List.of(UserCommand.ENTITY_TYPE.name(), SessionCommand.ENTITY_TYPE.name());
  }

  @Override
  public boolean handles(Object event) {
    return NotableEvents.isNotable(event);
  }

  @Override
  public FailureMode failureMode() {
    return FailureMode.SKIP;
  }

  @Override
  public CompletionStage<Done> react(AgentEvent event) {
    Optional<Notification> notification = NotableEvents.notification(event.event(), event.idempotencyKey(), event.correlationId());
    if (notification.isEmpty()) return CompletableFuture.completedFuture(Done.getInstance());
    return directory.channels(event.tenant()).thenCompose(channels -> sendAll(event.tenant(), channels,
        notification.get()));
  }

  private CompletionStage<Done> sendAll(String tenant, List<NotificationChannel> channels, Notification n) {
    CompletableFuture<?>[] sends =
        channels.stream()
            .filter(c -> c.wants(n.kind()))
            .map(c -> delivery.send(tenant, c, n).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(sends).thenApply(v -> Done.getInstance());
  }
}
