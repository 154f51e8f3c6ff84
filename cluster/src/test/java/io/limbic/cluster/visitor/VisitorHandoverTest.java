package io.limbic.cluster.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.user.ProductEventsResult.Refused;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitorHandoverTest {
  @Test
  void aChunkIsDoneUpToTheFirstRetryableRefusalAndACurrencyPastTheCapDoesNotHoldItBack() {
    assertEquals(10, Visitor.acknowledged(new ProductEventsResult(10, 0), 10));
    assertEquals(4, Visitor.acknowledged(new ProductEventsResult(4, 0, List.of(
        new Refused(4, ProductEventsResult.ID_WINDOW_FULL), new Refused(5, ProductEventsResult.ID_WINDOW_FULL))), 6));
    assertEquals(10, Visitor.acknowledged(new ProductEventsResult(9, 0, List.of(
        new Refused(2, ProductEventsResult.CURRENCY_LIMIT))), 10));
    assertEquals(7, Visitor.acknowledged(new ProductEventsResult(6, 0, List.of(
        new Refused(2, ProductEventsResult.CURRENCY_LIMIT), new Refused(7, ProductEventsResult.ID_WINDOW_FULL))), 9));
  }
}
