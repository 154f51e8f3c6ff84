package io.limbic.projections.forensics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.analytics.forensics.ProductOutcome;
import io.limbic.projections.matching.ReadModelDatabase;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserEvent.ProductEventRecorded;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductOutcomesProjectionHandlerTest {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void everyProductEventOnceWithItsServerTime() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.h2()) {
      ProductEventsRecorded batch = new ProductEventsRecorded("acme", "u1", T.plusSeconds(60), List.of(
          new ProductEvent("p1", "purchase", new BigDecimal("120.50"), "USD", T.minusSeconds(3600)),
          new ProductEvent("c1", "churn", null, null, T)), T.minusSeconds(86_400));
      ProductEventRecorded old = new ProductEventRecorded("acme", "u2", T, "p0", "purchase", BigDecimal.TEN, "EUR");
      db.project(new ProductOutcomesProjectionHandler(), batch, old, batch);
      List<ProductOutcome> outcomes = new ForensicsRepository(db.dataSource)
          .outcomes("acme", "purchase", "churn", T.minusSeconds(1), T.plusSeconds(3600), 100);
      assertEquals(List.of(
          new ProductOutcome("u2", "p0", "purchase", 10.0, "EUR", T),
          new ProductOutcome("u1", "c1", "churn", 0, null, T.plusSeconds(60)),
          new ProductOutcome("u1", "p1", "purchase", 120.5, "USD", T.plusSeconds(60))), outcomes);
    }
  }
}
