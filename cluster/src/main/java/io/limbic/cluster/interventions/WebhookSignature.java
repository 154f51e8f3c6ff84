package io.limbic.cluster.interventions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of webhook bodies, {@code X-Limbic-Signature: sha256=<hex>}. Each tenant signs under its
 * own key, {@code hex(HMAC-SHA256(node secret, "limbic-interventions:" + tenant))}: the operator hands a tenant its
 * key; a leaked key exposes that tenant only.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Limbic-Signature";

  private final byte[] secret;

  public WebhookSignature(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public boolean configured() {
    return secret.length > 0;
  }

  public String tenantKey(String tenant) {
    return HexFormat.of().formatHex(hmac(secret, ("limbic-interventions:" + tenant).getBytes(StandardCharsets.UTF_8)));
  }

  /** The header value for {@code body} sent on behalf of {@code tenant}. */
  public String sign(String tenant, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(tenantKey(tenant).getBytes(StandardCharsets.UTF_8), body));
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
