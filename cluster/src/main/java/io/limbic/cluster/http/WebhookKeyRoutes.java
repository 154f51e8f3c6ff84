package io.limbic.cluster.http;

import io.limbic.cluster.interventions.WebhookSignature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/webhooks/signing-keys} (admin): the keys this tenant's receivers verify {@code X-Limbic-Signature}
 * with, one per kind of webhook, each derived for this tenant alone from the node's secret. {@code interventions}
 * is null while no interventions webhook secret is configured (webhook variants are refused then).
 */
public final class WebhookKeyRoutes {
  private final Supplier<String> escalationSecret;
  private final WebhookSignature interventions;

  public WebhookKeyRoutes(Supplier<String> escalationSecret, WebhookSignature interventions) {
    this.escalationSecret = escalationSecret;
    this.interventions = interventions;
  }

  public Route routes(String tenant) {
    return Directives.path(
        PathMatchers.segment("webhooks").slash("signing-keys"), () -> Directives.get(() -> keys(tenant)));
  }

  private Route keys(String tenant) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("header", WebhookSignature.HEADER);
    body.put("algorithm", "sha256=<hex HMAC-SHA256 of the exact body bytes, under the key>");
    String secret = escalationSecret.get();
    body.put("escalation", secret.isEmpty() ? null : escalationKey(secret, tenant));
    body.put("interventions", interventions.configured() ? interventions.tenantKey(tenant) : null);
    return Directives.complete(Json.ok(body));
  }

  private static String escalationKey(String secret, String tenant) {
    return io.limbic.projections.escalation.WebhookSignature.tenantKey(
        secret, io.limbic.projections.escalation.WebhookSignature.ESCALATION, tenant);
  }
}
