package io.limbic.cluster.interventions;

import java.nio.charset.StandardCharsets;

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
    return signatureHex(secret, "limbic-interventions:" + tenant);
  }

  /** The header value for {@code body} sent on behalf of {@code tenant}. */
  public String sign(String tenant, byte[] body) {
    return io.limbic.projections.escalation.WebhookSignature.of(tenantKey(tenant), body);
  }

  private static String signatureHex(String key, String data) {
    String header = io.limbic.projections.escalation.WebhookSignature.of(key, data.getBytes(StandardCharsets.UTF_8));
    return header.substring("sha256=".length());
  }
}
