package io.limbic.projections.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  @Test
  void matchesTheHmacSha256TestVectorOfRfc4231() {
    assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSignature.of("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
  }
}
