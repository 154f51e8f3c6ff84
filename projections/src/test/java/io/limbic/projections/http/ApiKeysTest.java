package io.limbic.projections.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private final ApiKeys keys = ApiKeys.parse("acme:acme-0123456789abcdef, globex:globex-0123456789abcdef");

  @Test
  void eachKeyBelongsToItsTenant() {
    assertEquals(Optional.of("acme"), keys.tenantOf("acme-0123456789abcdef"));
    assertEquals(Optional.of("globex"), keys.tenantOf("globex-0123456789abcdef"));
  }

  @Test
  void unknownOrNearlyRightKeysBelongToNoOne() {
    assertEquals(Optional.empty(), keys.tenantOf("acme-0123456789abcdeF"));
    assertEquals(Optional.empty(), keys.tenantOf(""));
  }

  @Test
  void malformedSpecificationsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("no-colon"));
    assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("acme:short"));
    assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("bad/tenant:0123456789abcdef0"));
    assertTrue(ApiKeys.parse(" ").isEmpty());
  }

  @Test
  void theGeneratedKeyIsKeptAndReused() throws Exception {
    Path dir = Files.createTempDirectory("keys");
    String key = ApiKeys.loadOrGenerateDefault(dir);
    assertEquals(key, ApiKeys.loadOrGenerateDefault(dir));
    assertNotEquals(key, ApiKeys.loadOrGenerateDefault(Files.createTempDirectory("other")));
    assertEquals(Optional.of("default"), ApiKeys.parse("default:" + key).tenantOf(key));
  }
}
