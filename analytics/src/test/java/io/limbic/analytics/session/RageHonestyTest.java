package io.limbic.analytics.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.emotion.EmotionClassifier;
import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.emotion.RageBelief;
import io.limbic.analytics.session.signal.SignalEvent;
import io.limbic.analytics.session.signal.SignalKind;
import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.analytics.session.telemetry.ClientCapabilities;
import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.SampleValidation;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules that make rage trustworthy: converging evidence, rage-click exemptions, capabilities and the prior. */
class RageHonestyTest {
  static final SessionSettings BALANCED =
      SessionSettings.defaults().withThresholds(SignalThresholds.defaults().withRagePrior(RageBelief.TRAINING_SHARE));

  /** A fast erratic approach, a burst of {@code clicks} on one spot, and then the pointer resting for 3 s. */
  static List<TelemetrySample> burst(int clicks, String noRage) {
    List<TelemetrySample> samples = new ArrayList<>();
    java.util.Random tremor = new java.util.Random(3);
    long t = 10_000;
    for (int i = 0; i < 100; i++) {
      double x = 300 + 12.0 * (i % 50 < 25 ? i % 25 : 25 - i % 25) + tremor.nextGaussian() * 2;
      samples.add(new TelemetrySample(t += 20, SampleType.MOVE, x, 300 + tremor.nextGaussian() * 2, null, null,
          "checkout", null, "/cart"));
    }
    for (int i = 0; i < clicks; i++) {
      samples.add(new TelemetrySample(t += 150, SampleType.CLICK, 500.0, 300.0, 0, "button#pay", "checkout", null,
          "/cart", noRage));
    }
    samples.add(TelemetrySample.pointer(t + 3_000, SampleType.MOVE, 520, 310));
    return samples;
  }

  static List<SessionUpdate> feed(SessionAnalyzer analyzer, List<TelemetrySample> samples) {
    List<SessionUpdate> updates = new ArrayList<>();
    for (TelemetrySample s : samples) updates.add(analyzer.offer(s));
    updates.add(analyzer.flush());
    long end = samples.get(samples.size() - 1).t();
    for (long t = end; t <= end + 4_000; t += 250) updates.add(analyzer.advanceTo(t));
    return updates;
  }

  static List<SignalKind> kinds(List<SessionUpdate> updates) {
    return updates.stream().flatMap(u -> u.signals().stream()).map(SignalEvent::kind).toList();
  }

  static double maxRage(List<SessionUpdate> updates, SessionAnalyzer analyzer) {
    double max = 0;
    for (SessionUpdate u : updates) {
      for (EmotionReading r : u.emotionChanges()) if (r.state() == EmotionalState.RAGE) max = Math.max(max, r.confidence());
    }
    EmotionReading now = analyzer.classifyNow();
    if (now.state() == EmotionalState.RAGE) max = Math.max(max, now.confidence());
    return max;
  }

  @Test
  void aClickBurstAloneIsNeverEscalationGradeRage() {
    // No mutations declared: no dead clicks, so the burst is the only evidence. Even at the training base rate.
    SessionAnalyzer analyzer = new SessionAnalyzer(BALANCED, EmotionClassifier.standard(), ClientCapabilities.NONE);
    List<SessionUpdate> updates = feed(analyzer, burst(8, null));
    assertEquals(List.of(SignalKind.RAGE_CLICK), kinds(updates));
    assertTrue(maxRage(updates, analyzer) <= RageBelief.UNCORROBORATED_CAP, "capped: " + maxRage(updates, analyzer));
    EmotionReading now = analyzer.classifyNow();
    assertNotNull(now.evidence().rage());
    assertEquals(List.of(), now.evidence().rage().corroboratedBy());
  }

  @Test
  void aBurstOnADeadButtonConvergesAndMayEscalate() {
    SessionAnalyzer analyzer = new SessionAnalyzer(BALANCED, EmotionClassifier.standard(), ClientCapabilities.BROWSER_SDK);
    List<SessionUpdate> updates = feed(analyzer, burst(8, null));
    assertEquals(List.of(SignalKind.RAGE_CLICK, SignalKind.DEAD_CLICK), kinds(updates));
    assertTrue(maxRage(updates, analyzer) >= 0.85, "converging evidence: " + maxRage(updates, analyzer));
    EmotionReading now = analyzer.classifyNow();
    assertEquals(List.of("deadClicks"), now.evidence().rage().corroboratedBy());
    assertFalse(now.evidence().rage().capped());
    assertTrue(now.evidence().reasons().get(0).startsWith("rage prior 0.1667"), now.evidence().reasons().toString());
  }

  @Test
  void theCapMovesTheExcessToTheOtherStates() {
    double[] p = {0.95, 0.01, 0.01, 0.01, 0.01, 0.01};
    RageBelief belief = rageBelief(p, Map.of(SignalKind.RAGE_CLICK, 2));
    assertTrue(belief.capped());
    assertEquals(RageBelief.UNCORROBORATED_CAP, p[0], 1e-12);
    assertEquals(1, java.util.Arrays.stream(p).sum(), 1e-12);
    assertEquals(0.01 + 0.15 / 5, p[1], 1e-12);
  }

  static RageBelief rageBelief(double[] p, Map<SignalKind, Integer> signals) {
    try {
      var apply = RageBelief.class.getDeclaredMethod("apply", double[].class, double.class, Map.class);
      apply.setAccessible(true);
      return (RageBelief) apply.invoke(null, p, RageBelief.TRAINING_SHARE, signals);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theTenantPriorMovesThePosteriorAndTheEvidenceSaysBy() {
    SessionAnalyzer balanced =
        new SessionAnalyzer(BALANCED, EmotionClassifier.standard(), ClientCapabilities.BROWSER_SDK);
    SessionAnalyzer rare = new SessionAnalyzer(SessionSettings.defaults(), EmotionClassifier.standard(),
        ClientCapabilities.BROWSER_SDK);
    feed(balanced, burst(8, null));
    feed(rare, burst(8, null));
    RageBelief b = balanced.classifyNow().evidence().rage();
    RageBelief r = rare.classifyNow().evidence().rage();
    assertEquals(SignalThresholds.DEFAULT_RAGE_PRIOR, r.prior());
    assertEquals(b.likelihoodRatio(), r.likelihoodRatio(), 1e-9 * b.likelihoodRatio(), "same evidence, same ratio");
    assertTrue(r.posterior() < b.posterior());
    double priorOdds = r.prior() / (1 - r.prior());
    double posteriorOdds = r.posterior() / (1 - r.posterior());
    assertEquals(priorOdds * r.likelihoodRatio(), posteriorOdds, 1e-6 * posteriorOdds, "Bayes' rule");
  }

  @Test
  void clicksTheClientExemptsNeverMakeARageClick() {
    for (String reason : List.of(TelemetrySample.NoRage.SELECTION, TelemetrySample.NoRage.STEPPER,
        TelemetrySample.NoRage.MARKED)) {
      SessionAnalyzer analyzer = new SessionAnalyzer(SessionSettings.defaults(), EmotionClassifier.standard(),
          ClientCapabilities.BROWSER_SDK);
      List<SignalKind> kinds = kinds(feed(analyzer, burst(8, reason)));
      assertFalse(kinds.contains(SignalKind.RAGE_CLICK), reason + ": " + kinds);
      // A stepper or marked element that does nothing is still a dead click; a selection answered itself.
      assertEquals(!reason.equals(TelemetrySample.NoRage.SELECTION), kinds.contains(SignalKind.DEAD_CLICK), reason);
    }
  }

  @Test
  void aTripleClickThatSelectsTextIsNoRageClick() {
    SessionAnalyzer analyzer = new SessionAnalyzer(SessionSettings.defaults(), EmotionClassifier.standard(),
        ClientCapabilities.BROWSER_SDK);
    List<TelemetrySample> samples = new ArrayList<>();
    long t = 1_000;
    samples.add(TelemetrySample.click(t, 200, 200, "p.text"));
    samples.add(TelemetrySample.click(t += 150, 201, 200, "p.text").withNoRage(TelemetrySample.NoRage.SELECTION));
    samples.add(TelemetrySample.marker(t + 3, SampleType.SELECT));
    samples.add(TelemetrySample.click(t += 150, 201, 201, "p.text").withNoRage(TelemetrySample.NoRage.SELECTION));
    samples.add(TelemetrySample.marker(t + 3, SampleType.SELECT));
    samples.add(TelemetrySample.pointer(t + 4_000, SampleType.MOVE, 220, 210));
    List<SignalKind> kinds = kinds(feed(analyzer, samples));
    assertEquals(List.of(), kinds, "no rage click, and the selection answered the first click");
  }

  @Test
  void aClientThatNeverDeclaredMutationsGetsNoDeadClicks() {
    SessionAnalyzer undeclared = SessionAnalyzer.withDefaults();
    List<TelemetrySample> lone = List.of(TelemetrySample.click(1_000, 10, 10, "button#a"),
        TelemetrySample.pointer(5_000, SampleType.MOVE, 20, 20));
    assertEquals(List.of(), kinds(feed(undeclared, lone)));
    SessionAnalyzer declaredLater = SessionAnalyzer.withDefaults();
    declaredLater.declare(new ClientCapabilities(true, false));
    assertEquals(List.of(SignalKind.DEAD_CLICK), kinds(feed(declaredLater, lone)));
  }

  @Test
  void rageHintsAreValidated() {
    assertEquals("noRage must be selection, stepper or marked", SampleValidation.fromFields(
        Map.of("t", 1, "type", "click", "noRage", "because")).reason());
    assertEquals("noRage is only for click samples", SampleValidation.fromFields(
        Map.of("t", 1, "type", "move", "x", 1, "y", 1, "noRage", "stepper")).reason());
    assertEquals("stepper", SampleValidation.fromFields(
        Map.of("t", 1, "type", "click", "noRage", "stepper")).sample().noRage());
    assertTrue(SampleValidation.fromFields(Map.of("t", 1, "type", "select")).ok());
  }

  @Test
  void twoClicksAreNeverARageClick() {
    assertTrue(SignalThresholds.defaults().withRage(2, 1000, 30).validate().contains("rageMinClicks must be 3..50"));
  }

  @Test
  void quickClicksOnNeighbouringElementsAreNoRageClick() {
    SessionAnalyzer analyzer = new SessionAnalyzer(SessionSettings.defaults(), EmotionClassifier.standard(),
        ClientCapabilities.BROWSER_SDK);
    List<TelemetrySample> samples = List.of(TelemetrySample.click(1_000, 200, 200, "span.label-6"),
        TelemetrySample.click(1_180, 205, 200, "span.label-8"), TelemetrySample.click(1_290, 208, 202, "button.opt-15"),
        TelemetrySample.pointer(5_000, SampleType.MOVE, 220, 210));
    assertFalse(kinds(feed(analyzer, samples)).contains(SignalKind.RAGE_CLICK));
  }
}
