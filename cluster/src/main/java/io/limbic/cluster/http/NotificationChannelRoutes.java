package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.http.NotificationChannelsInput;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.tenant.NotificationChannel;
import io.limbic.protocol.tenant.NotificationChannels;
import io.limbic.protocol.tenant.TenantCommand;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET|PUT /v1/agents/notifications/channels}: where the notification agent sends the tenant's notable
 * events. A PUT replaces the list.
 */
public final class NotificationChannelRoutes {
  private static final long MAX_BODY = 64 * 1024;

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final boolean allowPrivateHosts;

  public NotificationChannelRoutes(ClusterSharding sharding, HttpSettings settings, boolean allowPrivateHosts) {
    this.sharding = sharding;
    this.settings = settings;
    this.allowPrivateHosts = allowPrivateHosts;
  }

  public Route routes(String tenant) {
    return Directives.path(
        PathMatchers.segment("agents").slash("notifications").slash("channels"),
        () ->
            Directives.concat(
                Directives.get(() -> current(tenant)),
                Directives.put(() -> ApiDirectives.jsonBody(MAX_BODY, json -> set(tenant, json)))));
  }

  private Route current(String tenant) {
    CompletionStage<NotificationChannels> channels =
        tenant(tenant).askWithStatus(TenantCommand.GetNotificationChannels::new, settings.askTimeout());
    return ApiDirectives.onResult(channels, NotificationChannelRoutes::render);
  }

  private Route set(String tenant, JsonNode json) {
    Validated<List<NotificationChannel>> channels = NotificationChannelsInput.parse(json, allowPrivateHosts);
    if (channels instanceof Validated.Invalid<List<NotificationChannel>> bad) {
      return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
    }
    CompletionStage<NotificationChannels> stored =
        tenant(tenant).askWithStatus(
            r -> new TenantCommand.SetNotificationChannels(channels.get(), r), settings.askTimeout());
    return ApiDirectives.onResult(stored, NotificationChannelRoutes::render);
  }

  private static HttpResponse render(NotificationChannels channels) {
    return Json.ok(Map.of("channels",
        channels.channels().stream().map(c -> Map.of("type", c.type().wireName(), "url", c.url(), "kinds", c.kinds())).toList()));
  }

  private EntityRef<TenantCommand> tenant(String tenant) {
    return sharding.entityRefFor(TenantCommand.ENTITY_TYPE, tenant);
  }
}
