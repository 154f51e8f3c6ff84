package io.limbic.analytics.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdleJobLedgerTest {
  private static final Instant IDLE = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void theSameWorkIsHeldOnceWhicheverTokenOffersIt() {
    IdleJobLedger ledger = new IdleJobLedger();
    IdleJobKey key = new IdleJobKey("acme/u1", 1, IDLE);
    assertTrue(ledger.hold(11, key));
    // A second wake-up (sweeper, new incarnation) offers the same work under a new token: it finds the first.
    assertFalse(ledger.hold(12, new IdleJobKey("acme/u1", 1, IDLE)));
    assertEquals(Optional.of(11L), ledger.holder(key));
    assertEquals(1, ledger.size());
  }

  @Test
  void anotherPhaseOrIdlePeriodOrUserIsOtherWork() {
    IdleJobLedger ledger = new IdleJobLedger();
    assertTrue(ledger.hold(1, new IdleJobKey("acme/u1", 1, IDLE)));
    assertTrue(ledger.hold(2, new IdleJobKey("acme/u1", 2, IDLE)));
    assertTrue(ledger.hold(3, new IdleJobKey("acme/u1", 1, IDLE.plusSeconds(1))));
    assertTrue(ledger.hold(4, new IdleJobKey("acme/u2", 1, IDLE)));
    assertTrue(ledger.hold(5, new IdleJobKey("other/u1", 1, IDLE)));
    assertEquals(Set.of(1L, 2L, 3L), ledger.tokensOf("acme/u1"));
    assertEquals(Set.of(5L), ledger.tokensOf("other/u1"));
  }

  @Test
  void aTokenIsNeverHeldForTwoPiecesOfWork() {
    IdleJobLedger ledger = new IdleJobLedger();
    assertTrue(ledger.hold(1, new IdleJobKey("acme/u1", 1, IDLE)));
    assertFalse(ledger.hold(1, new IdleJobKey("acme/u2", 1, IDLE)));
    assertEquals(Optional.empty(), ledger.holder(new IdleJobKey("acme/u2", 1, IDLE)));
  }

  @Test
  void releasedWorkCanBeOfferedAgainAndUnknownTokensAreIgnored() {
    IdleJobLedger ledger = new IdleJobLedger();
    IdleJobKey key = new IdleJobKey("acme/u1", 1, IDLE);
    ledger.hold(1, key);
    ledger.release(99);
    ledger.release(1);
    ledger.release(1);
    assertEquals(0, ledger.size());
    assertEquals(Set.of(), ledger.tokensOf("acme/u1"));
    assertTrue(ledger.hold(2, key));
    assertEquals(Optional.of(2L), ledger.holder(key));
  }
}
