package io.limbic.projections.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.projections.matching.ReadModelDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Actions are stored when begun, finished with a status, and read back per tenant, newest first, in pages. */
class AuditRepositoryTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.h2();
  }

  static AuditAction action(String tenant, int minute, String name, String target) {
    return new AuditAction(tenant, T0.plusSeconds(60L * minute), "key-0123456789abcdef", List.of("admin", "read"),
        name, target, "corr-" + minute, "req-" + minute);
  }

  static AuditQuery all(String tenant, int limit) {
    return new AuditQuery(tenant, null, null, null, null, limit);
  }

  @Test
  void anActionIsStoredWithoutStatusUntilFinished() throws Exception {
    try (ReadModelDatabase db = open()) {
      AuditRepository log = new AuditRepository(db.dataSource);
      long id = log.begin(action("acme", 0, "projection.rebuild", "user-activity"));
      AuditEntry running = log.page(all("acme", 10)).get(0);
      assertEquals(id, running.id());
      assertNull(running.status(), "begun, not finished");
      assertEquals(action("acme", 0, "projection.rebuild", "user-activity"), running.action());

      log.finish(id, 202, "ignored: the target is kept");
      assertEquals(202, log.page(all("acme", 10)).get(0).status());
      assertEquals("user-activity", log.page(all("acme", 10)).get(0).action().target());
    }
  }

  @Test
  void aCreationGetsTheIdOfWhatItCreatedWhenFinished() throws Exception {
    try (ReadModelDatabase db = open()) {
      AuditRepository log = new AuditRepository(db.dataSource);
      long id = log.begin(action("acme", 0, "publishable_key.create", null));
      log.finish(id, 201, "pk-0011");
      AuditEntry created = log.page(all("acme", 10)).get(0);
      assertEquals(201, created.status());
      assertEquals("pk-0011", created.action().target());
    }
  }

  @Test
  void pagesAreNewestFirstFilteredAndScopedToTheTenant() throws Exception {
    try (ReadModelDatabase db = open()) {
      AuditRepository log = new AuditRepository(db.dataSource);
      for (int minute = 0; minute < 5; minute++) log.begin(action("acme", minute, "incident.ack", "i-" + minute));
      log.begin(action("acme", 5, "config.signals.update", null));
      log.begin(action("globex", 6, "incident.ack", "theirs"));

      List<AuditEntry> first = log.page(all("acme", 4));
      assertEquals(List.of("config.signals.update", "incident.ack", "incident.ack", "incident.ack"),
          first.stream().map(e -> e.action().action()).toList());
      assertNull(first.get(0).action().target());
      List<AuditEntry> second = log.page(new AuditQuery("acme", null, null, null, first.get(3).id(), 4));
      assertEquals(List.of("i-1", "i-0"), second.stream().map(e -> e.action().target()).toList());

      List<AuditEntry> window = log.page(new AuditQuery("acme", T0.plusSeconds(60), T0.plusSeconds(180),
          "incident.ack", null, 10));
      assertEquals(List.of("i-2", "i-1"), window.stream().map(e -> e.action().target()).toList(),
          "from is inclusive, to exclusive");
      assertTrue(log.page(all("globex", 10)).stream().allMatch(e -> e.action().tenant().equals("globex")));
      assertEquals(1, log.page(all("globex", 10)).size());
    }
  }

  @Test
  void aLongTargetIsClipped() throws Exception {
    try (ReadModelDatabase db = open()) {
      AuditRepository log = new AuditRepository(db.dataSource);
      log.begin(action("acme", 0, "segment.delete", "s".repeat(1000)));
      assertEquals(AuditAction.MAX_TARGET, log.page(all("acme", 1)).get(0).action().target().length());
    }
  }
}
