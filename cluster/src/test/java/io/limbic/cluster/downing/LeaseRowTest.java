package io.limbic.cluster.downing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LeaseRowTest {
  private static final OffsetDateTime T = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void aFreeRowIsTakeableByAnyone() {
    LeaseRow free = new LeaseRow(LeaseRow.FREE, T.plusHours(1), 3);
    assertTrue(free.takeableBy("b", T));
    assertFalse(free.heldBy("b", T));
  }

  @Test
  void aHeldRowIsTakeableOnlyByItsOwnerUntilItExpires() {
    LeaseRow held = new LeaseRow("a", T.plusSeconds(12), 3);
    assertTrue(held.takeableBy("a", T));
    assertTrue(held.heldBy("a", T));
    assertFalse(held.takeableBy("b", T));
    assertFalse(held.takeableBy("b", T.plusSeconds(11)));
    assertTrue(held.takeableBy("b", T.plusSeconds(12)), "expired at its expiry");
    assertFalse(held.heldBy("a", T.plusSeconds(12)));
  }

  @Test
  void claimingWritesTheNewOwnerTheExpiryAndTheNextVersion() {
    LeaseRow claimed = new LeaseRow("a", T, 3).claimedBy("b", T.plusSeconds(1), Duration.ofSeconds(12));
    assertEquals(new LeaseRow("b", T.plusSeconds(13), 4), claimed);
  }
}
