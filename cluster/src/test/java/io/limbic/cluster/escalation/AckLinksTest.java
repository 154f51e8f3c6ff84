package io.limbic.cluster.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AckLinksTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private final AckLinks links =
      new AckLinks("secret".getBytes(StandardCharsets.UTF_8), Duration.ofHours(24), () -> "https://limbic.example");

  private String token(AckLinks from) {
    String url = from.url("acme", "u1", "inc_1", 1, NOW);
    return url.substring(url.indexOf("token=") + 6);
  }

  @Test
  void aTokenSignedHereNamesItsIncidentAndContactUntilItExpires() {
    String url = links.url("acme", "u1", "inc_1", 1, NOW);
    assertTrue(url.startsWith("https://limbic.example/v1/incidents/inc_1/ack?token="), url);
    AckLinks.Claim claim = links.verify("inc_1", token(links), NOW.plusSeconds(60)).orElseThrow();
    assertEquals("acme", claim.tenant());
    assertEquals("u1", claim.userId());
    assertEquals(1, claim.contactIndex());
    assertTrue(links.verify("inc_1", token(links), NOW.plus(Duration.ofHours(24))).isEmpty(), "expired");
  }

  @Test
  void anotherSecretAnotherIncidentOrATamperedTokenIsRefused() {
    AckLinks other =
        new AckLinks("other".getBytes(StandardCharsets.UTF_8), Duration.ofHours(24), () -> "https://limbic.example");
    assertTrue(links.verify("inc_1", token(other), NOW).isEmpty());
    assertTrue(links.verify("inc_2", token(links), NOW).isEmpty());
    String t = token(links);
    assertTrue(links.verify("inc_1", "x" + t, NOW).isEmpty());
    assertTrue(links.verify("inc_1", "garbage", NOW).isEmpty());
    assertTrue(links.verify("inc_1", null, NOW).isEmpty());
  }
}
