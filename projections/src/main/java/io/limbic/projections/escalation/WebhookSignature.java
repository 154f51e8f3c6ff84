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
}
