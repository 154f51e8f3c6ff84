package io.limbic.analytics.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventIdWindowTest {
  private static long h(String id) {
    return EventIdWindow.hash(id);
  }

  @Test
  void theHashIsStableAndSpreadsIds() {
    assertEquals(h("e1"), h("e1"));
    assertNotEquals(h("e1"), h("e2"));
    // Pinned: a persisted hash must never change with a JVM or a refactoring.
    assertEquals(0x2cf24dba5fb0a30eL, h("hello"));
  }

  @Test
  void idsAreRememberedUntilForgottenByTime() {
    EventIdWindow w = EventIdWindow.empty().record(new long[] {h("a"), h("b")}, 1_000, Long.MIN_VALUE);
    w = w.record(new long[] {h("c")}, 5_000, 0);
    assertTrue(w.contains(h("a")) && w.contains(h("b")) && w.contains(h("c")));
    assertEquals(3, w.countSince(0));
    assertEquals(1, w.countSince(2_000));

    EventIdWindow later = w.record(new long[] {h("d")}, 9_000, 2_000);
    assertFalse(later.contains(h("a")));
    assertTrue(later.contains(h("c")) && later.contains(h("d")));
    assertEquals(2, later.size());
  }

  @Test
  void aRepeatedHashKeepsItsLatestTimeAndIsStoredOnce() {
    EventIdWindow w = EventIdWindow.empty().record(new long[] {h("a"), h("a")}, 1_000, 0);
    assertEquals(1, w.size());
    w = w.record(new long[] {h("a")}, 8_000, 0);
    assertEquals(1, w.size());
    assertEquals(1, w.countSince(5_000));
  }

  @Test
  void manyIdsStaySortedForLookup() {
    EventIdWindow w = EventIdWindow.empty();
    for (int chunk = 0; chunk < 20; chunk++) {
      long[] fresh = new long[500];
      for (int i = 0; i < 500; i++) fresh[i] = h("id-" + (chunk * 500 + i));
      w = w.record(fresh, chunk, 0);
    }
    assertEquals(10_000, w.size());
    for (int i = 0; i < 10_000; i += 97) assertTrue(w.contains(h("id-" + i)));
    assertFalse(w.contains(h("id-10000")));
  }
}
