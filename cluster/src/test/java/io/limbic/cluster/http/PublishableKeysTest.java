package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublishableKeysTest {
  private final PublishableKeys keys = PublishableKeys.parse(
      "acme:phc_acme0123456789abcdef:https://shop.acme.example|http://localhost:3000, globex:phc_globex0123456789abc");

  @Test
  void aKeyGrantsItsTenantsIngestionFromItsOrigins() {
    PublishableKeys.Grant acme = keys.find("phc_acme0123456789abcdef").orElseThrow();
    assertEquals("acme", acme.tenant());
    assertEquals(Set.of(Role.INGEST), acme.caller().roles());
    assertTrue(acme.allows(Optional.of("https://shop.acme.example")));
    assertTrue(acme.allows(Optional.of("http://localhost:3000")));
    assertTrue(acme.allows(Optional.empty()), "servers send no Origin");
    assertFalse(acme.allows(Optional.of("https://evil.example")));
    assertFalse(keys.find("phc_globex0123456789abc").orElseThrow().allows(Optional.of("https://shop.acme.example")));
    assertTrue(keys.anyKeyAllows("https://shop.acme.example:443"));
    assertFalse(keys.anyKeyAllows("https://evil.example"));
  }

  @Test
  void aSecretKeyTableTakesPublishableKeysAsIngestOnlyCallers() {
    ApiKeys all = ApiKeys.parse("acme:acme-secret-0123456789abcdef").with(keys);
    assertEquals(Set.of(Role.INGEST), all.callerOf("phc_acme0123456789abcdef").orElseThrow().roles());
    assertEquals(Role.all(), all.callerOf("acme-secret-0123456789abcdef").orElseThrow().roles());
    assertTrue(all.callerOf("phc_acme0123456789abcdeF").isEmpty());
  }

  @Test
  void malformedEntriesAreRefusedWithoutEchoingTheKey() {
    IllegalArgumentException shortKey =
        assertThrows(IllegalArgumentException.class, () -> PublishableKeys.parse("acme:k3y"));
    assertFalse(shortKey.getMessage().contains("k3y"), shortKey.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PublishableKeys.parse("phc_acme0123456789abcdef"));
    assertThrows(IllegalArgumentException.class,
        () -> PublishableKeys.parse("acme:phc_acme0123456789abcdef:not-an-origin"));
    assertTrue(PublishableKeys.parse(" ").find("anything-0123456789").isEmpty());
  }
}
