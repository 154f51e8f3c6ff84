package io.limbic.cluster.http;

import io.limbic.protocol.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.cluster.tenant.SignalThresholdsJson;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.tenant.StoredSignalThresholds;
import io.limbic.protocol.tenant.TenantCommand;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET|PUT /v1/config/signals}: the tenant's frustration-signal thresholds. A PUT names what it changes;
 * everything else is the documented default. Sessions that start afterwards use them.
 */
public final class ConfigRoutes {
  private static final long MAX_BODY = 64 * 1024;

  private final ClusterSharding sharding;
  private final HttpSettings settings;

  public ConfigRoutes(ClusterSharding sharding, HttpSettings settings) {
    this.sharding = sharding;
    this.settings = settings;
  }

  public Route routes(String tenant) {
    return Directives.path(
        PathMatchers.segment("config").slash("signals"),
        () ->
            Directives.concat(
                Directives.get(() -> current(tenant)),
                Directives.put(
                    () -> Correlation.trace(trace -> ApiDirectives.jsonBody(MAX_BODY, json -> set(tenant, json, trace))))));
  }

  private Route current(String tenant) {
    CompletionStage<StoredSignalThresholds> stored =
        tenant(tenant).askWithStatus(TenantCommand.GetSignalThresholds::new, settings.askTimeout());
    return ApiDirectives.onResult(stored, Json::ok);
  }

  private Route set(String tenant, JsonNode json, Trace trace) {
    Validated<SignalThresholds> thresholds = SignalThresholdsJson.overDefaults(json);
    if (thresholds instanceof Validated.Invalid<SignalThresholds> bad) {
      return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
    }
    StoredSignalThresholds complete = SignalThresholdsJson.stored(thresholds.get());
    CompletionStage<StoredSignalThresholds> stored =
        tenant(tenant).askWithStatus(r -> new TenantCommand.SetSignalThresholds(complete, trace, r), settings.askTimeout());
    return ApiDirectives.onResult(stored, Json::ok);
  }

  private EntityRef<TenantCommand> tenant(String tenant) {
    return sharding.entityRefFor(TenantCommand.ENTITY_TYPE, tenant);
  }
}
