package io.limbic.projections.agents.notifications;

import io.limbic.protocol.tenant.NotificationChannel;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The channels a tenant configured (the tenant's settings entity holds them). */
public interface ChannelDirectory {
  CompletionStage<List<NotificationChannel>> channels(String tenant);
}
