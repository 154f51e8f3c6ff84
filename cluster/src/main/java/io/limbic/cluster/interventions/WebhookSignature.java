package io.limbic.cluster.interventions;

/**
 * HMAC-SHA256 signatures of webhook bodies, {@code X-Limbic-Signature: sha256=<hex>}. Each tenant signs under its
 * own key, {@code hex(HMAC-SHA256(node secret, "limbic-interventions:" + tenant))}: the operator hands a tenant its
 * key; a leaked key exposes that tenant only.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Limbic-Signature";

  private final String secret;

  public WebhookSignature(String secret) {
    this.secret = secret;
  }

  public boolean configured() {
    return !secret.isEmpty();
  }

  public String tenantKey(String tenant) {
    return io.limbic.projections.escalation.WebhookSignature.tenantKey(secret, "limbic-interventions", tenant);
  }

  /** The header value for {@code body} sent on behalf of {@code tenant}. */
  public String sign(String tenant, byte[] body) {
    return io.limbic.projections.escalation.WebhookSignature.of(tenantKey(tenant), body);
  }
}
