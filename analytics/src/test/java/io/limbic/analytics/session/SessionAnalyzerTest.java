package io.limbic.analytics.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.evaluation.LabelledTrace;
import io.limbic.analytics.session.evaluation.TraceGenerator;
import io.limbic.analytics.session.signal.SignalKind;
import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionAnalyzerTest {
  private static final Set<EmotionalState> ANGRY = Set.of(EmotionalState.RAGE, EmotionalState.FRUSTRATION);

  @Test
  void rejectsInvalidSamplesByIndexAndKeepsTheRest() {
    SessionAnalyzer analyzer = SessionAnalyzer.withDefaults();
    SessionUpdate update = analyzer.offerAll(List.of(
        TelemetrySample.pointer(1_000, SampleType.MOVE, 1, 1),
        TelemetrySample.pointer(1_010, SampleType.MOVE, 200_000, 1),
        TelemetrySample.pointer(1_000, SampleType.MOVE, 1, 1)));
    assertEquals(1, update.accepted());
    assertEquals(List.of(new SessionUpdate.Rejection(1, "x must be a finite number between -100000 and 100000"),
        new SessionUpdate.Rejection(2, "duplicate sample")), update.rejections());
  }

  @Test
  void aRageBurstOnADeadButtonIsReportedAndPersistedAsRage() {
    SessionAnalyzer analyzer = sdkSession();
    List<TelemetrySample> samples = new ArrayList<>();
    java.util.Random tremor = new java.util.Random(1);
    long t = 10_000;
    for (int i = 0; i < 100; i++) {
      // Reaching back and forth across the cart at about 600 px/s, with a little hand tremor.
      double x = 300 + 12.0 * (i % 50 < 25 ? i % 25 : 25 - i % 25) + tremor.nextGaussian() * 2;
      samples.add(new TelemetrySample(t += 20, SampleType.MOVE, x, 300 + tremor.nextGaussian() * 2, null, null,
          "checkout", null, "/cart"));
    }
    for (int i = 0; i < 6; i++) {
      samples.add(new TelemetrySample(t += 150, SampleType.CLICK, 500.0, 300.0, 0, "button#pay", "checkout", null,
          "/cart"));
    }
    for (int i = 0; i < 40; i++) {
      samples.add(new TelemetrySample(t += 20, SampleType.MOVE, 500 + 10.0 * (i % 10), 300.0 + tremor.nextGaussian(),
          null, null, "checkout", null, "/cart"));
    }
    samples.add(TelemetrySample.pointer(t + 3_000, SampleType.MOVE, 520, 310));
    List<SessionUpdate> updates = new ArrayList<>();
    for (TelemetrySample s : samples) updates.add(analyzer.offer(s));
    updates.add(analyzer.flush());
    long rage = updates.stream().flatMap(u -> u.signals().stream()).filter(e -> e.kind() == SignalKind.RAGE_CLICK)
        .count();
    assertEquals(1, rage);
    List<EmotionReading> changes = updates.stream().flatMap(u -> u.emotionChanges().stream()).toList();
    assertFalse(changes.isEmpty());
    EmotionReading last = changes.get(changes.size() - 1);
    assertEquals(EmotionalState.RAGE, last.state());
    assertEquals("/cart", last.url());
    assertEquals("checkout", last.section());
    assertTrue(last.confidence() > 0.5 && last.confidence() <= 1);
    assertFalse(last.evidence().reasons().isEmpty());
    assertEquals(1, last.evidence().signals().get("rageClicks"));
    SessionSummary summary = analyzer.summary();
    assertEquals(1, summary.signals().get("rageClicks"));
    assertEquals(1, summary.signals().get("deadClicks"));
    assertEquals(samples.size(), summary.samples());
  }

  /**
   * Seen on the live server: a slow, straight reach to the pay button, eight clicks on it that nothing answers, then
   * stillness. Delivered as one batch, then the server flushes and lets time pass in 250 ms steps. A person doing this
   * is angry, and stays so while the evidence window still holds the clicks; the state must never read calm or
   * engaged meanwhile, and must say why in terms of the clicks.
   */
  @Test
  void hammeringAnUnresponsivePayButtonAfterASlowStraightReachIsRageOrFrustrationAndStaysSo() {
    SessionAnalyzer analyzer = sdkSession();
    List<TelemetrySample> samples = new ArrayList<>();
    long t = 1_000;
    for (int i = 0; i < 40; i++, t += 50) {
      samples.add(TelemetrySample.pointer(t, SampleType.MOVE, 100 + 7.0 * i, 200 + 3.0 * i));
    }
    for (int i = 0; i < 8; i++, t += 150) {
      samples.add(new TelemetrySample(t, SampleType.CLICK, 400.0, 320.0, 0, "#pay", "checkout", null, "/checkout"));
    }
    long lastClick = t - 150;
    List<SessionUpdate> updates = new ArrayList<>();
    updates.add(analyzer.offerAll(samples));
    updates.add(analyzer.flush());
    // Until the dead click is certain (2.5 s after the first click) and for as long again.
    for (long now = lastClick + 250; now <= lastClick + 5_000; now += 250) {
      updates.add(analyzer.advanceTo(now));
      EmotionReading current = analyzer.currentEmotion().orElseThrow();
      assertTrue(ANGRY.contains(current.state()), (now - lastClick) + " ms after the last click: " + current);
    }
    List<SignalKind> signals = updates.stream().flatMap(u -> u.signals().stream()).map(e -> e.kind()).toList();
    assertEquals(List.of(SignalKind.RAGE_CLICK, SignalKind.DEAD_CLICK), signals);
    List<EmotionReading> persisted = updates.stream().flatMap(u -> u.emotionChanges().stream()).toList();
    assertFalse(persisted.isEmpty());
    EmotionReading last = persisted.get(persisted.size() - 1);
    assertTrue(ANGRY.contains(last.state()), last.toString());
    assertEquals("/checkout", last.url());
    assertEquals("checkout", last.section());
    EmotionReading current = analyzer.currentEmotion().orElseThrow();
    assertEquals(1, current.evidence().signals().get("rageClicks"));
    assertEquals(1, current.evidence().signals().get("deadClicks"));
    assertTrue(current.evidence().reasons().stream().anyMatch(r -> r.startsWith("hammering=")
        || r.startsWith("rageBursts=") || r.startsWith("deadClicks=")), current.evidence().reasons().toString());
    assertTrue(current.evidence().reasons().stream().noneMatch(r -> r.contains("(-")), "reasons only push toward it");
  }

  @Test
  void shuffledDuplicatedAndJumpingStreamsStayFinite() {
    LabelledTrace trace = new TraceGenerator(42).generate(EmotionalState.CONFUSION);
    List<TelemetrySample> samples = new ArrayList<>(trace.samples());
    java.util.Collections.shuffle(samples.subList(100, 160), new java.util.Random(7));
    samples.add(samples.get(50));
    samples.add(new TelemetrySample(5, SampleType.MOVE, 1.0, 1.0, null, null, null, null, null));
    SessionAnalyzer analyzer = SessionAnalyzer.withDefaults();
    for (TelemetrySample s : samples) analyzer.offer(s);
    analyzer.flush();
    SessionSummary summary = analyzer.summary();
    var w = summary.physics().window();
    var s = summary.physics().session();
    for (double v : new double[] {s.meanSpeedPxS(), s.meanAbsAccelPxS2(), s.meanAbsJerkPxS3(), w.meanSpeedPxS(),
        w.meanAbsJerkPxS3(), w.meanCurvatureRadPerPx(), summary.emotion().confidence()}) {
      assertTrue(Double.isFinite(v));
    }
    double sum = summary.emotion().probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(1, sum, 1e-9);
  }

  /** A session of the Limbic SDK (it reports mutations, so dead clicks are judged). */
  static SessionAnalyzer sdkSession() {
    return new SessionAnalyzer(SessionSettings.defaults(), io.limbic.analytics.session.emotion.EmotionClassifier.standard(),
        io.limbic.analytics.session.telemetry.ClientCapabilities.BROWSER_SDK);
  }
}
