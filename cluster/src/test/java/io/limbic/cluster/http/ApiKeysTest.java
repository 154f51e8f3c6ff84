package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.files.OwnerOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
  void keysMustBeToken68() {
    for (String good : List.of("abcdefghijklmnop", "A-Z.a_z~0+9/xyz-", "0123456789abcdef==", "lk_Zm9vYmFyYmF6cXV4")) {
      assertTrue(ApiKeys.isToken68(good), good);
      assertFalse(ApiKeys.parse("acme:" + good).isEmpty(), good);
    }
    for (String bad :
        List.of("0123456789 abcdef", "0123456789\"abcdef", "0123456789abcdef;x", "0123456789=abcdef",
            "0123456789abcdéf", "0123456789abc\tdef", "=0123456789abcdef", "0123456789ab@def", "0123456789ab\\def")) {
      assertFalse(ApiKeys.isToken68(bad), bad);
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("globex:" + bad), bad);
      assertTrue(refused.getMessage().contains("tenant 'globex'"), refused.getMessage());
      assertTrue(refused.getMessage().contains("token68"), refused.getMessage());
      assertFalse(refused.getMessage().contains(bad.trim()), "the message never holds the key: " + refused.getMessage());
    }
  }

  @Test
  void refusalsNameTheTenantOrEntryNeverTheKey() {
    String secret = "sh0rt";
    IllegalArgumentException shortKey =
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("acme:acme-0123456789abcdef,initech:" + secret));
    assertTrue(shortKey.getMessage().contains("tenant 'initech'"), shortKey.getMessage());
    assertFalse(shortKey.getMessage().contains(secret));
    IllegalArgumentException noTenant =
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("acme:acme-0123456789abcdef,0123456789abcdefXYZ"));
    assertTrue(noTenant.getMessage().contains("entry 2"), noTenant.getMessage());
    assertFalse(noTenant.getMessage().contains("0123456789abcdefXYZ"));
  }

  @Test
  void theGeneratedKeyIsKeptAndReused() throws Exception {
    Path dir = Files.createTempDirectory("keys");
    ApiKeys.DefaultKey created = ApiKeys.loadOrGenerateDefault(dir);
    assertTrue(created.created());
    assertTrue(ApiKeys.isToken68(created.key()));
    ApiKeys.DefaultKey loaded = ApiKeys.loadOrGenerateDefault(dir);
    assertFalse(loaded.created());
    assertEquals(created.key(), loaded.key());
    assertNotEquals(created.key(), ApiKeys.loadOrGenerateDefault(Files.createTempDirectory("other")).key());
    assertEquals(Optional.of("default"), ApiKeys.parse("default:" + created.key()).tenantOf(created.key()));
    assertFalse(created.toString().contains(created.key()));
  }

  @Test
  void theKeyFileIsOwnerOnlyAndNothingElseIsLeftBehind() throws Exception {
    Path dir = Files.createTempDirectory("keys").resolve("data");
    ApiKeys.DefaultKey key = ApiKeys.loadOrGenerateDefault(dir);
    assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(dir));
    assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(key.file()));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(key.file()), files.toList(), "no temporary file remains");
    }
  }

  @Test
  void aKeyWithoutRolesHasAllThree() {
    assertEquals(keyCaller("acme", Role.all(), "acme-0123456789abcdef"), keys.callerOf("acme-0123456789abcdef"));
    assertEquals(Set.of(Role.INGEST, Role.READ, Role.ADMIN), Role.all());
  }

  @Test
  void rolesFollowTheKeyJoinedByPlus() {
    ApiKeys roles = ApiKeys.parse(
        "acme:ingest-0123456789abcdef:ingest, acme:reader-0123456789abcdef:read+admin,"
            + " globex:globex+0123456789abcdef/==:admin+ingest+read");
    assertEquals(keyCaller("acme", Set.of(Role.INGEST), "ingest-0123456789abcdef"),
        roles.callerOf("ingest-0123456789abcdef"));
    assertEquals(
        keyCaller("acme", Set.of(Role.READ, Role.ADMIN), "reader-0123456789abcdef"),
        roles.callerOf("reader-0123456789abcdef"));
    // A token68 key may hold '+' itself: only the part after the second colon is roles.
    assertEquals(keyCaller("globex", Role.all(), "globex+0123456789abcdef/=="),
        roles.callerOf("globex+0123456789abcdef/=="));
    assertEquals(Optional.of("acme"), roles.tenantOf("ingest-0123456789abcdef"));
    assertEquals(Optional.empty(), roles.callerOf("ingest-0123456789abcdef:ingest"));
    assertTrue(roles.callerOf("acme-0123456789abcdef").isEmpty());
  }

  @Test
  void unknownOrEmptyRolesAreRefusedNamingTheTenantNeverTheKeyOrRoles() {
    for (String bad : List.of("write", "", "read+", "+read", "Read", "read++admin", "read admin", "read:admin")) {
      IllegalArgumentException refused = assertThrows(
          IllegalArgumentException.class, () -> ApiKeys.parse("initech:initech-0123456789abcdef:" + bad), bad);
      assertTrue(refused.getMessage().contains("tenant 'initech'"), refused.getMessage());
      assertTrue(refused.getMessage().contains("ingest, read or admin"), refused.getMessage());
      assertFalse(refused.getMessage().contains("initech-0123456789abcdef"), refused.getMessage());
      if (!bad.isBlank()) assertFalse(refused.getMessage().contains("'" + bad + "'"), refused.getMessage());
    }
  }

  @Test
  void theKeyBeforeTheRolesIsStillToken68AndLongEnough() {
    IllegalArgumentException shortKey =
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("acme:short:read"));
    assertTrue(shortKey.getMessage().contains("shorter than"), shortKey.getMessage());
    IllegalArgumentException notToken68 =
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("acme:0123456789ab@defgh:read"));
    assertTrue(notToken68.getMessage().contains("token68"), notToken68.getMessage());
    assertFalse(notToken68.getMessage().contains("0123456789ab@defgh"), notToken68.getMessage());
  }

  @Test
  void theNodesOwnTenantIdIsRefused() {
    var refused = assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("limbic:limbic-0123456789abcdef"));
    assertTrue(refused.getMessage().contains("reserved"), refused.getMessage());
    assertFalse(refused.getMessage().contains("limbic-0123456789abcdef"), "the key is never echoed");
  }

  /** The caller a configured key is: its tenant and roles, under the key's safe name. */
  private static Optional<Caller> keyCaller(String tenant, Set<Role> roles, String key) {
    return Optional.of(new Caller(tenant, roles).named(ApiKeys.nameOf(key)));
  }
}
