package io.limbic.analytics.session.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
  private final ReorderBuffer buffer = new ReorderBuffer(new ReorderBuffer.Settings(500, 100, 10_000, 200));
  private final List<TelemetrySample> released = new ArrayList<>();

  private ReorderBuffer.Offer offer(TelemetrySample s) {
    ReorderBuffer.Offer offer = buffer.offer(s);
    released.addAll(offer.released());
    return offer;
  }

  private static TelemetrySample move(long t, double x) {
    return TelemetrySample.pointer(t, SampleType.MOVE, x, 0);
  }

  private List<Long> times() {
    return released.stream().map(TelemetrySample::t).toList();
  }

  @Test
  void reordersWithinTheWindow() {
    offer(move(1000, 1));
    offer(move(1300, 3));
    offer(move(1100, 2));
    assertTrue(released.isEmpty(), "nothing is 500 ms old yet");
    offer(move(1600, 4));
    assertEquals(List.of(1000L, 1100L), times());
    released.addAll(buffer.drain());
    assertEquals(List.of(1000L, 1100L, 1300L, 1600L), times());
  }

  @Test
  void dropsExactDuplicatesButKeepsDistinctSamplesWithEqualTime() {
    offer(move(1000, 1));
    assertEquals("duplicate sample", offer(move(1000, 1)).dropped().orElseThrow());
    assertTrue(offer(move(1000, 2)).dropped().isEmpty());
    released.addAll(buffer.drain());
    assertEquals(List.of(1.0, 2.0), released.stream().map(TelemetrySample::x).toList(), "arrival order kept");
    assertEquals(1, buffer.duplicates());
  }

  @Test
  void dropsSamplesBehindWhatWasReleased() {
    offer(move(1000, 1));
    offer(move(2000, 2));
    assertEquals(List.of(1000L), times());
    assertTrue(offer(move(1400, 3)).dropped().orElseThrow().startsWith("late"));
    assertTrue(offer(move(1600, 3)).dropped().isEmpty(), "still inside the window");
  }

  @Test
  void aBigBackwardClockJumpIsRebasedAndDoesNotStall() {
    offer(move(100_000, 1));
    offer(move(100_200, 2));
    offer(move(5_000, 3));
    assertEquals(List.of(100_000L, 100_200L), times(), "everything held is released at the jump");
    offer(move(5_100, 4));
    offer(move(5_700, 5));
    assertEquals(List.of(100_000L, 100_200L, 100_201L, 100_301L), times(), "later samples keep the offset");
    released.addAll(buffer.drain());
    assertEquals(List.of(100_000L, 100_200L, 100_201L, 100_301L, 100_901L), times());
    assertEquals(1, buffer.clockJumps());
  }

  @Test
  void boundsWhatItHolds() {
    ReorderBuffer small = new ReorderBuffer(new ReorderBuffer.Settings(10_000, 3, 20_000, 3));
    int out = 0;
    for (int i = 0; i < 10; i++) out += small.offer(move(1000 + i, i)).released().size();
    assertEquals(7, out);
    assertEquals(3, small.heldCount());
  }

  @Test
  void aRepeatOlderThanTheDuplicateMemoryIsNoLongerRecognised() {
    ReorderBuffer twoRemembered = new ReorderBuffer(new ReorderBuffer.Settings(10_000, 2, 20_000, 2));
    TelemetrySample first = move(2000, 1);
    twoRemembered.offer(first);
    assertEquals("duplicate sample", twoRemembered.offer(first).dropped().orElseThrow(), "still remembered");
    twoRemembered.offer(move(1500, 2));
    twoRemembered.offer(move(1600, 3));
    assertTrue(twoRemembered.offer(first).dropped().isEmpty(), "two newer samples pushed it out of the memory");
    assertEquals(1, twoRemembered.duplicates());
  }

  @Test
  void samplesWithTheSameTimeAreDuplicatesOnlyWhenEveryFieldMatches() {
    TelemetrySample click = TelemetrySample.click(1000, 10, 20, "#buy");
    offer(click);
    assertTrue(offer(TelemetrySample.click(1000, 10, 20, "#sell")).dropped().isEmpty(), "other target");
    assertTrue(offer(click.withNoRage(TelemetrySample.NoRage.STEPPER)).dropped().isEmpty(), "other hint");
    assertTrue(offer(move(1000, 10)).dropped().isEmpty(), "other type");
    assertTrue(offer(TelemetrySample.click(1001, 10, 20, "#buy")).dropped().isEmpty(), "same content, other time");
    assertEquals("duplicate sample", offer(TelemetrySample.click(1000, 10, 20, "#buy")).dropped().orElseThrow(),
        "an equal record, not the same instance");
    assertEquals("duplicate sample",
        offer(click.withNoRage(TelemetrySample.NoRage.STEPPER)).dropped().orElseThrow());
    assertEquals(2, buffer.duplicates());
  }
}
