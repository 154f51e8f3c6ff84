package io.limbic.analytics.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.health.Reachability.Change;
import io.limbic.analytics.health.Reachability.Step;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReachabilityTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void lostOnlyAfterTheGivenFailuresInARow() {
    Reachability r = Reachability.reachable();
    Step one = r.failed(T0, 3);
    Step two = one.next().failed(T0.plusSeconds(1), 3);
    assertEquals(Change.NONE, one.change());
    assertEquals(Change.NONE, two.change());
    assertFalse(two.next().isLost());
    Step three = two.next().failed(T0.plusSeconds(2), 3);
    assertEquals(Change.LOST, three.change());
    assertEquals(Duration.ofSeconds(3), three.next().outage(T0.plusSeconds(5)));
  }

  @Test
  void aSuccessBetweenFailuresStartsTheCountAgain() {
    Reachability r = Reachability.reachable().failed(T0, 2).next().succeeded().next();
    Step after = r.failed(T0.plusSeconds(1), 2);
    assertEquals(Change.NONE, after.change());
    assertFalse(after.next().isLost());
  }

  @Test
  void furtherFailuresKeepWhenItWasLostAndTheFirstSuccessRegainsIt() {
    Reachability lost = Reachability.reachable().failed(T0, 1).next();
    Step again = lost.failed(T0.plusSeconds(4), 1);
    assertEquals(Change.NONE, again.change());
    assertEquals(T0, again.next().lostAt().orElseThrow());
    Step back = again.next().succeeded();
    assertEquals(Change.REGAINED, back.change());
    assertFalse(back.next().isLost());
    assertEquals(Change.NONE, back.next().succeeded().change());
    assertEquals(Duration.ZERO, back.next().outage(T0.plusSeconds(9)));
  }

  @Test
  void aThresholdBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Reachability.reachable().failed(T0, 0));
    assertTrue(Reachability.reachable().failed(T0, 1).next().isLost());
  }
}
