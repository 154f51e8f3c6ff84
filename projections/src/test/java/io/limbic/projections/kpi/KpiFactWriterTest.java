package io.limbic.projections.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.projections.matching.ReadModelDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two projection instances adding to the same tenant row that does not exist yet (one row per tenant, period and
 * KPI, which every instance adds to): the second waits for the first and adds to its row, and neither transaction
 * fails. A plain MERGE failed the second on PostgreSQL with a unique violation once the first committed.
 */
class KpiFactWriterTest {
  private static final Instant HOUR = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void h2() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.h2()) {
      twoInstancesAddToANewTenantRow(db);
    }
  }

  @Test
  void postgres() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.postgres()) {
      twoInstancesAddToANewTenantRow(db);
    }
  }

  private static void twoInstancesAddToANewTenantRow(ReadModelDatabase db) throws Exception {
    db.race(c -> KpiFactWriter.write(c, revenue("ann", "100")), c -> KpiFactWriter.write(c, revenue("bob", "30")));
    assertEquals(List.of(List.of(new BigDecimal("130.000000"))), db.rows(
        "SELECT amount FROM kpi_tenant_facts WHERE tenant = 'acme' AND grain = 'h' AND name = 'revenue'"));
    assertEquals(4, db.count("SELECT COUNT(*) FROM kpi_user_facts WHERE tenant = 'acme' AND name = 'revenue'"));
  }

  private static KpiFacts revenue(String userId, String amount) {
    KpiFacts facts = new KpiFacts();
    facts.add("acme", userId, HOUR.plusSeconds(60), "revenue", new BigDecimal(amount));
    return facts;
  }
}
