package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DashboardSessionsTest {
  private static final byte[] SECRET = "a-dashboard-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static DashboardSessions at(Instant now, byte[] secret) {
    return new DashboardSessions(secret, Duration.ofHours(8), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aSessionNamesTheTenantAndTheKeyNameUntilItExpires() {
    String token = at(NOW, SECRET).issue("ops", "key-0123456789abcdef").token();
    DashboardSessions.Session session = at(NOW.plus(Duration.ofHours(7)), SECRET).verify(token).orElseThrow();
    assertEquals("ops", session.tenant());
    assertEquals("key-0123456789abcdef", session.keyName());
    assertTrue(at(NOW.plus(Duration.ofHours(9)), SECRET).verify(token).isEmpty(), "expired");
  }

  @Test
  void anotherSecretOrATamperedTokenIsRefused() {
    String token = at(NOW, SECRET).issue("ops", "key-0123456789abcdef").token();
    byte[] other = "another-dashboard-secret-of-32-bytes-".getBytes(StandardCharsets.UTF_8);
    assertTrue(at(NOW, other).verify(token).isEmpty());
    String[] parts = token.split("\\.");
    String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
    assertTrue(at(NOW, SECRET).verify(forged).isEmpty());
    assertTrue(at(NOW, SECRET).verify("not-a-token").isEmpty());
  }

  @Test
  void aUserTokenOfTheSameSecretIsNoSession() {
    UserTokens users = new UserTokens(UserTokenKeys.NONE, SECRET, Duration.ofSeconds(30), Duration.ofHours(24),
        Clock.fixed(NOW, ZoneOffset.UTC));
    assertFalse(at(NOW, SECRET).verify(users.issue("ops", "alice", Duration.ofHours(1)).token()).isPresent());
  }
}
