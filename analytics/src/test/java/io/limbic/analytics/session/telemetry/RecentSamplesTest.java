package io.limbic.analytics.session.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentSamplesTest {

  private static TelemetrySample move(long t, double x) {
    return TelemetrySample.pointer(t, SampleType.MOVE, x, 0);
  }

  @Test
  void forgetsTheOldestAtTheBound() {
    RecentSamples recent = new RecentSamples(3);
    for (int i = 0; i < 4; i++) recent.add(move(1000 + i, i));
    assertEquals(3, recent.size());
    assertFalse(recent.contains(move(1000, 0)), "the first of four is gone");
    for (int i = 1; i < 4; i++) assertTrue(recent.contains(move(1000 + i, i)), "sample " + i + " is kept");
  }

  @Test
  void manySamplesAtOneTimeAreToldApartByContent() {
    RecentSamples recent = new RecentSamples(64);
    for (int i = 0; i < 40; i++) recent.add(move(5000, i));
    for (int i = 0; i < 40; i++) assertTrue(recent.contains(move(5000, i)));
    assertFalse(recent.contains(move(5000, 40)));
    assertFalse(recent.contains(move(5001, 0)));
  }

  /**
   * Against the memory ReorderBuffer had before (an insertion-ordered set trimmed to the bound), on a stream with
   * repeats, equal times and wrap-around many times over, crossing every growth step of the arrays.
   */
  @Test
  void answersAsAnInsertionOrderedSetTrimmedToTheBoundWould() {
    for (int capacity : new int[] {1, 2, 3, 16, 17, 100, 1024}) {
      RecentSamples recent = new RecentSamples(capacity);
      LinkedHashSet<TelemetrySample> model = new LinkedHashSet<>();
      Random random = new Random(capacity);
      long t = 0;
      for (int i = 0; i < 20_000; i++) {
        t += random.nextInt(3);
        TelemetrySample sample = move(t - random.nextInt(capacity + 2), random.nextInt(4));
        boolean expected = model.contains(sample);
        assertEquals(expected, recent.contains(sample), "capacity " + capacity + ", sample " + i);
        if (!expected) {
          recent.add(sample);
          model.add(sample);
          if (model.size() > capacity) {
            Iterator<TelemetrySample> oldest = model.iterator();
            oldest.next();
            oldest.remove();
          }
        }
      }
      assertEquals(model.size(), recent.size());
    }
  }
}
