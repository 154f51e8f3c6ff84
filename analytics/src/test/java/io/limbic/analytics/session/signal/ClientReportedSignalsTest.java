package io.limbic.analytics.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientReportedSignalsTest {
  static final String BUY = "button.buy:nth-child=\"1\"";

  /** A PostHog autocapture click: an element chain and no position. */
  static TelemetrySample phClick(long t, String target) {
    return new TelemetrySample(t, SampleType.CLICK, null, null, null, target, null, null, null);
  }

  static SignalEvent rage(long at, String target) {
    return new SignalEvent(SignalKind.RAGE_CLICK, at, target, null, null, Map.of("clicks", 3.0));
  }

  final ClientReportedSignals judge = new ClientReportedSignals(SignalThresholds.defaults());

  @Test
  void theWindowIsAMinimalBurstPlusOneGap() {
    assertEquals(3000, judge.windowMs());
    assertEquals(4000, new ClientReportedSignals(SignalThresholds.fourClicksIn50Px()).windowMs());
  }

  @Test
  void aReportOfTheBurstOurDetectorFoundCorroboratesItAndRaisesConfidence() {
    SignalFeed feed = new SignalFeed();
    for (long t : new long[] {1000, 1300, 1600}) feed.add(phClick(t, BUY));
    assertEquals(1, feed.events.size());
    assertTrue(judge.detected(feed.events.get(0)).isEmpty(), "nothing was waiting");

    ClientSignalVerdict verdict = judge.report(new ClientSignalReport("r1", SignalKind.RAGE_CLICK, 1600, BUY));
    assertTrue(verdict.corroborated());
    assertEquals(ClientReportedSignals.CORROBORATED, verdict.confidence());
    assertEquals(1600L, verdict.matchedAt());
    assertTrue(verdict.evidence().contains("rageClicks on the same element 0 ms apart"), verdict.evidence());
    assertTrue(ClientReportedSignals.CORROBORATED > ClientReportedSignals.CLIENT_ONLY);
  }

  @Test
  void aReportThatArrivesBeforeTheClicksIsCorroboratedWhenOurSignalFires() {
    ClientSignalVerdict first = judge.report(new ClientSignalReport("r1", SignalKind.RAGE_CLICK, 1600, BUY));
    assertFalse(first.corroborated());
    assertEquals(ClientReportedSignals.CLIENT_ONLY, first.confidence());
    List<ClientSignalVerdict> changed = judge.detected(rage(1601, BUY));
    assertEquals(1, changed.size());
    assertEquals("r1", changed.get(0).reportId());
    assertTrue(changed.get(0).corroborated());
  }

  @Test
  void oneOwnSignalCorroboratesOneReportOnly() {
    judge.detected(rage(1600, BUY));
    assertTrue(judge.report(new ClientSignalReport("r1", SignalKind.RAGE_CLICK, 1600, BUY)).corroborated());
    assertFalse(judge.report(new ClientSignalReport("r2", SignalKind.RAGE_CLICK, 1700, BUY)).corroborated());
  }

  @Test
  void anotherElementAnotherKindOrOutsideTheWindowIsClientOnly() {
    judge.detected(rage(10_000, BUY));
    assertFalse(judge.report(new ClientSignalReport("a", SignalKind.RAGE_CLICK, 10_000, "a.help")).corroborated());
    assertFalse(judge.report(new ClientSignalReport("b", SignalKind.DEAD_CLICK, 10_000, BUY)).corroborated());
    assertFalse(judge.report(new ClientSignalReport("c", SignalKind.RAGE_CLICK, 13_001, BUY)).corroborated());
    assertFalse(judge.report(new ClientSignalReport("d", SignalKind.RAGE_CLICK, 10_000, null)).corroborated());
    assertTrue(judge.report(new ClientSignalReport("e", SignalKind.RAGE_CLICK, 13_000, BUY)).corroborated(),
        "inclusive at the window");
  }

  @Test
  void clicksOurRulesDoNotCallRageLeaveTheReportClientOnly() {
    SignalFeed feed = new SignalFeed(SignalThresholds.defaults().withIgnoredTargets(java.util.Set.of(BUY)));
    for (long t : new long[] {1000, 1300, 1600}) feed.add(phClick(t, BUY));
    assertTrue(feed.events.isEmpty());
    ClientSignalVerdict verdict = judge.report(new ClientSignalReport("r1", SignalKind.RAGE_CLICK, 1600, BUY));
    assertFalse(verdict.corroborated());
    assertTrue(verdict.evidence().contains("no Limbic rageClicks on this element within 3000 ms"), verdict.evidence());
  }

  @Test
  void aDeadClickIsMatchedByTheClickItself() {
    SignalEvent dead = new SignalEvent(SignalKind.DEAD_CLICK, 3500, BUY, null, null, Map.of("clickAt", 1000.0));
    judge.detected(dead);
    ClientSignalVerdict verdict = judge.report(new ClientSignalReport("d1", SignalKind.DEAD_CLICK, 1000, BUY));
    assertTrue(verdict.corroborated());
    assertEquals(1000L, verdict.matchedAt());
  }

  @Test
  void waitingReportsAreBounded() {
    for (int i = 0; i <= ClientReportedSignals.MAX_PENDING; i++) {
      judge.report(new ClientSignalReport("r" + i, SignalKind.RAGE_CLICK, 1000, BUY));
    }
    List<ClientSignalVerdict> changed = judge.detected(rage(1000, BUY));
    assertEquals("r1", changed.get(0).reportId(), "the oldest was given up");
  }
}
