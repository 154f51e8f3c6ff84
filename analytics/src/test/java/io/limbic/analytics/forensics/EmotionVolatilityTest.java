package io.limbic.analytics.forensics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.forensics.EmotionVolatility.Cursor;
import io.limbic.analytics.forensics.EmotionVolatility.Delta;
import io.limbic.analytics.forensics.EmotionVolatility.Totals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmotionVolatilityTest {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void weightsAreDistancesOnTheValenceArousalPlane() {
    assertEquals(1.0, EmotionVolatility.weight("calm", "rage"), 1e-12, "the farthest pair");
    assertEquals(EmotionVolatility.weight("rage", "calm"), EmotionVolatility.weight("calm", "rage"), 1e-12);
    assertEquals(0, EmotionVolatility.weight("rage", "rage"));
    assertTrue(EmotionVolatility.weight("rage", "frustration") < EmotionVolatility.weight("engagement", "rage"));
    assertEquals(0.5, EmotionVolatility.weight("rage", "something-new"));
  }

  @Test
  void theIndexIsZeroWithoutChangesAndSixtyThreeAtTheScale() {
    assertEquals(0, EmotionVolatility.index(0, 2), 1e-12);
    assertEquals(100 * (1 - Math.exp(-1)), EmotionVolatility.index(EmotionVolatility.SCALE, 1), 1e-9);
    assertTrue(Double.isNaN(EmotionVolatility.index(3, 0)));
    assertTrue(EmotionVolatility.index(1000, 1) <= 100);
  }

  @Test
  void aReadingAddsTheTimeSinceTheLastEventAndAChangeWhenTheStateMoved() {
    assertEquals(List.of(), EmotionVolatility.emotion(null, "calm", "/a", T), "the first reading starts the clock");
    Cursor calm = new Cursor("calm", "/a", T);
    List<Delta> deltas = EmotionVolatility.emotion(calm, "rage", "/pricing", T.plusSeconds(90));
    LocalDate day = LocalDate.of(2026, 3, 2);
    assertEquals(List.of(new Delta(day, "/a", "calm", 90_000, 0, 0), new Delta(day, "/pricing", null, 0, 1, 1000)),
        deltas);
    assertEquals(List.of(new Delta(day, "/a", "calm", 60_000, 0, 0)), EmotionVolatility.tick(calm, T.plusSeconds(60)));
    assertEquals(EmotionVolatility.MAX_GAP.toMillis(),
        EmotionVolatility.tick(calm, T.plusSeconds(7200)).get(0).millis(), "a long gap counts as away");
    assertEquals(List.of(), EmotionVolatility.emotion(calm, "calm", "/a", T), "same state, no time: nothing");
  }

  @Test
  void totalsGiveTheIndexOfTheirRate() {
    // three full-size swings in half an hour: R = 6 per hour = the scale
    Totals t = new Totals(3, 3000, 1_800_000);
    assertEquals(63.21, t.index(), 0.01);
    assertEquals(0.5, t.sessionHours(), 1e-12);
    assertEquals(new Totals(4, 3500, 1_900_000), t.plus(new Totals(1, 500, 100_000)));
  }
}
