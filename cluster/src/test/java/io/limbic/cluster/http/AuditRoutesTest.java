package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.limbic.projections.audit.AuditQuery;
import io.limbic.protocol.http.Validated;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The query of GET /v1/audit, and who an actor is. */
class AuditRoutesTest {
  @Test
  void readsTheQuery() {
    AuditQuery q = AuditRoutes.query("acme", Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-03-02T00:00:00Z",
        "action", "projection.rebuild", "limit", "5", "after", "42")).get();
    assertEquals(new AuditQuery("acme", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"),
        "projection.rebuild", 42L, 5), q);
    AuditQuery none = AuditRoutes.query("acme", Map.of()).get();
    assertEquals(AuditRoutes.DEFAULT_LIMIT, none.limit());
    assertNull(none.before());
  }

  @Test
  void refusesWhatItCannotRead() {
    for (Map<String, String> bad : new Map[] {Map.of("from", "yesterday"), Map.of("limit", "0"),
        Map.of("limit", "501"), Map.of("after", "x"), Map.of("after", "0"), Map.of("action", "DROP TABLE"),
        Map.of("from", "2026-03-02T00:00:00Z", "to", "2026-03-01T00:00:00Z")}) {
      Validated<AuditQuery> q = AuditRoutes.query("acme", bad);
      assertFalse(q.isValid(), bad.toString());
      assertEquals("invalid_parameter", ((Validated.Invalid<AuditQuery>) q).code());
    }
  }

  @Test
  void anActorIsNamedByItsKeyDigestOrItsUserNeverByItsKey() {
    String key = "acme-admin-0123456789abcdef";
    AuditLog.Actor byKey = AuditLog.Actor.of(new Caller("acme", Set.of(Role.READ, Role.ADMIN)), key);
    assertEquals(new AuditLog.Actor("acme", ApiKeys.nameOf(key), java.util.List.of("admin", "read")), byKey);
    assertFalse(byKey.who().contains(key));
    assertEquals("user:u1", AuditLog.Actor.of(Caller.ofUser("acme", "u1"), "eyJ.a.b").who());
  }
}
