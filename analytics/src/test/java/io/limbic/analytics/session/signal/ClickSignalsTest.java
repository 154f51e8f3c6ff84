package io.limbic.analytics.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClickSignalsTest {

  @Test
  void rageClickExactlyAtEveryThresholdCounts() {
    SignalFeed feed = new SignalFeed().click(0, 100, 100).click(1_000, 130, 100).click(2_000, 100, 130);
    assertEquals(1, feed.count(SignalKind.RAGE_CLICK), "1000 ms gaps and 30 px are inclusive");
    SignalEvent rage = feed.events.get(0);
    assertEquals(3.0, rage.details().get("clicks"));
    assertEquals(2_000.0, rage.details().get("spanMs"));
    assertEquals(30.0, rage.details().get("radiusPx"));
  }

  @Test
  void oneMillisecondOrOnePixelTooFarIsNoRageClick() {
    assertEquals(0, new SignalFeed().click(0, 100, 100).click(1_001, 100, 100).click(2_001, 100, 100)
        .count(SignalKind.RAGE_CLICK));
    assertEquals(0, new SignalFeed().click(0, 100, 100).click(500, 130.01, 100).click(1_000, 100, 100)
        .count(SignalKind.RAGE_CLICK), "the far click restarts the burst, leaving only two");
  }

  @Test
  void aBurstCountsOnceAndABreakStartsANewOne() {
    SignalFeed feed = new SignalFeed();
    for (int i = 0; i < 8; i++) feed.click(i * 150L, 200, 200);
    assertEquals(1, feed.count(SignalKind.RAGE_CLICK));
    for (int i = 0; i < 3; i++) feed.click(5_000 + i * 150L, 200, 200);
    assertEquals(2, feed.count(SignalKind.RAGE_CLICK));
  }

  @Test
  void amplitudeThresholdsNeedFourClicks() {
    SignalFeed feed = new SignalFeed(SignalThresholds.fourClicksIn50Px());
    feed.click(0, 0, 0).click(500, 45, 0).click(900, 0, 45);
    assertEquals(0, feed.count(SignalKind.RAGE_CLICK));
    feed.click(1_300, 10, 10);
    assertEquals(1, feed.count(SignalKind.RAGE_CLICK));
  }

  @Test
  void ignoredTargetsAreInvisible() {
    SignalThresholds t = SignalThresholds.defaults().withIgnoredTargets(Set.of("button#go", "canvas*"));
    SignalFeed feed = new SignalFeed(t).click(0, 1, 1).click(100, 1, 1).click(200, 1, 1)
        .add(TelemetrySample.click(300, 1, 1, "canvas#game")).advance(10_000);
    assertEquals(0, feed.events.size());
    assertEquals(4, feed.signals.ignoredClicks());
  }

  @Test
  void deadClickWindowIsInclusive() {
    SignalFeed live = new SignalFeed().click(0, 5, 5).marker(2_500, SampleType.MUTATION).advance(10_000);
    assertEquals(0, live.count(SignalKind.DEAD_CLICK), "a mutation at exactly 2500 ms answers the click");
    SignalFeed dead = new SignalFeed().click(0, 5, 5).marker(2_501, SampleType.MUTATION);
    assertEquals(1, dead.count(SignalKind.DEAD_CLICK));
    assertEquals(2_500, dead.events.get(0).at());
  }

  @Test
  void scrollAndNavigationAlsoAnswerAClick() {
    SignalFeed feed = new SignalFeed().click(0, 5, 5).add(TelemetrySample.scroll(300, 200))
        .click(1_000, 300, 300).add(TelemetrySample.nav(1_200, "/next")).advance(10_000);
    assertEquals(0, feed.count(SignalKind.DEAD_CLICK));
  }

  @Test
  void aDeadRageBurstIsOneDeadClick() {
    SignalFeed feed = new SignalFeed();
    for (int i = 0; i < 5; i++) feed.click(i * 200L, 50, 50);
    feed.advance(10_000);
    assertEquals(1, feed.count(SignalKind.DEAD_CLICK));
    assertEquals(1, feed.count(SignalKind.RAGE_CLICK));
  }

  @Test
  void errorClickWithinOneSecondInclusive() {
    SignalFeed feed = new SignalFeed().click(0, 5, 5).click(400, 300, 5).marker(1_000, SampleType.ERROR);
    assertEquals(1, feed.count(SignalKind.ERROR_CLICK), "one error sample after two clicks counts once");
    assertEquals(2.0, feed.events.get(0).details().get("clicks"));
    feed.advance(10_000);
    assertEquals(0, feed.count(SignalKind.DEAD_CLICK), "an error is a response");
    SignalFeed late = new SignalFeed().click(0, 5, 5).marker(1_001, SampleType.ERROR);
    assertEquals(0, late.count(SignalKind.ERROR_CLICK));
  }

  @Test
  void aClickThatClosesATextSelectionIsNotAClick() {
    SignalFeed feed = new SignalFeed();
    for (int i = 0; i < 3; i++) {
      long t = i * 300L;
      feed.add(TelemetrySample.pointer(t, SampleType.DOWN, 10, 10)).move(t + 50, 60, 12)
          .add(TelemetrySample.pointer(t + 100, SampleType.UP, 110, 12)).click(t + 100, 110, 12);
    }
    feed.advance(10_000);
    assertEquals(0, feed.events.size());
    assertEquals(3, feed.signals.ignoredClicks());
  }
}
