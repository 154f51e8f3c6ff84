package io.limbic.analytics.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.telemetry.TelemetrySample;
import org.junit.jupiter.api.Test;

class MotionSignalsTest {

  /** Swings of 100 px every {@code periodMs}: n + 1 swings make n reversals. */
  private static SignalFeed swings(SignalFeed feed, long start, int swings, long periodMs) {
    feed.move(start, 0, 0);
    for (int i = 1; i <= swings; i++) feed.move(start + i * periodMs, i % 2 == 1 ? 100 : 0, 0);
    return feed;
  }

  @Test
  void tenReversalsWithinTwoSecondsThrash() {
    // 11 swings 200 ms apart: reversals at 400..2200 ms, the first and tenth exactly 1800 ms apart.
    assertEquals(1, swings(new SignalFeed(), 0, 11, 200).count(SignalKind.THRASHED_CURSOR));
    assertEquals(0, swings(new SignalFeed(), 0, 10, 200).count(SignalKind.THRASHED_CURSOR), "nine reversals");
  }

  @Test
  void reversalsSpreadBeyondTheWindowDoNotThrash() {
    // Reversals 223 ms apart: the tenth comes 2007 ms after the first.
    assertEquals(0, swings(new SignalFeed(), 0, 11, 223).count(SignalKind.THRASHED_CURSOR));
    assertEquals(1, swings(new SignalFeed(), 0, 11, 222).count(SignalKind.THRASHED_CURSOR), "1998 ms");
  }

  @Test
  void jitterIsNotThrashingAndAnEpisodeCountsOnce() {
    SignalFeed feed = new SignalFeed();
    for (int i = 0; i < 100; i++) feed.move(i * 20L, 500 + (i % 2) * 7, 300);
    assertEquals(0, feed.count(SignalKind.THRASHED_CURSOR), "7 px wobble is below the 8 px travel rule");
    swings(feed, 3_000, 40, 100);
    assertEquals(1, feed.count(SignalKind.THRASHED_CURSOR));
    swings(feed, 20_000, 12, 100);
    assertEquals(2, feed.count(SignalKind.THRASHED_CURSOR));
  }

  @Test
  void quickBackWithinFiveSecondsInclusive() {
    SignalFeed feed = new SignalFeed().add(TelemetrySample.nav(0, "/a")).add(TelemetrySample.nav(1_000, "/b"))
        .add(TelemetrySample.nav(6_000, "/a"));
    assertEquals(1, feed.count(SignalKind.QUICK_BACK));
    assertEquals(5_000.0, feed.events.get(0).details().get("dwellMs"));
    SignalFeed slow = new SignalFeed().add(TelemetrySample.nav(0, "/a")).add(TelemetrySample.nav(1_000, "/b"))
        .add(TelemetrySample.nav(6_001, "/a"));
    assertEquals(0, slow.count(SignalKind.QUICK_BACK));
  }

  @Test
  void excessiveScrollIsJudgedAgainstTheSessionsOwnBaseline() {
    SignalFeed feed = new SignalFeed();
    double y = 0;
    // A steady reader: 300 px per second for 20 s, so the baseline is 900 px per 3 s window.
    for (int i = 0; i <= 20; i++) feed.add(TelemetrySample.scroll(i * 1_000L, y += 300));
    assertEquals(0, feed.count(SignalKind.EXCESSIVE_SCROLL));
    // Up and down 1000 px at a time: 4 reversals and 4000 px within 3 s, above 3 x 900 and the 3000 px floor.
    long t = 21_000;
    for (int i = 0; i < 5; i++) feed.add(TelemetrySample.scroll(t += 500, y += (i % 2 == 0 ? -1_000 : 1_000)));
    assertEquals(1, feed.count(SignalKind.EXCESSIVE_SCROLL));
    assertTrue(feed.events.get(0).details().get("thresholdPx") >= 3_000);
  }

  @Test
  void aHeavyScrollerIsNotExcessiveAtTheFloor() {
    SignalFeed feed = new SignalFeed();
    double y = 0;
    long t = 0;
    for (int i = 0; i < 40; i++) feed.add(TelemetrySample.scroll(t += 500, y += (i % 2 == 0 ? 1_500 : -1_400)));
    long earlier = feed.count(SignalKind.EXCESSIVE_SCROLL);
    assertEquals(1, earlier, "a first episode, before any baseline exists");
    for (int i = 0; i < 40; i++) feed.add(TelemetrySample.scroll(t += 500, y += (i % 2 == 0 ? 1_500 : -1_400)));
    assertEquals(1, feed.count(SignalKind.EXCESSIVE_SCROLL), "the same habit later is this session's normal");
  }
}
