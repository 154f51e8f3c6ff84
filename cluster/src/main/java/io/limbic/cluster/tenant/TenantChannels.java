package io.limbic.cluster.tenant;

import io.limbic.projections.agents.notifications.ChannelDirectory;
import io.limbic.protocol.tenant.NotificationChannel;
import io.limbic.protocol.tenant.NotificationChannels;
import io.limbic.protocol.tenant.TenantCommand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** The notification agent's channels of a tenant, as its settings entity holds them. */
public final class TenantChannels implements ChannelDirectory {
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public TenantChannels(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public CompletionStage<List<NotificationChannel>> channels(String tenant) {
    return sharding.entityRefFor(TenantCommand.ENTITY_TYPE, tenant)
        .<NotificationChannels>askWithStatus(TenantCommand.GetNotificationChannels::new, askTimeout)
        .thenApply(NotificationChannels::channels);
  }
}
