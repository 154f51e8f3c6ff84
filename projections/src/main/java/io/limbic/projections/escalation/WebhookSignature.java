package io.limbic.projections.escalation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Limbic-Signature: sha256=<hex>}: HMAC-SHA256 of the exact body bytes under the node's signing secret. A
 * receiver recomputes it over the bytes it read and compares in constant time before trusting the body.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Limbic-Signature";
  /** The purpose escalation webhooks are signed for (see {@link #tenantKey}). */
  public static final String ESCALATION = "limbic-escalation";

  private WebhookSignature() {}

  public static String of(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * The key a tenant verifies its webhooks of one {@code purpose} with: hex(HMAC-SHA256(node secret, purpose ":"
   * tenant)). Each tenant holds only its own, so no tenant can sign a body another tenant's receiver would trust.
   */
  public static String tenantKey(String secret, String purpose, String tenant) {
    return of(secret, (purpose + ":" + tenant).getBytes(StandardCharsets.UTF_8)).substring("sha256=".length());
  }
}
