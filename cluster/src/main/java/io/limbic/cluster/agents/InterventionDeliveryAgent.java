package io.limbic.cluster.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.interventions.Variant;
import io.limbic.cluster.http.Json;
import io.limbic.cluster.interventions.WebhookSignature;
import io.limbic.projections.agents.Agent;
import io.limbic.projections.agents.AgentEvent;
import io.limbic.projections.agents.FailureMode;
import io.limbic.projections.agents.notifications.ChannelDelivery;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.intervention.InterventionPush;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserEvent.InterventionDecided;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Delivers every decision that is not a holdout, at least once, then records the delivery on the user. In-page: the
 * session pushes it to its open sockets (the hot path pushed it already; the session does not push a key twice to
 * one incarnation's sockets, the SDK drops repeats); no open socket is a delivery that did not happen, recorded as
 * such, not retried. Webhook: a signed POST to the variant's URL with the decision id as idempotency key; a refusal
 * or timeout fails the reaction, which the agent platform retries with backoff and then parks.
 */
public final class InterventionDeliveryAgent implements Agent {
  public static final String NAME = "intervention-delivery";

  private final ClusterSharding sharding;
  private final ChannelDelivery http;
  private final WebhookSignature signature;
  private final Duration askTimeout;

  public InterventionDeliveryAgent(
      ClusterSharding sharding, ChannelDelivery http, WebhookSignature signature, Duration askTimeout) {
    this.sharding = sharding;
    this.http = http;
    this.signature = signature;
    this.askTimeout = askTimeout;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> entityTypes() {
    return List.of("user");
  }

  @Override
  public boolean handles(Object event) {
    return event instanceof InterventionDecided d && !d.holdout();
  }

  @Override
  public FailureMode failureMode() {
    return FailureMode.SKIP;
  }

  @Override
  public CompletionStage<Done> react(AgentEvent event) {
    InterventionDecided d = (InterventionDecided) event.event();
    if (Variant.WEBHOOK.equals(d.channel())) {
      byte[] body = Json.bytes(webhookBody(d));
      Map<String, String> headers = Map.of(WebhookSignature.HEADER, signature.sign(d.tenant(), body));
      return http.post(d.tenant(), d.url(), d.decisionId(), body, headers)
          .thenCompose(done -> record(d, true, "the webhook answered 2xx"));
    }
    InterventionPush push = new InterventionPush(d.decisionId(), d.contextId(), d.variantId(), d.payload());
    return sharding.entityRefFor(SessionCommand.ENTITY_TYPE, new TenantScopedId(d.tenant(), d.sessionId()).entityId())
        .<Integer>askWithStatus(r -> new SessionCommand.PushIntervention(push, r), askTimeout)
        .thenCompose(sockets -> sockets > 0
            ? record(d, true, "pushed to " + sockets + " open socket(s)")
            : record(d, false, "no open socket on the session"));
  }

  /** What the tenant's app receives: who, where, which variant, its payload, and the idempotency key. */
  static Map<String, Object> webhookBody(InterventionDecided d) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "intervention");
    body.put("decisionId", d.decisionId());
    body.put("idempotencyKey", d.decisionId());
    body.put("userId", d.userId());
    body.put("sessionId", d.sessionId());
    body.put("contextId", d.contextId());
    body.put("variantId", d.variantId());
    body.put("emotion", d.emotion());
    body.put("confidence", d.confidence());
    body.put("lifetimeValue", d.lifetimeValue());
    body.put("decidedAt", d.at().toString());
    body.put("payload", payload(d.payload()));
    return body;
  }

  private static JsonNode payload(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("a decision's payload is not JSON", e);
    }
  }

  private CompletionStage<Done> record(InterventionDecided d, boolean delivered, String detail) {
    return sharding.entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(d.tenant(), d.userId()).entityId())
        .askWithStatus(
            r -> new UserCommand.RecordInterventionDelivery(d.decisionId(), d.channel(), delivered, detail, r),
            askTimeout);
  }
}
